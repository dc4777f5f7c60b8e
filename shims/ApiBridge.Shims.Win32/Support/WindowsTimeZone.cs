using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// A host <see cref="TimeZoneInfo"/> seen as Windows describes a time zone (<c>TIME_ZONE_INFORMATION</c>): bias in
/// minutes west of UTC, Windows zone names, and this year's transitions encoded as Windows rules
/// (<c>wYear</c> 0, <c>wDay</c> = week of the month 1..5 with 5 = last, time = local wall clock before the switch).
/// </summary>
/// <remarks>
/// The transitions are found by probing the zone's UTC offset over the year, as Wine does from the host's tz
/// data, rather than by reading <see cref="TimeZoneInfo.AdjustmentRule"/>s: on Linux those are built per
/// transition from TZif data and do not carry the floating rule Windows shows.
/// </remarks>
public static class WindowsTimeZone
{
    public const uint TIME_ZONE_ID_UNKNOWN = 0;
    public const uint TIME_ZONE_ID_STANDARD = 1;
    public const uint TIME_ZONE_ID_DAYLIGHT = 2;
    public const uint TIME_ZONE_ID_INVALID = 0xFFFFFFFF;

    // Host zone ids that are plain UTC. Windows' own "UTC" zone says "Coordinated Universal Time" with DaylightBias 0,
    // but Wine 8 (the reference the end-to-end tests compare with) maps a UTC host to "Greenwich Standard Time"
    // with DaylightBias -60; we show what Wine shows. See the conformance notes in the tests.
    private static readonly HashSet<string> UtcIds = new(StringComparer.OrdinalIgnoreCase)
    {
        "UTC", "Etc/UTC", "Etc/UCT", "UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu",
        "GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0", "GMT+0", "GMT-0", "Greenwich", "Etc/Greenwich",
        "Coordinated Universal Time",
    };

    private static Cached? cache;

    /// <summary>
    /// Describes <paramref name="zone"/> for the year of <paramref name="utcNow"/> and returns TIME_ZONE_ID_UNKNOWN
    /// (no daylight saving time this year), TIME_ZONE_ID_STANDARD or TIME_ZONE_ID_DAYLIGHT (what applies now).
    /// </summary>
    public static uint Describe(TimeZoneInfo zone, DateTime utcNow, out TIME_ZONE_INFORMATION info)
    {
        var year = utcNow.Year;
        var cached = cache;
        if (cached is null || !ReferenceEquals(cached.Zone, zone) || cached.Year != year)
            cache = cached = new Cached(zone, year, Build(zone, year));
        info = cached.Info;
        if (!cached.HasDaylightTime)
            return TIME_ZONE_ID_UNKNOWN;
        return zone.IsDaylightSavingTime(utcNow) ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
    }

    /// <summary>The Windows standard and daylight names of a host zone.</summary>
    public static (string Standard, string Daylight) Names(TimeZoneInfo zone)
    {
        if (UtcIds.Contains(zone.Id) || ReferenceEquals(zone, TimeZoneInfo.Utc))
            return ("Greenwich Standard Time", "Greenwich Daylight Time");
        string? windowsId = null;
        if (zone.HasIanaId)
        {
            if (TimeZoneInfo.TryConvertIanaIdToWindowsId(zone.Id, out var converted))
                windowsId = converted;
        }
        else if (zone.Id.EndsWith(" Time", StringComparison.Ordinal))
            windowsId = zone.Id;
        if (windowsId is not null)
        {
            if (windowsId == "UTC")
                return ("Coordinated Universal Time", "Coordinated Universal Time");
            var daylight = windowsId.EndsWith("Standard Time", StringComparison.Ordinal)
                ? windowsId[..^"Standard Time".Length] + "Daylight Time"
                : windowsId;
            return (windowsId, daylight);
        }
        return (zone.StandardName, zone.DaylightName);
    }

