using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>GetTimeZoneInformation: bias, names and Windows-encoded transition rules.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class TimeZoneInformationTests : BridgeTest
{
    private static uint Describe(TimeZoneInfo zone, DateTime utcNow, out TIME_ZONE_INFORMATION info)
    {
        Use(FakeClock.At(utcNow, zone));
        TIME_ZONE_INFORMATION result;
        LastError.Set(1234);
        var id = TimeZoneInformation.GetTimeZoneInformation(&result);
        Assert.Equal(1234, LastError.Value);
        info = result;
        return id;
    }

    private static string Name(char* chars) => new(chars);

    private static void AssertRule(SYSTEMTIME rule, int month, DayOfWeek dayOfWeek, int week, int hour)
    {
        Assert.Equal(0, rule.wYear); // a yearly rule
        Assert.Equal((month, (int)dayOfWeek, week, hour, 0, 0, 0),
            (rule.wMonth, rule.wDayOfWeek, rule.wDay, rule.wHour, rule.wMinute, rule.wSecond, rule.wMilliseconds));
    }

    [Fact]
    public void StructureIs172Bytes() => Assert.Equal(172, sizeof(TIME_ZONE_INFORMATION));

    [Fact]
    public void UtcHostLooksAsWine80ShowsIt()
    {
        // Wine 8.0 on this UTC machine: TIME_ZONE_ID_UNKNOWN, Bias 0, "Greenwich Standard Time" /
        // "Greenwich Daylight Time", StandardBias 0, DaylightBias -60, no transition dates.
        foreach (var zone in new[] { TimeZoneInfo.Utc, TimeZoneInfo.FindSystemTimeZoneById("Etc/UTC") })
        {
            var id = Describe(zone, new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc), out var info);
            Assert.Equal(WindowsTimeZone.TIME_ZONE_ID_UNKNOWN, id);
            Assert.Equal(0, info.Bias);
            Assert.Equal("Greenwich Standard Time", Name(info.StandardName));
            Assert.Equal("Greenwich Daylight Time", Name(info.DaylightName));
            Assert.Equal(0, info.StandardBias);
            Assert.Equal(-60, info.DaylightBias);
            Assert.Equal(default, info.StandardDate);
            Assert.Equal(default, info.DaylightDate);
        }
    }

    [Fact]
    public void ZoneWithoutDaylightTimeIsUnknownWithItsBias()
    {
        var id = Describe(TestZones.NoDaylight(), new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc), out var info);
        Assert.Equal(WindowsTimeZone.TIME_ZONE_ID_UNKNOWN, id);
        Assert.Equal(-480, info.Bias); // UTC = local + bias
        Assert.Equal("Test Asia Standard Time", Name(info.StandardName));
        Assert.Equal("Test Asia Daylight Time", Name(info.DaylightName));
        Assert.Equal(default, info.DaylightDate);
    }

    [Fact]
    public void EuropeanRuleInSummerIsDaylightWithLastSundayRules()
    {
        var id = Describe(TestZones.CentralEurope(), new DateTime(2024, 7, 1, 12, 0, 0, DateTimeKind.Utc), out var info);
        Assert.Equal(WindowsTimeZone.TIME_ZONE_ID_DAYLIGHT, id);
        Assert.Equal(-60, info.Bias);
        Assert.Equal(0, info.StandardBias);
        Assert.Equal(-60, info.DaylightBias);
        AssertRule(info.DaylightDate, 3, DayOfWeek.Sunday, 5, 2);   // last Sunday of March, 02:00 standard time
        AssertRule(info.StandardDate, 10, DayOfWeek.Sunday, 5, 3);  // last Sunday of October, 03:00 daylight time
        Assert.Equal("Test Europe Standard Time", Name(info.StandardName));
        Assert.Equal("Test Europe Daylight Time", Name(info.DaylightName));
    }

    [Fact]
    public void EuropeanRuleInWinterIsStandard()
    {
        var id = Describe(TestZones.CentralEurope(), new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Utc), out var info);
        Assert.Equal(WindowsTimeZone.TIME_ZONE_ID_STANDARD, id);
        Assert.Equal(-60, info.Bias);
    }

    [Fact]
    public void LastSundayIsWeekFiveEvenWhenItIsTheFourthSundayOfTheMonth()
    {
        // March 2029: the last Sunday is the 25th (the 4th Sunday); Windows encodes "last" as 5.
        Describe(TestZones.CentralEurope(), new DateTime(2029, 6, 1, 0, 0, 0, DateTimeKind.Utc), out var info);
        AssertRule(info.DaylightDate, 3, DayOfWeek.Sunday, 5, 2);
        AssertRule(info.StandardDate, 10, DayOfWeek.Sunday, 5, 3);
    }

    [Fact]
    public void UsRuleIsSecondSundayOfMarchToFirstSundayOfNovember()
    {
        var id = Describe(TestZones.UsEastern(), new DateTime(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc), out var info);
        Assert.Equal(WindowsTimeZone.TIME_ZONE_ID_STANDARD, id);
        Assert.Equal(300, info.Bias);
        Assert.Equal(-60, info.DaylightBias);
        AssertRule(info.DaylightDate, 3, DayOfWeek.Sunday, 2, 2);
        AssertRule(info.StandardDate, 11, DayOfWeek.Sunday, 1, 2);
        // Without a Windows zone id the host's display names are used.
        Assert.Equal("Test Eastern Standard", Name(info.StandardName));
        Assert.Equal("Test Eastern Daylight", Name(info.DaylightName));
    }

    [Fact]
    public void HostIanaZonesGetWindowsNamesAndRules()
    {
        var id = Describe(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc), out var info);
        Assert.Equal(WindowsTimeZone.TIME_ZONE_ID_DAYLIGHT, id);
        Assert.Equal(300, info.Bias);
        Assert.Equal("Eastern Standard Time", Name(info.StandardName));
        Assert.Equal("Eastern Daylight Time", Name(info.DaylightName));
        AssertRule(info.DaylightDate, 3, DayOfWeek.Sunday, 2, 2);
        AssertRule(info.StandardDate, 11, DayOfWeek.Sunday, 1, 2);

        Describe(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), out info);
        Assert.Equal(-60, info.Bias);
        Assert.Equal("W. Europe Standard Time", Name(info.StandardName));
        Assert.Equal("W. Europe Daylight Time", Name(info.DaylightName));
        AssertRule(info.DaylightDate, 3, DayOfWeek.Sunday, 5, 2);
        AssertRule(info.StandardDate, 10, DayOfWeek.Sunday, 5, 3);
    }

    [Fact]
    public void LongNamesAreCutTo31CharactersAndTerminated()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Long", TimeSpan.Zero + TimeSpan.FromHours(3), "Long",
            new string('s', 40));
        Describe(zone, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), out var info);
        Assert.Equal(new string('s', 31), Name(info.StandardName));
        Assert.Equal('\0', info.StandardName[31]);
        Assert.Equal(-180, info.Bias);
    }

    [Fact]
    public void NullFailsWithInvalidIdAndNoAccess()
    {
        LastError.Set(0);
        Assert.Equal(WindowsTimeZone.TIME_ZONE_ID_INVALID, TimeZoneInformation.GetTimeZoneInformation(null));
        Assert.Equal(Win32Error.ERROR_NOACCESS, LastError.Value);
    }
}
