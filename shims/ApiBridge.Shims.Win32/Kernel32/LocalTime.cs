namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>UTC ↔ local offsets shared by the time shims.</summary>
internal static class LocalTime
{
    /// <summary>local − UTC in FILETIME units for the zone at the UTC instant <paramref name="utcFileTime"/>.</summary>
    public static long OffsetTicks(TimeZoneInfo zone, long utcFileTime)
    {
        // DateTime ends in 9999; past it (a FILETIME can reach 30828) the zone's base offset is the best answer.
        const long maxDateTimeFileTime = 2_650_467_743_999_999_999; // 9999-12-31T23:59:59.9999999Z
        if (utcFileTime < 0 || utcFileTime > maxDateTimeFileTime)
            return zone.BaseUtcOffset.Ticks;
        try
        {
            return zone.GetUtcOffset(DateTime.FromFileTimeUtc(utcFileTime)).Ticks;
        }
        catch (ArgumentException)
        {
            return zone.BaseUtcOffset.Ticks;
        }
    }

    /// <summary>Today's bias as FileTimeToLocalFileTime uses it: the offset in force now, whatever the converted date.</summary>
    public static long CurrentOffsetTicks(ApiBridge.Runtime.Services.IClock clock) =>
        OffsetTicks(clock.LocalTimeZone, clock.UtcNowFileTime);
}
