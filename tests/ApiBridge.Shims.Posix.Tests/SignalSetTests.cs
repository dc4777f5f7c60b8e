using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Libc;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>The sigset_t operations, checked against this host's glibc signal by signal, and strsignal/psignal.</summary>
public sealed unsafe class SignalSetTests : PosixTest
{
    [Fact]
    public void Each_operation_answers_as_glibc_for_every_number()
    {
        ulong ours = 0xDEAD, theirs = 0xDEAD;
        Assert.Equal(0, SignalSets.sigfillset(&ours));
        HostC.sigfillset(&theirs);
        Assert.Equal(theirs, ours);
        Assert.Equal(0, SignalSets.sigismember(&ours, 32)); // glibc's own signals are never in a full set
        for (var sig = -1; sig <= 66; sig++)
        {
            ulong a = 0, b = 0;
            SignalSets.sigemptyset(&a);
            HostC.sigemptyset(&b);
            Assert.Equal(HostC.sigaddset(&b, sig), SignalSets.sigaddset(&a, sig));
            Assert.Equal(b, a);
            Assert.Equal(HostC.sigismember(&b, sig), SignalSets.sigismember(&a, sig));
            if (HostC.sigismember(&b, sig) < 0)
                Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(HostC.sigdelset(&b, sig), SignalSets.sigdelset(&a, sig));
            Assert.Equal(b, a);
            Assert.Equal(0UL, a);
        }
        Assert.Equal(-1, SignalSets.sigaddset(&ours, 33));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, SignalSets.sigemptyset(null));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal((HostC.__libc_current_sigrtmin(), HostC.__libc_current_sigrtmax()),
            (SignalSets.__libc_current_sigrtmin(), SignalSets.__libc_current_sigrtmax()));
    }

    [Fact]
    public void Sets_combine_and_report_emptiness()
    {
        ulong left, right, result;
        SignalSets.sigemptyset(&left);
        SignalSets.sigemptyset(&right);
        Assert.Equal(1, SignalSets.sigisemptyset(&left));
        SignalSets.sigaddset(&left, 2);
        SignalSets.sigaddset(&left, 15);
        SignalSets.sigaddset(&right, 15);
        SignalSets.sigaddset(&right, 10);
        Assert.Equal(0, SignalSets.sigisemptyset(&left));
        Assert.Equal(0, SignalSets.sigandset(&result, &left, &right));
        Assert.Equal((0, 1, 0), (SignalSets.sigismember(&result, 2), SignalSets.sigismember(&result, 15), SignalSets.sigismember(&result, 10)));
        Assert.Equal(0, SignalSets.sigorset(&result, &left, &right));
        Assert.Equal((1, 1, 1, 0), (SignalSets.sigismember(&result, 2), SignalSets.sigismember(&result, 15), SignalSets.sigismember(&result, 10), SignalSets.sigismember(&result, 9)));
        Assert.Equal(-1, SignalSets.sigorset(&result, null, &right));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, SignalSets.sigisemptyset(null));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void Strsignal_is_glibcs_text_and_psignal_writes_it_to_descriptor_2()
    {
        for (var sig = -2; sig <= 70; sig++)
            Assert.Equal(Str(HostC.strsignal(sig)), Str(SignalNames.strsignal(sig)));
        Assert.True(SignalNames.strsignal(90) == SignalNames.strsignal(91)); // unknown: the thread's one buffer
        Assert.Equal("Unknown signal 91", Str(SignalNames.strsignal(91)));

        var fd = Open(P("err"), Native.OpenFlags.O_CREAT | Native.OpenFlags.O_WRONLY);
        Assert.Equal(2, Files.dup2(fd, 2));
        LastError.Set(E.ENOENT);
        fixed (byte* prefix = Z("worker")) fixed (byte* empty = Z(""))
        {
            SignalNames.psignal(15, prefix);
            SignalNames.psignal(40, null);
            SignalNames.psignal(99, empty);
        }
        Assert.Equal(E.ENOENT, Errno); // psignal reports nothing
        Assert.Equal("worker: Terminated\nReal-time signal 6\nUnknown signal 99\n", File.ReadAllText(P("err")));
    }
}
