using System.Diagnostics;

namespace ApiBridge.Runtime.Services;

/// <summary>The host's real clock.</summary>
public sealed class SystemClock : IClock
{
    public long UtcNowFileTime => DateTime.UtcNow.ToFileTimeUtc();

    // DateTime.UtcNow is already the precise clock on every host .NET supports (clock_gettime / GetSystemTimePreciseAsFileTime).
    public long PreciseUtcNowFileTime => DateTime.UtcNow.ToFileTimeUtc();

    public long MonotonicTimestamp => Stopwatch.GetTimestamp();

    public long MonotonicFrequency => Stopwatch.Frequency;

    public long TickCount64 => Environment.TickCount64;

    public TimeZoneInfo LocalTimeZone => TimeZoneInfo.Local;

    public void Sleep(TimeSpan duration) => Thread.Sleep(duration);
}
