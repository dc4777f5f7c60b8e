using System.Runtime.CompilerServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.Services;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// libc's clocks, sleeps and calendar conversions, read from <see cref="Bridge.Clock"/> (replaceable in tests).
/// Calendar arithmetic is proleptic Gregorian over the whole 64-bit time_t range (EOVERFLOW only when the year
/// does not fit tm_year). Local time is <see cref="Runtime.Services.IClock.LocalTimeZone"/>.
/// </summary>
/// <remarks>
/// tm_zone: "GMT" from gmtime_r (as glibc); from localtime_r the zone's name when it is a short abbreviation,
/// else "UTC" for UTC, else the numeric form glibc uses for zones without one ("+01", "-0330").
/// </remarks>
[ShimLibrary("libc", "time")]
public static unsafe class Time
{
    public const int CLOCK_REALTIME = 0;
    public const int CLOCK_MONOTONIC = 1;
    public const int CLOCK_PROCESS_CPUTIME_ID = 2;
    public const int CLOCK_THREAD_CPUTIME_ID = 3;
    public const int CLOCK_MONOTONIC_RAW = 4;
    public const int CLOCK_REALTIME_COARSE = 5;
    public const int CLOCK_MONOTONIC_COARSE = 6;
    public const int CLOCK_BOOTTIME = 7;
    public const int CLOCK_REALTIME_ALARM = 8;
    public const int CLOCK_BOOTTIME_ALARM = 9;
    public const int CLOCK_TAI = 11;

    private const long FileTimeUnixEpoch = 116444736000000000;
    private const long TaiOffsetSeconds = 37;

    /// <summary>time_t time(time_t *tloc)</summary>
    [ShimExport("time")]
    public static long time(long* tloc)
    {
        var now = Math.DivRem(Bridge.Clock.UtcNowFileTime - FileTimeUnixEpoch, 10_000_000, out var rem);
        if (rem < 0) now--;
        if (tloc != null)
            *tloc = now;
        return now;
    }

    /// <summary>int clock_gettime(clockid_t clockid, struct timespec *tp) — EINVAL for an unknown clock.</summary>
    [ShimExport("clock_gettime")]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int clock_gettime(int clockid, Timespec* tp)
    {
        // The common call: CLOCK_MONOTONIC from the host clock (not a test's replacement), one Stopwatch read and
        // no division beyond the split into seconds (the frequency and the scale are JIT-time constants), small
        // enough to be inlined into the guest's adapter; every other clock in a call of its own.
        if (clockid == CLOCK_MONOTONIC && tp != null && Bridge.Clock is SystemClock)
        {
            var now = HostMonotonicNanoseconds();
            var whole = now / 1_000_000_000;
            tp->tv_sec = whole;
            tp->tv_nsec = now - whole * 1_000_000_000;
            return 0;
        }
        return ClockGettime(clockid, tp);
    }

    private static int ClockGettime(int clockid, Timespec* tp)
    {
        long ns;
        switch (clockid)
        {
            case CLOCK_REALTIME:
            case CLOCK_REALTIME_COARSE:
            case CLOCK_REALTIME_ALARM:
                ns = RealtimeNanoseconds();
                break;
            case CLOCK_TAI:
                ns = RealtimeNanoseconds() + TaiOffsetSeconds * 1_000_000_000;
                break;
            case CLOCK_MONOTONIC:
            case CLOCK_MONOTONIC_RAW:
            case CLOCK_MONOTONIC_COARSE:
            case CLOCK_BOOTTIME:
            case CLOCK_BOOTTIME_ALARM:
                ns = MonotonicNanoseconds();
                break;
            case CLOCK_PROCESS_CPUTIME_ID:
                ns = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.Ticks * 100;
                break;
            case CLOCK_THREAD_CPUTIME_ID:
                ns = HostNative.ThreadCpuNanoseconds();
                if (ns < 0)
                    ns = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.Ticks * 100;
                break;
            default:
                return Fail(Errno.EINVAL);
        }
        if (tp == null)
            return Fail(Errno.EFAULT);
        var seconds = Math.DivRem(ns, 1_000_000_000, out var nanoseconds);
        if (nanoseconds < 0)
        {
            seconds--;
            nanoseconds += 1_000_000_000;
        }
        tp->tv_sec = seconds;
        tp->tv_nsec = nanoseconds;
        return 0;
    }

