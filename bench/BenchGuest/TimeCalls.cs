using System.Runtime.InteropServices;

namespace BenchGuest;

[StructLayout(LayoutKind.Sequential)]
public struct SystemTime
{
    public ushort Year, Month, DayOfWeek, Day, Hour, Minute, Second, Milliseconds;
}

/// <summary>Time calls as a Windows program makes them; each wrapper returns a value so the work cannot be elided.</summary>
public static class TimeCalls
{
    [DllImport("kernel32.dll")]
    private static extern bool QueryPerformanceCounter(out long count);

    [DllImport("kernel32.dll")]
    private static extern ulong GetTickCount64();

    [DllImport("kernel32.dll")]
    private static extern void GetSystemTimeAsFileTime(out long fileTime);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool FileTimeToSystemTime(in long fileTime, out SystemTime systemTime);

    // The same export declared without SetLastError: shows what the last-error bookkeeping costs (a diagnostic row).
    [DllImport("kernel32.dll", EntryPoint = "FileTimeToSystemTime")]
    private static extern bool FileTimeToSystemTimeNoLastError(in long fileTime, out SystemTime systemTime);

    public static long Qpc()
    {
        QueryPerformanceCounter(out var count);
        return count;
    }

    public static ulong TickCount64() => GetTickCount64();

    public static long SystemTimeAsFileTime()
    {
        GetSystemTimeAsFileTime(out var fileTime);
        return fileTime;
    }

    public static int ToSystemTime(long fileTime)
    {
        FileTimeToSystemTime(fileTime, out var time);
        return time.Year + time.Month + time.DayOfWeek + time.Day + time.Hour + time.Minute + time.Second + time.Milliseconds;
    }

    public static int ToSystemTimeNoLastError(long fileTime)
    {
        FileTimeToSystemTimeNoLastError(fileTime, out var time);
        return time.Year + time.Month + time.DayOfWeek + time.Day + time.Hour + time.Minute + time.Second + time.Milliseconds;
    }
}
