using System.Diagnostics;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// sigwait, sigwaitinfo and sigtimedwait: take a blocked, pending signal of a set. A Linux host waits itself. On a
/// Windows host the only signals are the ones the process sends itself (<see cref="SignalMask"/>): a wait takes the
/// lowest pending one of the set, polling (1 ms) for one another thread sends, and its siginfo says SI_USER from the
/// process's own pid and uid.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class SignalWaits
{
    /// <summary>siginfo_t's size (<see cref="SignalOrigin.Fill"/> lays it out).</summary>
    public const int SiginfoSize = SignalOrigin.SiginfoSize;


    /// <summary>
    /// int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout) — the signal's number;
    /// -1 with EAGAIN when none came in time, EINVAL for a timeout outside [0, 1e9) nanoseconds.
    /// </summary>
    [ShimExport("sigtimedwait")]
    public static int sigtimedwait(ulong* set, byte* info, Timespec* timeout)
    {
        if (set == null)
            return Fail(Errno.EFAULT);
        if (HostLibc.Available)
            return Host(HostLibc.sigtimedwait(set, info, timeout));
        return Windows(SignalMasks.Mask, *set, info, timeout);
    }

    /// <summary>int sigwaitinfo(const sigset_t *set, siginfo_t *info) — sigtimedwait without a timeout.</summary>
    [ShimExport("sigwaitinfo")]
    public static int sigwaitinfo(ulong* set, byte* info) => sigtimedwait(set, info, null);

    /// <summary>int sigwait(const sigset_t *set, int *sig) — 0 with *sig, or an error number (errno untouched).</summary>
    [ShimExport("sigwait")]
    public static int sigwait(ulong* set, int* sig)
    {
        var saved = LastError.Value;
        var taken = sigwaitinfo(set, null);
        if (taken < 0)
        {
            var error = LastError.Value;
            LastError.Set(saved);
            return error;
        }
        if (sig != null)
            *sig = taken;
        return 0;
    }

    /// <summary>The Windows-host wait over a mask (public for the tests, which run it on Linux).</summary>
    public static int Windows(SignalMask mask, ulong set, byte* info, Timespec* timeout)
    {
        if (timeout != null && (timeout->tv_sec < 0 || timeout->tv_nsec is < 0 or > 999_999_999))
            return Fail(Errno.EINVAL);
        var limit = timeout == null ? (TimeSpan?)null : TimeSpan.FromTicks(timeout->tv_sec * TimeSpan.TicksPerSecond + timeout->tv_nsec / 100);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var sig = mask.Take(set);
            if (sig != 0)
            {
                if (info != null)
                    SignalOrigin.Self(SignalOrigin.SI_USER).Fill(info, sig); // the pending set keeps no sender: kill or raise by the process
                return sig;
            }
            if (limit is { } wait && watch.Elapsed >= wait)
                return Fail(Errno.EAGAIN);
            Thread.Sleep(1);
        }
    }

    private static int Host(int result) => result < 0 ? Fail(HostLibc.Errno) : result;
}