    /// <summary>int clock_getres(clockid_t clockid, struct timespec *res) — 1 ns, 4 ms for the _COARSE clocks (HZ=250).</summary>
    [ShimExport("clock_getres")]
    public static int clock_getres(int clockid, Timespec* res)
    {
        long ns = clockid switch
        {
            CLOCK_REALTIME_COARSE or CLOCK_MONOTONIC_COARSE => 4_000_000,
            CLOCK_REALTIME or CLOCK_MONOTONIC or CLOCK_PROCESS_CPUTIME_ID or CLOCK_THREAD_CPUTIME_ID or CLOCK_MONOTONIC_RAW
                or CLOCK_BOOTTIME or CLOCK_REALTIME_ALARM or CLOCK_BOOTTIME_ALARM or CLOCK_TAI => 1,
            _ => -1,
        };
        if (ns < 0)
            return Fail(Errno.EINVAL);
        if (res != null)
        {
            res->tv_sec = 0;
            res->tv_nsec = ns;
        }
        return 0;
    }

    /// <summary>int gettimeofday(struct timeval *tv, struct timezone *tz) — tz, when given, is zeroed (as glibc does).</summary>
    [ShimExport("gettimeofday")]
    public static int gettimeofday(Timeval* tv, void* tz)
    {
        if (tv != null)
        {
            var us = Math.DivRem(Bridge.Clock.PreciseUtcNowFileTime - FileTimeUnixEpoch, 10, out _);
            tv->tv_sec = Math.DivRem(us, 1_000_000, out var rem);
            tv->tv_usec = rem;
            if (rem < 0)
            {
                tv->tv_sec--;
                tv->tv_usec += 1_000_000;
            }
        }
        if (tz != null)
            *(long*)tz = 0;
        return 0;
    }

    /// <summary>int nanosleep(const struct timespec *req, struct timespec *rem) — at least the time asked; rem gets 0.</summary>
    [ShimExport("nanosleep")]
    public static int nanosleep(Timespec* req, Timespec* rem)
    {
        if (req == null)
            return Fail(Errno.EFAULT);
        if (req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec > 999_999_999)
            return Fail(Errno.EINVAL);
        SleepAtLeast(req->tv_sec * 1_000_000_000.0 + req->tv_nsec);
        if (rem != null)
            *rem = default;
        return 0;
    }

    /// <summary>int usleep(useconds_t usec)</summary>
    [ShimExport("usleep")]
    public static int usleep(uint usec)
    {
        SleepAtLeast(usec * 1000.0);
        return 0;
    }

    /// <summary>unsigned int sleep(unsigned int seconds) — 0: the whole time was slept.</summary>
    [ShimExport("sleep")]
    public static uint sleep(uint seconds)
    {
        SleepAtLeast(seconds * 1_000_000_000.0);
        return 0;
    }

    private static void SleepAtLeast(double nanoseconds)
    {
        if (nanoseconds <= 0)
        {
            Thread.Yield();
            return;
        }
        // Whole milliseconds, rounded up: hosts sleep in milliseconds and must not wake early.
        Bridge.Clock.Sleep(TimeSpan.FromMilliseconds(Math.Ceiling(nanoseconds / 1_000_000.0)));
    }

    /// <summary>struct tm *gmtime_r(const time_t *timep, struct tm *result)</summary>
    [ShimExport("gmtime_r")]
    public static Tm* gmtime_r(long* timep, Tm* result)
    {
        if (timep == null || result == null)
            return FailNull<Tm>(Errno.EFAULT);
        if (!Breakdown(*timep, 0, result))
            return FailNull<Tm>(Errno.EOVERFLOW);
        result->tm_isdst = 0;
        result->tm_zone = NativeStrings.Persistent("GMT");
        return result;
    }

