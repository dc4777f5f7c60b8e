namespace ApiBridge.Runtime.Services;

/// <summary>The host's time services as shims need them. Replace it (see <see cref="Bridge.Configure"/>) to give guests a fixed clock.</summary>
public interface IClock
{
    /// <summary>Current UTC time as a Windows FILETIME value: 100 ns intervals since 1601-01-01 UTC.</summary>
    long UtcNowFileTime { get; }

    /// <summary>Like <see cref="UtcNowFileTime"/> with the host's best resolution.</summary>
    long PreciseUtcNowFileTime { get; }

    /// <summary>A monotonic counter (QueryPerformanceCounter, CLOCK_MONOTONIC).</summary>
    long MonotonicTimestamp { get; }

    /// <summary>Ticks of <see cref="MonotonicTimestamp"/> per second.</summary>
    long MonotonicFrequency { get; }

    /// <summary>Milliseconds since the system started.</summary>
    long TickCount64 { get; }

    /// <summary>The time zone guests see as local.</summary>
    TimeZoneInfo LocalTimeZone { get; }

    /// <summary>Blocks the calling thread.</summary>
    void Sleep(TimeSpan duration);
}
