using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>kernel32's clocks and sleeps, read from <see cref="Bridge.Clock"/>.</summary>
/// <remarks>
/// Void functions handed a NULL pointer write nothing (Windows would fault). The performance counter is
/// shown at 10 MHz, what Windows 10+ and Wine report, whenever the host frequency is a multiple of it
/// (Linux: 1 GHz), so guests that print or hard-code the frequency see Windows' value.
/// </remarks>
[ShimLibrary("kernel32", "time")]
public static unsafe class Time
{
    private const long WindowsPerformanceFrequency = 10_000_000;
    private const uint INFINITE = 0xFFFFFFFF;

    /// <summary>DWORD GetTickCount(void) — milliseconds since boot, wrapping every 49.7 days.</summary>
    [ShimExport("GetTickCount", CannotFail = true)]
    public static uint GetTickCount()
    {
        var ticks = (uint)HostServiceReads.TickCount64();
        if (SelfTracing.GetTickCount)
            SelfTracing.Log(typeof(Time), nameof(GetTickCount), ticks);
        return ticks;
    }

    /// <summary>ULONGLONG GetTickCount64(void)</summary>
    [ShimExport("GetTickCount64", CannotFail = true)]
    public static ulong GetTickCount64()
    {
        var ticks = (ulong)HostServiceReads.TickCount64();
        if (SelfTracing.GetTickCount64)
            SelfTracing.Log(typeof(Time), nameof(GetTickCount64), ticks);
        return ticks;
    }

    /// <summary>BOOL QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount)</summary>
    [ShimExport("QueryPerformanceCounter")]
    public static int QueryPerformanceCounter(long* performanceCount)
    {
        if (performanceCount == null)
        {
            LastError.Set(Win32Error.ERROR_NOACCESS);
            return 0;
        }
        var clock = Bridge.Clock;
        var timestamp = clock.MonotonicTimestamp;
        var frequency = clock.MonotonicFrequency;
        // The common host (Linux, 1 GHz) divides by a constant, which the JIT turns into a multiply.
        *performanceCount = frequency == 1_000_000_000 ? timestamp / 100 : Rescale(timestamp, frequency);
        return 1;
    }

    private static long Rescale(long timestamp, long frequency) =>
        frequency > WindowsPerformanceFrequency && frequency % WindowsPerformanceFrequency == 0
            ? timestamp / (frequency / WindowsPerformanceFrequency)
            : timestamp;

    /// <summary>BOOL QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency)</summary>
    [ShimExport("QueryPerformanceFrequency")]
    public static int QueryPerformanceFrequency(long* frequency)
    {
        if (frequency == null)
        {
            LastError.Set(Win32Error.ERROR_NOACCESS);
            return 0;
        }
        var host = Bridge.Clock.MonotonicFrequency;
        *frequency = host > WindowsPerformanceFrequency && host % WindowsPerformanceFrequency == 0 ? WindowsPerformanceFrequency : host;
        return 1;
    }

    /// <summary>void GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime)</summary>
    [ShimExport("GetSystemTimeAsFileTime")]
    public static void GetSystemTimeAsFileTime(FILETIME* systemTimeAsFileTime)
    {
        if (systemTimeAsFileTime != null)
            FILETIME.Store(systemTimeAsFileTime, (ulong)HostServiceReads.UtcNowFileTime());
    }

    /// <summary>void GetSystemTimePreciseAsFileTime(LPFILETIME lpSystemTimeAsFileTime)</summary>
    [ShimExport("GetSystemTimePreciseAsFileTime")]
    public static void GetSystemTimePreciseAsFileTime(FILETIME* systemTimeAsFileTime)
    {
        if (systemTimeAsFileTime != null)
            FILETIME.Store(systemTimeAsFileTime, (ulong)Bridge.Clock.PreciseUtcNowFileTime);
    }

    /// <summary>void GetSystemTime(LPSYSTEMTIME lpSystemTime) — current UTC time.</summary>
    [ShimExport("GetSystemTime")]
    public static void GetSystemTime(SYSTEMTIME* systemTime)
    {
        if (systemTime != null)
            WindowsCalendar.TryToSystemTime((ulong)Bridge.Clock.UtcNowFileTime, out *systemTime);
    }

    /// <summary>void GetLocalTime(LPSYSTEMTIME lpSystemTime) — current time in the guest's local time zone.</summary>
    [ShimExport("GetLocalTime")]
    public static void GetLocalTime(SYSTEMTIME* systemTime)
    {
        if (systemTime == null)
            return;
        var clock = Bridge.Clock;
        var utc = clock.UtcNowFileTime;
        WindowsCalendar.TryToSystemTime((ulong)(utc + LocalTime.OffsetTicks(clock.LocalTimeZone, utc)), out *systemTime);
    }

    /// <summary>void Sleep(DWORD dwMilliseconds) — 0 gives up the rest of the time slice; INFINITE never returns.</summary>
    [ShimExport("Sleep")]
    public static void Sleep(uint milliseconds) => Bridge.Clock.Sleep(ToDuration(milliseconds));

    /// <summary>
    /// DWORD SleepEx(DWORD dwMilliseconds, BOOL bAlertable) — returns 0 when the time elapsed; no APCs are ever
    /// queued to a guest thread here, so WAIT_IO_COMPLETION (0xC0) never comes back.
    /// </summary>
    [ShimExport("SleepEx")]
    public static uint SleepEx(uint milliseconds, int alertable)
    {
        Bridge.Clock.Sleep(ToDuration(milliseconds));
        return 0;
    }

    private static TimeSpan ToDuration(uint milliseconds) =>
        milliseconds == INFINITE ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);
}
