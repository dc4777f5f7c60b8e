using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;
using static ApiBridge.Shims.Posix.Libc.Time;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// clock_nanosleep on every host, over the same clocks as clock_gettime (and <see cref="Runtime.Bridge.Clock"/>'s
/// sleep, as nanosleep), so a test clock governs it too. Like nanosleep it is never interrupted: the sleep is the
/// runtime's, which a Linux host's handler does not cut short, and a Windows host's handler runs on the thread that
/// delivers the signal (<see cref="Support.SignalDelivery"/>), never on the sleeping one; so EINTR never comes and rem
/// is zeroed.
/// </summary>
[ShimLibrary("libc", "time")]
public static unsafe class ClockSleep
{
    public const int TIMER_ABSTIME = 1;

    /// <summary>
    /// int clock_nanosleep(clockid_t clockid, int flags, const struct timespec *request, struct timespec *remain) —
    /// returns an error number, errno untouched (as glibc): EINVAL for CLOCK_THREAD_CPUTIME_ID, an unknown clock or a
    /// request outside [0, 1e9) nanoseconds; EOPNOTSUPP (95) for a clock Linux cannot sleep on (the raw and coarse
    /// clocks, the alarm clocks), checked before the request as the kernel checks it. TIMER_ABSTIME sleeps until the
    /// clock reads request (a time already past returns at once); other flag bits are ignored, as Linux ignores them.
    /// </summary>
    [ShimExport("clock_nanosleep")]
    public static int clock_nanosleep(int clockid, int flags, Timespec* request, Timespec* remain)
    {
        switch (clockid)
        {
            case CLOCK_REALTIME or CLOCK_MONOTONIC or CLOCK_PROCESS_CPUTIME_ID or CLOCK_BOOTTIME or CLOCK_TAI:
                break;
            case CLOCK_MONOTONIC_RAW or CLOCK_REALTIME_COARSE or CLOCK_MONOTONIC_COARSE or CLOCK_REALTIME_ALARM or CLOCK_BOOTTIME_ALARM:
                return Errno.EOPNOTSUPP;
            default:
                return Errno.EINVAL;
        }
        if (request == null)
            return Errno.EFAULT;
        if (request->tv_sec < 0 || request->tv_nsec is < 0 or > 999_999_999)
            return Errno.EINVAL;
        var wanted = request->tv_sec * 1_000_000_000.0 + request->tv_nsec;
        if (clockid == CLOCK_PROCESS_CPUTIME_ID)
            return SleepOnCpuClock(wanted, (flags & TIMER_ABSTIME) != 0);
        if ((flags & TIMER_ABSTIME) != 0)
        {
            // The clock may be set (REALTIME) while we sleep: sleep, read it again, until it has passed the time.
            while (Now(clockid) is var now && now < wanted)
                Sleep(wanted - now);
        }
        else
        {
            Sleep(wanted);
            if (remain != null)
                *remain = default;
        }
        return 0;
    }

    /// <summary>The process's CPU time only advances while it runs: poll it until it reaches the time asked.</summary>
    private static int SleepOnCpuClock(double wanted, bool absolute)
    {
        var target = absolute ? wanted : Now(CLOCK_PROCESS_CPUTIME_ID) + wanted;
        while (Now(CLOCK_PROCESS_CPUTIME_ID) < target)
            Thread.Sleep(1);
        return 0;
    }

    private static double Now(int clockid)
    {
        Timespec now;
        clock_gettime(clockid, &now);
        return now.tv_sec * 1_000_000_000.0 + now.tv_nsec;
    }

    private static void Sleep(double nanoseconds)
    {
        var request = new Timespec { tv_sec = (long)(nanoseconds / 1e9), tv_nsec = (long)(nanoseconds % 1e9) };
        nanosleep(&request, null);
    }
}
