using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// A TIME_ZONE_INFORMATION's own rule (not the zone database's): its bias, and when StandardDate's month is set, the
/// yearly change dates in Windows' "day-of-week in week n of the month" form (wYear 0; wDay 1–5, 5 the last), the
/// daylight start given in standard local time and the standard start in daylight local time.
/// </summary>
public static class TimeZoneRules
{
    /// <summary>UTC for a local time under the rule, in minutes to add: Bias plus the standard or daylight bias in force.</summary>
    public static bool TryBiasAt(in TIME_ZONE_INFORMATION zone, DateTime local, out int biasMinutes)
    {
        biasMinutes = zone.Bias + zone.StandardBias;
        if (zone.StandardDate.wMonth == 0 || zone.DaylightDate.wMonth == 0)
            return true;
        if (!TryTransition(zone.DaylightDate, local.Year, out var daylightStart) || !TryTransition(zone.StandardDate, local.Year, out var standardStart))
            return false;
        var inDaylight = daylightStart < standardStart
            ? local >= daylightStart && local < standardStart   // northern hemisphere
            : local >= daylightStart || local < standardStart;  // southern: daylight spans the new year
        if (inDaylight)
            biasMinutes = zone.Bias + zone.DaylightBias;
        return true;
    }

    /// <summary>The moment (local) a rule date falls on in a year; false for a malformed rule.</summary>
    public static bool TryTransition(in SYSTEMTIME rule, int year, out DateTime moment)
    {
        moment = default;
        if (rule.wMonth is < 1 or > 12 || rule.wDayOfWeek > 6 || rule.wHour > 23 || rule.wMinute > 59)
            return false;
        if (rule.wYear != 0)
        {
            // An absolute date, used once in that year only.
            if (rule.wDay < 1 || rule.wDay > DateTime.DaysInMonth(year, rule.wMonth))
                return false;
            moment = new DateTime(year, rule.wMonth, rule.wDay, rule.wHour, rule.wMinute, rule.wSecond);
            return true;
        }
        if (rule.wDay is < 1 or > 5)
            return false;
        var first = new DateTime(year, rule.wMonth, 1);
        var day = 1 + ((rule.wDayOfWeek - (int)first.DayOfWeek + 7) % 7) + (rule.wDay - 1) * 7;
        while (day > DateTime.DaysInMonth(year, rule.wMonth))
            day -= 7; // week 5 means the last such day of the month
        moment = new DateTime(year, rule.wMonth, day, rule.wHour, rule.wMinute, rule.wSecond).AddMilliseconds(rule.wMilliseconds);
        return true;
    }
}
