using ApiBridge.Runtime.Services;

namespace ApiBridge.Testing;

/// <summary>A clock that says what the test sets and records sleeps instead of sleeping.</summary>
public sealed class FakeClock : IClock
{
    public long UtcNowFileTime { get; set; }
    public long PreciseUtcNowFileTime { get; set; }
    public long MonotonicTimestamp { get; set; }
    public long MonotonicFrequency { get; set; } = 1_000_000_000;
    public long TickCount64 { get; set; }
    public TimeZoneInfo LocalTimeZone { get; set; } = TimeZoneInfo.Utc;
    public List<TimeSpan> Sleeps { get; } = new();

    public void Sleep(TimeSpan duration) => Sleeps.Add(duration);

    public static FakeClock At(DateTime utc, TimeZoneInfo? zone = null) => new()
    {
        UtcNowFileTime = utc.ToFileTimeUtc(),
        PreciseUtcNowFileTime = utc.ToFileTimeUtc(),
        LocalTimeZone = zone ?? TimeZoneInfo.Utc,
    };
}
