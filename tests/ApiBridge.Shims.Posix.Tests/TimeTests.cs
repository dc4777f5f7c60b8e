using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using Time = ApiBridge.Shims.Posix.Libc.Time;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>clock_gettime(2), gettimeofday(2), nanosleep(2), gmtime_r/localtime_r/mktime(3) against a fixed clock.</summary>
public sealed unsafe class TimeTests : PosixTest
{
    private static readonly DateTime Instant = new(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc);
    private static readonly long InstantSeconds = new DateTimeOffset(Instant).ToUnixTimeSeconds();

    private static FakeClock UseClock(TimeZoneInfo? zone = null)
    {
        var clock = FakeClock.At(Instant.AddTicks(1234567), zone);
        clock.MonotonicTimestamp = 5_000_000_123;
        Use(PosixPathView.Identity(), clock);
        return clock;
    }

    [Fact]
    public void Time_AndRealtimeClocks_ReadTheBridgeClock()
    {
        UseClock();
        long stored;
        Assert.Equal(InstantSeconds, Time.time(&stored));
        Assert.Equal(InstantSeconds, stored);
        Timespec ts;
        Assert.Equal(0, Time.clock_gettime(Time.CLOCK_REALTIME, &ts));
        Assert.Equal(InstantSeconds, ts.tv_sec);
        Assert.Equal(123456700, ts.tv_nsec);
        Assert.Equal(0, Time.clock_gettime(Time.CLOCK_TAI, &ts));
        Assert.Equal(InstantSeconds + 37, ts.tv_sec);
        Timeval tv;
        long tz = -1;
        Assert.Equal(0, Time.gettimeofday(&tv, &tz));
        Assert.Equal(InstantSeconds, tv.tv_sec);
        Assert.Equal(123456, tv.tv_usec);
        Assert.Equal(0, tz);
    }

    [Theory]
    [InlineData(Time.CLOCK_MONOTONIC)]
    [InlineData(Time.CLOCK_MONOTONIC_RAW)]
    [InlineData(Time.CLOCK_MONOTONIC_COARSE)]
    [InlineData(Time.CLOCK_BOOTTIME)]
    public void MonotonicClocks_ReadTheMonotonicCounter(int clock)
    {
        UseClock();
        Timespec ts;
        Assert.Equal(0, Time.clock_gettime(clock, &ts));
        Assert.Equal(5, ts.tv_sec);
        Assert.Equal(123, ts.tv_nsec);
    }

    [Theory]
    [InlineData(Time.CLOCK_PROCESS_CPUTIME_ID)]
    [InlineData(Time.CLOCK_THREAD_CPUTIME_ID)]
    public void CpuClocks_AreNonNegativeAndValid(int clock)
    {
        Timespec ts;
        Assert.Equal(0, Time.clock_gettime(clock, &ts));
        Assert.True(ts.tv_sec >= 0 && ts.tv_nsec is >= 0 and < 1_000_000_000);
        Assert.True(ts.tv_sec > 0 || ts.tv_nsec > 0);
    }

    [Fact]
    public void ClockGettime_UnknownClockIsEINVAL_NullIsEFAULT()
    {
        Timespec ts;
        Assert.Equal(-1, Time.clock_gettime(10, &ts));
        Assert.Equal(22, Errno);
        Assert.Equal(-1, Time.clock_gettime(Time.CLOCK_REALTIME, null));
        Assert.Equal(14, Errno);
        Assert.Equal(0, Time.clock_getres(Time.CLOCK_MONOTONIC, &ts));
        Assert.Equal(1, ts.tv_nsec);
    }

    [Fact]
    public void Nanosleep_SleepsAtLeastTheTime_BadNanosecondsIsEINVAL()
    {
        var clock = UseClock();
        var req = new Timespec { tv_sec = 0, tv_nsec = 100_000_001 };
        var rem = new Timespec { tv_sec = 9, tv_nsec = 9 };
        Assert.Equal(0, Time.nanosleep(&req, &rem));
        Assert.True(clock.Sleeps[0] >= TimeSpan.FromTicks(1_000_001));
        Assert.Equal(0, rem.tv_sec + rem.tv_nsec);
        req.tv_nsec = 1_000_000_000;
        Assert.Equal(-1, Time.nanosleep(&req, null));
        Assert.Equal(22, Errno);
        req = new Timespec { tv_sec = -1 };
        Assert.Equal(-1, Time.nanosleep(&req, null));
        Assert.Equal(22, Errno);
        Assert.Equal(0, Time.usleep(2500));
        Assert.Equal(TimeSpan.FromMilliseconds(3), clock.Sleeps[1]);
        Assert.Equal(0u, Time.sleep(1));
        Assert.Equal(TimeSpan.FromSeconds(1), clock.Sleeps[2]);
    }

