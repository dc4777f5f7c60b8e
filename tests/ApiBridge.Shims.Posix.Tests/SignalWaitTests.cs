using System.Diagnostics;
using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using E = ApiBridge.Shims.Posix.Errno;
using M = ApiBridge.Shims.Posix.Support.SignalMask;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>sigtimedwait(2)/sigwaitinfo/sigwait(3) and sched_rr_get_interval(2).</summary>
public sealed unsafe class SignalWaitTests : PosixTest
{
    [DllImport("libc")] private static extern int sched_rr_get_interval(int pid, Timespec* tp);

    private static ulong Bit(int sig) => 1UL << (sig - 1);

    [Fact]
    public void On_Linux_a_wait_with_nothing_pending_times_out_with_EAGAIN_and_a_bad_timeout_is_EINVAL()
    {
        var set = Bit(10);
        var shortWait = new Timespec { tv_nsec = 20_000_000 };
        var watch = Stopwatch.StartNew();
        Assert.Equal(-1, SignalWaits.sigtimedwait(&set, null, &shortWait));
        Assert.Equal(E.EAGAIN, Errno);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(15), watch.Elapsed.ToString());
        var bad = new Timespec { tv_nsec = 1_000_000_000 };
        Assert.Equal(-1, SignalWaits.sigtimedwait(&set, null, &bad));
        Assert.Equal(E.EINVAL, Errno);
        // sigwait returns its error number and leaves errno alone.
        ApiBridge.Runtime.LastError.Set(0);
        int sig;
        Assert.Equal(E.EFAULT, SignalWaits.sigwait(null, &sig));
        Assert.Equal(0, Errno);
    }

    [Fact]
    public void On_a_Windows_host_a_wait_takes_the_lowest_pending_signal_of_the_set_with_SI_USER_info()
    {
        var mask = new M();
        var block = Bit(10) | Bit(12) | Bit(15);
        Assert.Equal(0, SignalMasks.Windows(mask, M.SIG_BLOCK, &block, null, _ => throw new InvalidOperationException()));
        Assert.True(mask.Hold(15));
        Assert.True(mask.Hold(12));
        var info = stackalloc byte[SignalWaits.SiginfoSize];
        new Span<byte>(info, SignalWaits.SiginfoSize).Fill(0xAA);
        Assert.Equal(12, SignalWaits.Windows(mask, Bit(12) | Bit(15), info, null));
        Assert.Equal(12, *(int*)info);
        Assert.Equal(0, *(int*)(info + 8)); // SI_USER
        Assert.Equal(System.Environment.ProcessId, *(int*)(info + 16));
        Assert.Equal(Bit(15), mask.Pending);
        var none = new Timespec();
        Assert.Equal(-1, SignalWaits.Windows(mask, Bit(10), null, &none)); // 15 is pending but not asked for
        Assert.Equal(E.EAGAIN, Errno);
        Assert.Equal(15, SignalWaits.Windows(mask, Bit(15), null, &none));
        Assert.Equal(0UL, mask.Pending);
        var negative = new Timespec { tv_sec = -1 };
        Assert.Equal(-1, SignalWaits.Windows(mask, Bit(15), null, &negative));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void Sched_rr_get_interval_answers_as_the_host()
    {
        Timespec mine = new() { tv_sec = 5 }, host = new() { tv_sec = 5 };
        Assert.Equal(sched_rr_get_interval(0, &host), Scheduling.sched_rr_get_interval(0, &mine));
        Assert.Equal(host, mine);
        Assert.Equal(-1, Scheduling.sched_rr_get_interval(-1, &mine));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Scheduling.sched_rr_get_interval(int.MaxValue, &mine));
        Assert.Equal(E.ESRCH, Errno);
    }
}
