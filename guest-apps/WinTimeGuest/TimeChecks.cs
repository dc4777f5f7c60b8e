using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WinTimeGuest;

/// <summary>kernel32 time functions. Prints derived facts, never raw clock values.</summary>
internal static unsafe class TimeChecks
{
    // 2020-01-01 00:00:00 UTC in FILETIME units (100 ns since 1601-01-01).
    private const long Jan2020 = 132223104000000000;
    private static readonly long TwoSeconds = TimeSpan.FromSeconds(2).Ticks;

    public static void Run()
    {
        TickCounts();
        PerformanceCounter();
        SystemTimes();
        Conversions();
        LocalTimes();
        Sleeps();
    }

    private static void TickCounts()
    {
        ulong t64 = Native.GetTickCount64();
        uint t32 = Native.GetTickCount();
        Fact.Print("GetTickCount64 nonzero", t64 != 0);
        Fact.Print("GetTickCount is low 32 bits of GetTickCount64 (within 1s)", unchecked(t32 - (uint)t64) < 1000);
        Fact.Print("GetTickCount64 within 1s of Environment.TickCount64", Math.Abs((long)t64 - Environment.TickCount64) < 1000);
        Native.Sleep(50);
        ulong after = Native.GetTickCount64();
        Fact.Print("GetTickCount64 advanced >= 30ms across Sleep(50)", after - t64 >= 30);
    }

    private static void PerformanceCounter()
    {
        long frequency = 0;
        int ok = Native.QueryPerformanceFrequency(&frequency);
        Fact.Print("QueryPerformanceFrequency returns nonzero BOOL", ok != 0);
        Fact.Print("QueryPerformanceFrequency nonzero", frequency > 0);
        Fact.Print("QueryPerformanceFrequency >= 1MHz", frequency >= 1_000_000);

        bool ok1 = Native.QueryPerformanceCounter(out long c1);
        bool ok2 = Native.QueryPerformanceCounter(out long c2);
        Fact.Print("QueryPerformanceCounter returns TRUE", ok1 && ok2);
        Fact.Print("QueryPerformanceCounter monotonic", c2 >= c1 && c1 > 0);

        var sw = Stopwatch.StartNew();
        Native.QueryPerformanceCounter(out long before);
        Thread.Sleep(50);
        Native.QueryPerformanceCounter(out long after);
        sw.Stop();
        double qpcMs = (after - before) * 1000.0 / frequency;
        Fact.Print("QueryPerformanceCounter elapsed across Thread.Sleep(50) >= 45ms", qpcMs >= 45);
        Fact.Print("QueryPerformanceCounter elapsed within 20ms of Stopwatch", Math.Abs(qpcMs - sw.Elapsed.TotalMilliseconds) < 20);
    }

    private static void SystemTimes()
    {
        long netNow = DateTime.UtcNow.ToFileTimeUtc();
        Native.GetSystemTimeAsFileTime(out long coarse);
        Fact.Print("GetSystemTimeAsFileTime within 2s of DateTime.UtcNow", Math.Abs(coarse - netNow) < TwoSeconds);

        Native.PreciseSystemTime(out FILETIME precise);
        Fact.Print("GetSystemTimePreciseAsFileTime within 2s of DateTime.UtcNow", Math.Abs(precise.Value - netNow) < TwoSeconds);
        Fact.Print("GetSystemTimePreciseAsFileTime >= earlier GetSystemTimeAsFileTime", precise.Value >= coarse);

        Native.GetSystemTime(out SYSTEMTIME st);
        DateTime utc = st.ToDateTime(DateTimeKind.Utc);
        Fact.Print("GetSystemTime within 2s of DateTime.UtcNow", Math.Abs((utc - DateTime.UtcNow).Ticks) < TwoSeconds);
        Fact.Print("GetSystemTime day of week consistent", st.wDayOfWeek == (int)utc.DayOfWeek);
    }