    [Fact]
    public void RealNanosleep_100ms_LastsAtLeast100msOnTheMonotonicClock()
    {
        var req = new Timespec { tv_nsec = 100_000_000 };
        Timespec before, after;
        Time.clock_gettime(Time.CLOCK_MONOTONIC, &before);
        Assert.Equal(0, Time.nanosleep(&req, null));
        Time.clock_gettime(Time.CLOCK_MONOTONIC, &after);
        var elapsed = (after.tv_sec - before.tv_sec) * 1_000_000_000 + after.tv_nsec - before.tv_nsec;
        Assert.True(elapsed >= 100_000_000, $"slept {elapsed} ns");
    }

    [Theory]
    [InlineData(0L, "1970-01-01 00:00:00 wday=4 yday=0")]
    [InlineData(951782400L, "2000-02-29 00:00:00 wday=2 yday=59")]
    [InlineData(-1L, "1969-12-31 23:59:59 wday=3 yday=364")]
    [InlineData(253402300800L, "10000-01-01 00:00:00 wday=6 yday=0")]
    [InlineData(-62135596801L, "0000-12-31 23:59:59 wday=0 yday=365")]
    public void GmtimeR_BreaksDownAnyTime(long t, string expected)
    {
        Tm tm;
        Assert.True(Time.gmtime_r(&t, &tm) == &tm);
        Assert.Equal(expected, Format(tm));
        Assert.Equal(0, tm.tm_isdst);
        Assert.Equal(0, tm.tm_gmtoff);
        Assert.Equal("GMT", Str(tm.tm_zone));
    }

    [Fact]
    public void GmtimeR_YearBeyondInt_IsEOVERFLOW()
    {
        var t = long.MaxValue;
        Tm tm;
        Assert.True(Time.gmtime_r(&t, &tm) == null);
        Assert.Equal(75, Errno);
    }

    [Fact]
    public void Mktime_NormalizesFields_AndRoundTripsWithLocaltime()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "T2");
        UseClock(zone);
        var tm = new Tm { tm_year = 123, tm_mon = 12, tm_mday = 32, tm_hour = 25, tm_min = 0, tm_sec = 0, tm_isdst = -1 };
        var t = Time.mktime(&tm);
        // 2023-13-32 25:00 = 2024-02-02 01:00 local (+02:00) = 2024-02-01 23:00 UTC
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 23, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), t);
        Assert.Equal("2024-02-02 01:00:00 wday=5 yday=32", Format(tm));
        Assert.Equal(7200, tm.tm_gmtoff);
        Assert.Equal("T2", Str(tm.tm_zone));
        Tm back;
        Assert.True(Time.localtime_r(&t, &back) != null);
        Assert.Equal(Format(tm), Format(back));
    }

    [Fact]
    public void Localtime_InADstZone_SetsIsdst_AndMktimeHonoursTheHint()
    {
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/CET", TimeSpan.FromHours(1), "Test CET", "CET", "CEST", [rule]);
        UseClock(zone);
        long summer = new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Tm tm;
        Time.localtime_r(&summer, &tm);
        Assert.Equal(1, tm.tm_isdst);
        Assert.Equal(3600 * 2, tm.tm_gmtoff);
        Assert.Equal(14, tm.tm_hour);
        Assert.Equal("CEST", Str(tm.tm_zone));
        var copy = tm;
        Assert.Equal(summer, Time.mktime(&copy));
        copy = tm;
        copy.tm_isdst = 0; // "14:00 standard time" is 15:00 summer time
        Assert.Equal(summer + 3600, Time.mktime(&copy));
        Assert.Equal(15, copy.tm_hour);
    }

    private static string Format(Tm tm) =>
        $"{tm.tm_year + 1900:D4}-{tm.tm_mon + 1:D2}-{tm.tm_mday:D2} {tm.tm_hour:D2}:{tm.tm_min:D2}:{tm.tm_sec:D2} wday={tm.tm_wday} yday={tm.tm_yday}";
}
