using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Support;
using E = ApiBridge.Shims.Posix.Errno;
using M = ApiBridge.Shims.Posix.Support.SignalMask;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>sigprocmask(2) and sigpending(2): the Linux host's own mask, and a Windows host's kept mask with its pending signals.</summary>
public sealed unsafe class SignalMaskTests : PosixTest
{
    [DllImport("libc")] private static extern int sigprocmask(int how, ulong* set, ulong* oldset);

    private static ulong Bit(int sig) => 1UL << (sig - 1);

    [Fact]
    public void On_Linux_the_mask_is_the_threads_own_and_unblockable_signals_are_dropped()
    {
        ulong saved;
        Assert.Equal(0, sigprocmask(M.SIG_BLOCK, null, &saved));
        try
        {
            var set = Bit(10) | Bit(9) | Bit(19) | Bit(32) | Bit(33);
            ulong old, now, host;
            Assert.Equal(0, SignalMasks.sigprocmask(M.SIG_SETMASK, &set, &old));
            Assert.Equal(saved, old);
            Assert.Equal(0, sigprocmask(M.SIG_BLOCK, null, &host));
            Assert.Equal(Bit(10), host);
            Assert.Equal(0, SignalMasks.sigprocmask(99, null, &now)); // how unread without a set
            Assert.Equal(host, now);
            Assert.Equal(-1, SignalMasks.sigprocmask(99, &set, null));
            Assert.Equal(E.EINVAL, Errno);
            ulong pending = ulong.MaxValue;
            Assert.Equal(0, SignalMasks.sigpending(&pending));
            Assert.Equal(0UL, pending);
        }
        finally
        {
            sigprocmask(M.SIG_SETMASK, &saved, null);
        }
    }

    [Fact]
    public void Sighold_and_sigrelse_change_the_mask_by_one_signal_and_refuse_as_sigaddset_does()
    {
        ulong saved, now;
        Assert.Equal(0, sigprocmask(M.SIG_BLOCK, null, &saved));
        try
        {
            Assert.Equal(0, SignalMasks.sighold(12));
            Assert.Equal(0, sigprocmask(M.SIG_BLOCK, null, &now));
            Assert.Equal(saved | Bit(12), now);
            Assert.Equal(0, SignalMasks.sigrelse(12));
            Assert.Equal(0, sigprocmask(M.SIG_BLOCK, null, &now));
            Assert.Equal(saved & ~Bit(12), now);
            foreach (var bad in new[] { 0, 32, 33, 65 })
            {
                Assert.Equal(-1, SignalMasks.sighold(bad));
                Assert.Equal(E.EINVAL, Errno);
                Assert.Equal(-1, SignalMasks.sigrelse(bad));
                Assert.Equal(E.EINVAL, Errno);
            }
            Assert.Equal(0, SignalMasks.sighold(9)); // accepted, and dropped by the kernel
            Assert.Equal(0, sigprocmask(M.SIG_BLOCK, null, &now));
            Assert.Equal(0UL, now & Bit(9));
        }
        finally
        {
            sigprocmask(M.SIG_SETMASK, &saved, null);
        }
    }

    [Fact]
    public void On_a_Windows_host_a_blocked_signal_waits_and_is_delivered_when_unblocked()
    {
        var mask = new M();
        var delivered = new List<int>();
        var set = Bit(15) | Bit(9) | Bit(32);
        ulong old = 7;
        Assert.Equal(0, SignalMasks.Windows(mask, M.SIG_BLOCK, &set, &old, delivered.Add));
        Assert.Equal(0UL, old);
        Assert.Equal(Bit(15), mask.Blocked); // SIGKILL and glibc's 32 are never blocked
        Assert.True(mask.Hold(15));
        Assert.False(mask.Hold(2)); // not blocked: the caller delivers it at once
        Assert.Equal(Bit(15), mask.Pending);

        var other = Bit(2);
        Assert.Equal(0, SignalMasks.Windows(mask, M.SIG_BLOCK, &other, &old, delivered.Add));
        Assert.Equal(Bit(15), old);
        Assert.Empty(delivered);
        var unblock = Bit(15);
        Assert.Equal(0, SignalMasks.Windows(mask, M.SIG_UNBLOCK, &unblock, null, delivered.Add));
        Assert.Equal([15], delivered);
        Assert.Equal(0UL, mask.Pending);
        Assert.Equal(Bit(2), mask.Blocked);

        Assert.Equal(-1, SignalMasks.Windows(mask, 3, &set, null, delivered.Add));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(Bit(2), mask.Blocked); // unchanged by the refused call
        var seen = 0UL;
        var thread = new Thread(() => seen = mask.Blocked);
        thread.Start();
        thread.Join();
        Assert.Equal(0UL, seen); // the mask is per thread
    }
}