    private static void Conversions()
    {
        foreach (long ft in new[] { 0L, Jan2020, Jan2020 + 1234_5678, 0x7FFFFFFFFFFFFFFF })
        {
            long value = ft;
            bool ok = Native.FileTimeToSystemTime(ref value, out SYSTEMTIME st);
            Fact.Print($"FileTimeToSystemTime({ft})", ok ? st.ToString() : $"False err={Marshal.GetLastWin32Error()}");
        }
        long negative = unchecked((long)0x8000000000000000);
        bool negOk = Native.FileTimeToSystemTime(ref negative, out _);
        Fact.Print("FileTimeToSystemTime(0x8000000000000000)", $"{negOk} err={Marshal.GetLastPInvokeError()}");

        ToFileTime("2020-01-01", SYSTEMTIME.Of(2020, 1, 1));
        ToFileTime("2024-02-29 23:59:59.999", SYSTEMTIME.Of(2024, 2, 29, 23, 59, 59, 999));
        ToFileTime("1601-01-01", SYSTEMTIME.Of(1601, 1, 1));
        ToFileTime("month 13", SYSTEMTIME.Of(2020, 13, 1));
        // (Feb 29 of a common year is not used: Wine accepts it, Windows rejects it.)
        ToFileTime("2023-04-31", SYSTEMTIME.Of(2023, 4, 31));
        ToFileTime("day 0", SYSTEMTIME.Of(2020, 1, 0));
        ToFileTime("hour 24", SYSTEMTIME.Of(2020, 1, 1, 24));
        ToFileTime("ms 1000", SYSTEMTIME.Of(2020, 1, 1, 0, 0, 0, 1000));
        ToFileTime("year 1600", SYSTEMTIME.Of(1600, 12, 31));

        // Day of week is ignored on input and computed on output.
        var wrongDow = SYSTEMTIME.Of(2021, 7, 4, 12, 30, 15, 250);
        wrongDow.wDayOfWeek = 6;
        Native.SystemTimeToFileTime(ref wrongDow, out FILETIME back);
        long backValue = back.Value;
        Native.FileTimeToSystemTime(ref backValue, out SYSTEMTIME roundTrip);
        Fact.Print("SystemTimeToFileTime ignores wDayOfWeek, round trip", roundTrip.ToString());
        Fact.Print("SystemTimeToFileTime agrees with DateTime.ToFileTimeUtc",
            backValue == new DateTime(2021, 7, 4, 12, 30, 15, 250, DateTimeKind.Utc).ToFileTimeUtc());
    }

    private static void ToFileTime(string label, SYSTEMTIME st)
    {
        bool ok = Native.SystemTimeToFileTime(ref st, out FILETIME ft);
        Fact.Print($"SystemTimeToFileTime({label})", ok ? $"True {ft.Value}" : $"False err={Marshal.GetLastWin32Error()}");
    }

    private static void LocalTimes()
    {
        SYSTEMTIME local;
        Native.GetLocalTime(&local);
        DateTime localDt = local.ToDateTime(DateTimeKind.Local);
        Fact.Print("GetLocalTime within 2s of DateTime.Now", Math.Abs((localDt - DateTime.Now).Ticks) < TwoSeconds);
        Fact.Print("GetLocalTime day of week consistent", local.wDayOfWeek == (int)localDt.DayOfWeek);

        Native.GetSystemTimeAsFileTime(out long now);
        FILETIME localFt;
        int ok = Native.FileTimeToLocalFileTime(FILETIME.From(now), &localFt);
        Fact.Print("FileTimeToLocalFileTime returns TRUE", ok != 0);
        TimeSpan offset = TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow);
        Fact.Print("FileTimeToLocalFileTime offset == TimeZoneInfo.Local offset", localFt.Value - now == offset.Ticks);

        long localValue = localFt.Value;
        bool back = Native.LocalFileTimeToFileTime(ref localValue, out long utcAgain);
        Fact.Print("LocalFileTimeToFileTime round trip", back && utcAgain == now);

        uint id = Native.GetTimeZoneInformation(out TIME_ZONE_INFORMATION tzi);
        Fact.Print("GetTimeZoneInformation result is UNKNOWN/STANDARD/DAYLIGHT", id <= 2);
        Fact.Print("GetTimeZoneInformation Bias == -BaseUtcOffset", tzi.Bias == -(int)TimeZoneInfo.Local.BaseUtcOffset.TotalMinutes);
        Fact.Print("GetTimeZoneInformation StandardName nonempty", !string.IsNullOrEmpty(tzi.StandardName));
        Fact.Print("GetTimeZoneInformation names fit in 32 chars", tzi.StandardName.Length < 32 && (tzi.DaylightName ?? "").Length < 32);
        bool daylightNow = TimeZoneInfo.Local.IsDaylightSavingTime(DateTime.Now);
        Fact.Print("GetTimeZoneInformation DAYLIGHT iff DateTime.Now is DST", (id == 2) == daylightNow);
    }

    private static void Sleeps()
    {
        var sw = Stopwatch.StartNew();
        Native.Sleep(50);
        Fact.Print("Sleep(50) elapsed >= 45ms", sw.ElapsedMilliseconds >= 45);
        sw.Restart();
        Native.Sleep(0);
        Fact.Print("Sleep(0) returns promptly", sw.ElapsedMilliseconds < 1000);
        Fact.Print("SleepEx(10, false)", Native.SleepEx(10, false));
        Fact.Print("SleepEx(0, true)", Native.SleepEx(0, true));
    }
}
