using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.Tracing;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// raise, killpg, alarm, ualarm, pause. A Linux host delivers the signals itself. A Windows host has no signals: raise is kill of the
/// caller (<see cref="Process.kill"/>: the terminating signals end it as the signal would); the alarm timer is kept by
/// the bridge (<see cref="AlarmClock"/>) and when it expires the process ends as SIGALRM's default action ends it
/// (status 128 + 14), since a guest cannot install a handler there (signal and sigaction are not bridged).
/// </summary>
[ShimLibrary("libc", "process")]
public static class Signals
{
    public const int SIGALRM = 14;

    private static readonly Lazy<AlarmClock> Clock = new(() => new AlarmClock(() =>
    {
        Relay.Flush();
        Bridge.Environment.Exit(128 + SIGALRM);
    }));

    /// <summary>int raise(int sig) — 0, or -1 with EINVAL for a number that is no signal.</summary>
    [ShimExport("raise")]
    public static int raise(int sig) => sig is < 0 or > 64 ? Fail(Errno.EINVAL) : Process.kill(Bridge.Environment.ProcessId, sig);

    /// <summary>
    /// int sigqueue(pid_t pid, int sig, const union sigval value) — kill of one process (no groups: pid 0 or negative
    /// is ESRCH, as the kernel finds no such process); EINVAL for no signal. The value only reaches an SA_SIGINFO
    /// handler, which a guest cannot install through the bridge, so the signal is sent as kill sends it.
    /// </summary>
    [ShimExport("sigqueue")]
    public static int sigqueue(int pid, int sig, nint value)
    {
        if (sig is < 0 or > 64)
            return Fail(Errno.EINVAL);
        return pid <= 0 ? Fail(Errno.ESRCH) : Process.kill(pid, sig);
    }

    /// <summary>int killpg(int pgrp, int sig) — kill(-pgrp, sig); a negative group EINVAL.</summary>
    [ShimExport("killpg")]
    public static int killpg(int pgrp, int sig) => pgrp < 0 ? Fail(Errno.EINVAL) : Process.kill(-pgrp, sig);

    /// <summary>
    /// int pause(void) — returns only when a signal handler has run: -1 with EINTR. On a Windows host no handler can be
    /// installed and every signal the bridge delivers ends the process, so it waits until the process ends.
    /// </summary>
    [ShimExport("pause")]
    public static int pause()
    {
        if (HostLibc.Available)
            return HostLibc.pause() == 0 ? 0 : Fail(HostLibc.Errno);
        Thread.Sleep(Timeout.Infinite);
        return Fail(Errno.EINTR);
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
}
