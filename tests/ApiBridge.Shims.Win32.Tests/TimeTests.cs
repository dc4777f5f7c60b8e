using System.Diagnostics;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>Clocks and sleeps against an injected clock, and the conformance facts against the real one.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class TimeTests : BridgeTest
{
    private static readonly DateTime Jan2020 = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TickCountsComeFromTheClockAndGetTickCountIsTheLow32Bits()
    {
        Use(new FakeClock { TickCount64 = 0x1_0000_0005 });
        Assert.Equal(0x1_0000_0005UL, Time.GetTickCount64());
        Assert.Equal(5U, Time.GetTickCount());
    }

    [Fact]
    public void PerformanceCounterOfA1GHzHostIsShownAt10MHzLikeWindows()
    {
        Use(new FakeClock { MonotonicFrequency = 1_000_000_000, MonotonicTimestamp = 123_456_789_000 });
        long frequency = 0, counter = 0;
        Assert.Equal(1, Time.QueryPerformanceFrequency(&frequency));
        Assert.Equal(1, Time.QueryPerformanceCounter(&counter));
        Assert.Equal(10_000_000, frequency);
        Assert.Equal(1_234_567_890, counter);
    }

    [Fact]
    public void PerformanceCounterOfAnOddFrequencyIsPassedThrough()
    {
        Use(new FakeClock { MonotonicFrequency = 3_579_545, MonotonicTimestamp = 42 });
        long frequency = 0, counter = 0;
        Assert.Equal(1, Time.QueryPerformanceFrequency(&frequency));
        Assert.Equal(1, Time.QueryPerformanceCounter(&counter));
        Assert.Equal(3_579_545, frequency);
        Assert.Equal(42, counter);
    }

    [Fact]
    public void PerformanceCounterWithNullFailsWithNoAccess()
    {
        LastError.Set(0);
        Assert.Equal(0, Time.QueryPerformanceCounter(null));
        Assert.Equal(Win32Error.ERROR_NOACCESS, LastError.Value);
        LastError.Set(0);
        Assert.Equal(0, Time.QueryPerformanceFrequency(null));
        Assert.Equal(Win32Error.ERROR_NOACCESS, LastError.Value);
    }

    [Fact]
    public void SystemTimesComeFromTheClock()
    {
        Use(new FakeClock { UtcNowFileTime = 132223104000000000, PreciseUtcNowFileTime = 132223104000001234 });
        FILETIME coarse, precise;
        Time.GetSystemTimeAsFileTime(&coarse);
        Time.GetSystemTimePreciseAsFileTime(&precise);
        Assert.Equal(132223104000000000UL, coarse.Value);
        Assert.Equal(132223104000001234UL, precise.Value);

        SYSTEMTIME st;
        Use(FakeClock.At(new DateTime(2021, 7, 4, 12, 30, 15, 250, DateTimeKind.Utc)));
        Time.GetSystemTime(&st);
        Assert.Equal((2021, 7, 4, 0), (st.wYear, st.wMonth, st.wDay, st.wDayOfWeek)); // a Sunday
        Assert.Equal((12, 30, 15, 250), (st.wHour, st.wMinute, st.wSecond, st.wMilliseconds));
    }

    [Fact]
    public void GetLocalTimeAppliesTheZoneOffsetInForceAtThatInstant()
    {
        var zone = TestZones.CentralEurope();
        SYSTEMTIME st;
        Use(FakeClock.At(new DateTime(2024, 1, 15, 23, 30, 0, DateTimeKind.Utc), zone));
        Time.GetLocalTime(&st);
        Assert.Equal((2024, 1, 16, 0, 30), (st.wYear, st.wMonth, st.wDay, st.wHour, st.wMinute)); // UTC+1
        Assert.Equal(2, st.wDayOfWeek); // Tuesday

        Use(FakeClock.At(new DateTime(2024, 7, 15, 12, 0, 0, DateTimeKind.Utc), zone));
        Time.GetLocalTime(&st);
        Assert.Equal((2024, 7, 15, 14), (st.wYear, st.wMonth, st.wDay, st.wHour)); // UTC+2 in summer
    }

    [Fact]
    public void FileTimeToLocalFileTimeUsesTheBiasInForceNowNotAtTheConvertedDate()
    {
        // Now is summer (UTC+2); the converted date is in winter (when the zone is UTC+1), and Windows still applies +2.
        Use(FakeClock.At(new DateTime(2024, 7, 15, 12, 0, 0, DateTimeKind.Utc), TestZones.CentralEurope()));
        var winter = FILETIME.FromValue((ulong)Jan2020.ToFileTimeUtc());
        FILETIME local, back;
        LastError.Set(1234);
        Assert.Equal(1, TimeConversion.FileTimeToLocalFileTime(&winter, &local));
        Assert.Equal(winter.Value + (ulong)TimeSpan.FromHours(2).Ticks, local.Value);
        Assert.Equal(1, TimeConversion.LocalFileTimeToFileTime(&local, &back));
        Assert.Equal(winter.Value, back.Value);
        Assert.Equal(1234, LastError.Value);
    }

    [Fact]
    public void LocalFileTimeConversionsInUtcAreIdentity()
    {
        Use(FakeClock.At(Jan2020));
        var ft = FILETIME.FromValue(132223104000000000);
        FILETIME result;
        Assert.Equal(1, TimeConversion.FileTimeToLocalFileTime(&ft, &result));
        Assert.Equal(ft.Value, result.Value);
        Assert.Equal(1, TimeConversion.LocalFileTimeToFileTime(&ft, &result));
        Assert.Equal(ft.Value, result.Value);
        LastError.Set(0);
        Assert.Equal(0, TimeConversion.LocalFileTimeToFileTime(&ft, null));
        Assert.Equal(Win32Error.ERROR_NOACCESS, LastError.Value);
    }

    [Fact]
    public void SleepsGoThroughTheClockAndSleepExReturnsZero()
    {
        var clock = new FakeClock();
        Use(clock);
        Time.Sleep(0);
        Time.Sleep(100);
        Time.Sleep(0xFFFFFFFF);
        Assert.Equal(0U, Time.SleepEx(250, alertable: 1));
        Assert.Equal(new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan, TimeSpan.FromMilliseconds(250) }, clock.Sleeps);
    }

    // ---- conformance facts against the host's real clock (default services) ----

    [Fact]
    public void RealPerformanceFrequencyIsNonZeroAndConstantAndTheCounterNeverGoesBack()
    {
        long f1 = 0, f2 = 0, previous = 0, current = 0;
        Assert.Equal(1, Time.QueryPerformanceFrequency(&f1));
        Assert.True(f1 > 0);
        Assert.Equal(1, Time.QueryPerformanceCounter(&previous));
        for (var i = 0; i < 10_000; i++)
        {
            Time.QueryPerformanceCounter(&current);
            Assert.True(current >= previous);
            previous = current;
        }
        Assert.Equal(1, Time.QueryPerformanceFrequency(&f2));
        Assert.Equal(f1, f2);
    }

    [Fact]
    public void RealSleep100LastsAtLeastAbout100MsByThePerformanceCounter()
    {
        long frequency, before, after;
        Time.QueryPerformanceFrequency(&frequency);
        Time.QueryPerformanceCounter(&before);
        Time.Sleep(100);
        Time.QueryPerformanceCounter(&after);
        Assert.True((after - before) * 1000.0 / frequency >= 95, "Sleep(100) returned early");
        var watch = Stopwatch.StartNew();
        Time.Sleep(0);
        Assert.True(watch.ElapsedMilliseconds < 1000);
    }

    [Fact]
    public void RealSystemTimesAreNearTheHostUtcClock()
    {
        FILETIME coarse, precise;
        Time.GetSystemTimeAsFileTime(&coarse);
        Time.GetSystemTimePreciseAsFileTime(&precise);
        var now = DateTime.UtcNow.ToFileTimeUtc();
        Assert.InRange((long)coarse.Value, now - TimeSpan.TicksPerSecond, now);
        Assert.InRange((long)precise.Value - (long)coarse.Value, 0, TimeSpan.TicksPerMillisecond * 100);
        var ticks = Time.GetTickCount64();
        Assert.InRange((long)ticks, Environment.TickCount64 - 1000, Environment.TickCount64);
    }

    [Fact]
    public void RealPreciseTimeAdvancesInStepsUnderOneMillisecond()
    {
        // The smallest step seen over a few tries: one try can be preempted between its two reads on a busy machine,
        // while a clock that really moved in millisecond steps would show no step below one in any of them.
        var smallest = ulong.MaxValue;
        for (var attempt = 0; attempt < 20 && smallest >= (ulong)TimeSpan.TicksPerMillisecond; attempt++)
        {
            FILETIME a, b;
            Time.GetSystemTimePreciseAsFileTime(&a);
            do
                Time.GetSystemTimePreciseAsFileTime(&b);
            while (b.Value == a.Value);
            smallest = Math.Min(smallest, b.Value - a.Value);
        }
        Assert.True(smallest < (ulong)TimeSpan.TicksPerMillisecond, $"smallest step {smallest} x 100 ns");
    }
}