    /// <summary>struct tm *localtime_r(const time_t *timep, struct tm *result)</summary>
    [ShimExport("localtime_r")]
    public static Tm* localtime_r(long* timep, Tm* result)
    {
        if (timep == null || result == null)
            return FailNull<Tm>(Errno.EFAULT);
        var zone = Bridge.Clock.LocalTimeZone;
        var (offset, dst) = OffsetAt(zone, *timep);
        if (!Breakdown(*timep, offset, result))
            return FailNull<Tm>(Errno.EOVERFLOW);
        result->tm_isdst = dst ? 1 : 0;
        result->tm_zone = NativeStrings.Persistent(Abbreviation(zone, dst, offset));
        return result;
    }

    /// <summary>
    /// time_t mktime(struct tm *tm) — local time to time_t; out-of-range fields are normalized and written back with
    /// tm_wday/tm_yday; tm_isdst &lt; 0 lets the zone decide, 0/1 say which offset the fields are in.
    /// </summary>
    [ShimExport("mktime")]
    [ShimExport("timelocal")]
    public static long mktime(Tm* tm)
    {
        if (tm == null)
            return Fail(Errno.EFAULT);
        var zone = Bridge.Clock.LocalTimeZone;
        long local;
        try
        {
            local = checked(FieldsToSeconds(tm));
        }
        catch (OverflowException)
        {
            return Fail(Errno.EOVERFLOW);
        }
        var baseOffset = (long)zone.BaseUtcOffset.TotalSeconds;
        var guess = local - baseOffset;
        var (offset, dst) = OffsetAt(zone, guess);
        var t = local - offset;
        (offset, dst) = OffsetAt(zone, t);
        t = local - offset;
        if (tm->tm_isdst >= 0 && (tm->tm_isdst > 0) != dst && zone.SupportsDaylightSavingTime)
        {
            // The fields are in the other offset than the zone's at that instant: shift by the DST delta.
            var delta = dst ? offset - baseOffset : 3600;
            t += tm->tm_isdst > 0 ? -delta : delta;
        }
        var localT = t;
        if (localtime_r(&localT, tm) == null)
            return -1;
        return t;
    }

    /// <summary>time_t timegm(struct tm *tm) — like mktime in UTC.</summary>
    [ShimExport("timegm")]
    public static long timegm(Tm* tm)
    {
        if (tm == null)
            return Fail(Errno.EFAULT);
        long t;
        try
        {
            t = checked(FieldsToSeconds(tm));
        }
        catch (OverflowException)
        {
            return Fail(Errno.EOVERFLOW);
        }
        return gmtime_r(&t, tm) == null ? -1 : t;
    }

    internal static long RealtimeNanoseconds() => (Bridge.Clock.PreciseUtcNowFileTime - FileTimeUnixEpoch) * 100;

    /// <summary>
    /// Nanoseconds per Stopwatch tick when the host's frequency divides 10^9 exactly (1 GHz on Linux: 1; the 10 MHz
    /// of QueryPerformanceCounter on Windows and under Wine: 100), else 0.
    /// </summary>
    private static readonly long NanosecondsPerStopwatchTick =
        1_000_000_000 % System.Diagnostics.Stopwatch.Frequency == 0 ? 1_000_000_000 / System.Diagnostics.Stopwatch.Frequency : 0;

    internal static long MonotonicNanoseconds()
    {
        var clock = Bridge.Clock;
        if (clock is SystemClock)
            return HostMonotonicNanoseconds();
        return ToNanoseconds(clock.MonotonicTimestamp, clock.MonotonicFrequency);
    }

