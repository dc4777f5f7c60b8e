using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// raise, sigqueue, killpg, alarm, ualarm, pause, sigsuspend and __xpg_sigpause. A Linux host delivers the signals
/// itself. A Windows host has no signals: the bridge delivers the ones the process sends itself and the alarm timer's
/// (<see cref="AlarmClock"/>) through <see cref="SignalDelivery"/>, as the guest's dispositions (<see cref="SignalActions"/>)
/// say — its handler, nothing for SIG_IGN, or the default action, which for SIGALRM ends the process with status 128 + 14.
/// The alarm's handler runs on the timer's thread, beside the guest's threads (Windows cannot interrupt one of them), as
/// on Linux when a .NET process's SIGALRM is taken by another of its threads; pause and sigsuspend return -1 with EINTR
/// once a handler has run.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class Signals
{
    public const int SIGALRM = 14;

    /// <summary>The alarm timer's thread is no guest thread and blocks nothing: its SIGALRM is never held.</summary>
    private static readonly Lazy<AlarmClock> Clock = new(() => new AlarmClock(() => SignalActions.Delivery.Send(SIGALRM, SignalOrigin.Kernel)));

    /// <summary>
    /// int raise(int sig) — 0, or -1 with EINVAL for a number that is no signal. A handler runs before raise returns,
    /// on the calling thread (a Linux host's raise is the thread-directed tgkill).
    /// </summary>
    [ShimExport("raise")]
    public static int raise(int sig)
    {
        if (sig is < 0 or > 64)
            return Fail(Errno.EINVAL);
        if (HostLibc.Available)
            return HostLibc.raise(sig) == 0 ? 0 : Fail(HostLibc.Errno);
        return sig == 0 ? 0 : Result(SignalActions.Delivery.Send(sig, SignalOrigin.Self(SignalOrigin.SI_TKILL)));
    }

    /// <summary>
    /// int sigqueue(pid_t pid, int sig, const union sigval value) — kill of one process (no groups: pid 0 or negative
    /// is ESRCH, as the kernel finds no such process); EINVAL for no signal. A signal to the process itself reaches an
    /// SA_SIGINFO handler with SI_QUEUE and the value: a Linux host's own sigqueue, or a Windows host's delivery (where
    /// a held one loses the value, as the pending set keeps only numbers); another process gets it as kill sends it.
    /// </summary>
    [ShimExport("sigqueue")]
    public static int sigqueue(int pid, int sig, nint value)
    {
        if (sig is < 0 or > 64)
            return Fail(Errno.EINVAL);
        if (pid <= 0)
            return Fail(Errno.ESRCH);
        if (pid != Bridge.Environment.ProcessId || sig == 0)
            return Process.kill(pid, sig);
        if (HostLibc.Available)
            return HostLibc.sigqueue(pid, sig, value) == 0 ? 0 : Fail(HostLibc.Errno);
        return Result(SignalActions.Delivery.Send(sig, SignalOrigin.Self(SignalOrigin.SI_QUEUE, value)));
    }

    /// <summary>int killpg(int pgrp, int sig) — kill(-pgrp, sig); a negative group EINVAL.</summary>
    [ShimExport("killpg")]
    public static int killpg(int pgrp, int sig) => pgrp < 0 ? Fail(Errno.EINVAL) : Process.kill(-pgrp, sig);

    /// <summary>
    /// int pause(void) — returns only when a signal handler has run: -1 with EINTR. On a Windows host that is any
    /// handler of the process finishing after the call began (a handler runs on the thread that delivers the signal, not
    /// on the one that waits); a signal whose default action ends the process ends it during the wait.
    /// </summary>
    [ShimExport("pause")]
    public static int pause()
    {
        if (HostLibc.Available)
            return HostLibc.pause() == 0 ? 0 : Fail(HostLibc.Errno);
        var delivery = SignalActions.Delivery;
        delivery.WaitForHandler(delivery.HandlersRun);
        return Fail(Errno.EINTR);
    }

    /// <summary>
    /// int sigsuspend(const sigset_t *mask) — waits with the calling thread's mask replaced by *mask until a handler
    /// has run, then puts the mask back: always -1, with EINTR (EFAULT for NULL). A signal held pending that the new
    /// mask unblocks is delivered at once.
    /// </summary>
    [ShimExport("sigsuspend")]
    public static int sigsuspend(ulong* mask)
    {
        if (mask == null)
            return Fail(Errno.EFAULT);
        if (HostLibc.Available)
            return HostLibc.sigsuspend(mask) == 0 ? 0 : Fail(HostLibc.Errno);
        return Suspend(SignalActions.Delivery, *mask);
    }

    /// <summary>The Windows-host sigsuspend over a delivery (public for the tests, which run it on Linux).</summary>
    public static int Suspend(SignalDelivery delivery, ulong mask)
    {
        var seen = delivery.HandlersRun;
        delivery.Mask.Change(SignalMask.SIG_SETMASK, mask, out var saved, out var released);
        try
        {
            delivery.Release(released);
            delivery.WaitForHandler(seen);
        }
        finally
        {
            delivery.Mask.Change(SignalMask.SIG_SETMASK, saved, out _, out released);
            delivery.Release(released);
        }
        return Fail(Errno.EINTR);
    }

    /// <summary>
    /// int __xpg_sigpause(int sig) — what sigpause(sig) is with _XOPEN_SOURCE: sigsuspend with sig taken out of the
    /// calling thread's mask; EINVAL as sigdelset refuses a number.
    /// </summary>
    [ShimExport("__xpg_sigpause")]
    public static int __xpg_sigpause(int sig)
    {
        var set = stackalloc ulong[16];
        if (SignalMasks.sigprocmask(SignalMask.SIG_BLOCK, null, set) != 0 || SignalSets.sigdelset(set, sig) != 0)
            return -1;
        return sigsuspend(set);
    }

    /// <summary>
    /// unsigned alarm(unsigned seconds) — the seconds the previous alarm had left (rounded up, so a pending one never
    /// reads as 0), 0 if none; alarm(0) cancels.
    /// </summary>
    [ShimExport("alarm")]
    public static uint alarm(uint seconds)
    {
        if (HostLibc.Available)
            return HostLibc.alarm(seconds);
        var left = Clock.Value.Arm(TimeSpan.FromSeconds(seconds));
        return (uint)Math.Ceiling(left.TotalSeconds);
    }

    /// <summary>
    /// useconds_t ualarm(useconds_t usecs, useconds_t interval) — the microseconds the previous alarm had left; with
    /// an interval the alarm repeats. Never fails (glibc takes any value, a second or more too).
    /// </summary>
    [ShimExport("ualarm")]
    public static uint ualarm(uint usecs, uint interval)
    {
        if (HostLibc.Available)
        {
            var result = HostLibc.ualarm(usecs, interval);
            if (result == uint.MaxValue)
                LastError.Set(HostLibc.Errno);
            return result;
        }
        var left = Clock.Value.Arm(TimeSpan.FromMicroseconds(usecs), TimeSpan.FromMicroseconds(interval));
        return (uint)Math.Ceiling(left.TotalMicroseconds);
    }

    private static int Result(int error) => error == 0 ? 0 : Fail(error);
}