    private static unsafe Description Build(TimeZoneInfo zone, int year)
    {
        var info = new TIME_ZONE_INFORMATION();
        var (standardName, daylightName) = Names(zone);
        CopyName(standardName, info.StandardName);
        CopyName(daylightName, info.DaylightName);

        FindTransitions(zone, year, out var toDaylight, out var toStandard);
        if (toDaylight is not { } start || toStandard is not { } end)
        {
            // No daylight saving time this year: Windows' registry data still says DaylightBias -60 for such zones.
            var middle = new DateTime(year, 7, 1, 0, 0, 0, DateTimeKind.Utc);
            info.Bias = -(int)SafeOffset(zone, middle).TotalMinutes;
            // Only zones whose two names are the same ("Coordinated Universal Time") have DaylightBias 0.
            info.DaylightBias = standardName == daylightName ? 0 : -60;
            return new Description(info, false);
        }

        var standardOffset = start.Before;
        var daylightOffset = start.After;
        info.Bias = -(int)standardOffset.TotalMinutes;
        info.StandardBias = 0;
        info.DaylightBias = -(int)(daylightOffset - standardOffset).TotalMinutes;
        info.DaylightDate = Rule(start.Utc + standardOffset);
        info.StandardDate = Rule(end.Utc + daylightOffset);
        return new Description(info, true);
    }

    private static SYSTEMTIME Rule(DateTime localWallClock)
    {
        var week = (localWallClock.Day - 1) / 7 + 1;
        if (localWallClock.Day + 7 > DateTime.DaysInMonth(localWallClock.Year, localWallClock.Month))
            week = 5; // the last such weekday of the month
        return new SYSTEMTIME
        {
            wYear = 0,
            wMonth = (ushort)localWallClock.Month,
            wDayOfWeek = (ushort)localWallClock.DayOfWeek,
            wDay = (ushort)week,
            wHour = (ushort)localWallClock.Hour,
            wMinute = (ushort)localWallClock.Minute,
            wSecond = (ushort)localWallClock.Second,
            wMilliseconds = (ushort)localWallClock.Millisecond,
        };
    }

    private readonly record struct Transition(DateTime Utc, TimeSpan Before, TimeSpan After);

    /// <summary>The year's first switch to daylight time and first switch back, found by probing offsets.</summary>
    private static void FindTransitions(TimeZoneInfo zone, int year, out Transition? toDaylight, out Transition? toStandard)
    {
        toDaylight = null;
        toStandard = null;
        if (!zone.SupportsDaylightSavingTime || year < 2 || year > 9998)
            return;
        var day = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var previous = SafeOffset(zone, day);
        var previousDst = zone.IsDaylightSavingTime(day);
        while (day < end && (toDaylight is null || toStandard is null))
        {
            var next = day.AddHours(12);
            var offset = SafeOffset(zone, next);
            var dst = zone.IsDaylightSavingTime(next);
            if (dst != previousDst)
            {
                // Bisect to the minute: offsets change on whole minutes.
                DateTime low = day, high = next;
                while (high - low > TimeSpan.FromMinutes(1))
                {
                    var mid = low + TimeSpan.FromTicks((high - low).Ticks / 2 / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute);
                    if (mid == low)
                        mid = low.AddMinutes(1);
                    if (zone.IsDaylightSavingTime(mid) == previousDst)
                        low = mid;
                    else
                        high = mid;
                }
                var transition = new Transition(high, previous, offset);
                if (dst)
                    toDaylight ??= transition;
                else
                    toStandard ??= transition;
            }
            day = next;
            previous = offset;
            previousDst = dst;
        }
    }

    private static TimeSpan SafeOffset(TimeZoneInfo zone, DateTime utc)
    {
        try
        {
            return zone.GetUtcOffset(utc);
        }
        catch (ArgumentException)
        {
            return zone.BaseUtcOffset;
        }
    }

    private static unsafe void CopyName(string name, char* destination)
    {
        var length = Math.Min(name.Length, 31);
        for (var i = 0; i < length; i++)
            destination[i] = name[i];
        for (var i = length; i < 32; i++)
            destination[i] = '\0';
    }

    private readonly record struct Description(TIME_ZONE_INFORMATION Info, bool HasDaylightTime);

    private sealed class Cached(TimeZoneInfo zone, int year, Description description)
    {
        public TimeZoneInfo Zone { get; } = zone;
        public int Year { get; } = year;
        public TIME_ZONE_INFORMATION Info { get; } = description.Info;
        public bool HasDaylightTime { get; } = description.HasDaylightTime;
    }
}