    /// <summary>The host's monotonic clock (Stopwatch) in nanoseconds: a read and at most a multiplication.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long HostMonotonicNanoseconds()
    {
        if (System.Diagnostics.Stopwatch.Frequency == 1_000_000_000)
            return System.Diagnostics.Stopwatch.GetTimestamp();
        if (NanosecondsPerStopwatchTick != 0)
            return System.Diagnostics.Stopwatch.GetTimestamp() * NanosecondsPerStopwatchTick;
        return ToNanoseconds(System.Diagnostics.Stopwatch.GetTimestamp(), System.Diagnostics.Stopwatch.Frequency);
    }

    private static long ToNanoseconds(long ticks, long frequency)
    {
        if (frequency == 1_000_000_000)
            return ticks;
        var seconds = Math.DivRem(ticks, frequency, out var rest);
        return seconds * 1_000_000_000 + (long)((decimal)rest * 1_000_000_000 / frequency);
    }

    private static (long Offset, bool Dst) OffsetAt(TimeZoneInfo zone, long t)
    {
        if (t < -62135596800 || t > 253402300799)
            return ((long)zone.BaseUtcOffset.TotalSeconds, false);
        var instant = DateTimeOffset.FromUnixTimeSeconds(t);
        return ((long)zone.GetUtcOffset(instant).TotalSeconds, zone.IsDaylightSavingTime(instant));
    }

    private static string Abbreviation(TimeZoneInfo zone, bool dst, long offset)
    {
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" or "Etc/UCT" or "Universal" or "Zulu")
            return "UTC";
        var name = dst ? zone.DaylightName : zone.StandardName;
        if (name.Length is > 0 and <= 6 && !name.Contains(' '))
            return name;
        var sign = offset < 0 ? '-' : '+';
        var abs = Math.Abs(offset);
        var hours = abs / 3600;
        var minutes = abs % 3600 / 60;
        return minutes == 0 ? $"{sign}{hours:D2}" : $"{sign}{hours:D2}{minutes:D2}";
    }

    /// <summary>Seconds since the epoch of the broken-down fields, read as UTC, with every field normalized.</summary>
    private static long FieldsToSeconds(Tm* tm)
    {
        long year = 1900L + tm->tm_year;
        long month = tm->tm_mon;
        year += FloorDiv(month, 12);
        month = FloorMod(month, 12);
        var days = DaysFromCivil(year, month + 1, 1) + tm->tm_mday - 1;
        return days * 86400 + tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
    }

    /// <summary>Fills the calendar fields of <paramref name="t"/> + <paramref name="offset"/>; false when the year does not fit an int.</summary>
    private static bool Breakdown(long t, long offset, Tm* tm)
    {
        long local;
        try
        {
            local = checked(t + offset);
        }
        catch (OverflowException)
        {
            return false;
        }
        var days = FloorDiv(local, 86400);
        var secondsOfDay = FloorMod(local, 86400);
        var (year, month, day) = CivilFromDays(days);
        if (year - 1900 > int.MaxValue || year - 1900 < int.MinValue)
            return false;
        tm->tm_sec = (int)(secondsOfDay % 60);
        tm->tm_min = (int)(secondsOfDay / 60 % 60);
        tm->tm_hour = (int)(secondsOfDay / 3600);
        tm->tm_mday = (int)day;
        tm->tm_mon = (int)month - 1;
        tm->tm_year = (int)(year - 1900);
        tm->tm_wday = (int)FloorMod(days + 4, 7); // 1970-01-01 was a Thursday
        tm->tm_yday = (int)(days - DaysFromCivil(year, 1, 1));
        tm->tm_gmtoff = offset;
        return true;
    }

    private static long FloorDiv(long a, long b) => a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);

    private static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    internal static long DaysFromCivil(long y, long m, long d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = FloorDiv(y, 400);
        var yoe = y - era * 400;
        var doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    internal static (long Year, long Month, long Day) CivilFromDays(long z)
    {
        z += 719468;
        var era = FloorDiv(z, 146097);
        var doe = z - era * 146097;
        var yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        var y = yoe + era * 400;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        var d = doy - (153 * mp + 2) / 5 + 1;
        var m = mp < 10 ? mp + 3 : mp - 9;
        return (y + (m <= 2 ? 1 : 0), m, d);
    }
}
