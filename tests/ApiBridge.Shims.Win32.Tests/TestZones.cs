namespace ApiBridge.Shims.Win32.Tests;

/// <summary>Time zones built in the test, so results do not depend on the host's tz data.</summary>
public static class TestZones
{
    /// <summary>UTC+1, daylight UTC+2 from the last Sunday of March 02:00 to the last Sunday of October 03:00 (the EU rule).</summary>
    public static TimeZoneInfo CentralEurope()
    {
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday));
        return TimeZoneInfo.CreateCustomTimeZone("Test Europe Standard Time", TimeSpan.FromHours(1), "Test Europe",
            "Test Europe Standard Time", "Test Europe Summer Time", new[] { rule });
    }

    /// <summary>UTC−5, daylight UTC−4 from the second Sunday of March to the first Sunday of November, both 02:00 (the US rule).</summary>
    public static TimeZoneInfo UsEastern()
    {
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday));
        return TimeZoneInfo.CreateCustomTimeZone("Test Eastern", TimeSpan.FromHours(-5), "Test Eastern",
            "Test Eastern Standard", "Test Eastern Daylight", new[] { rule });
    }

    /// <summary>UTC+8 without daylight saving time.</summary>
    public static TimeZoneInfo NoDaylight() =>
        TimeZoneInfo.CreateCustomTimeZone("Test Asia Standard Time", TimeSpan.FromHours(8), "Test Asia", "Test Asia Standard Time");
}
