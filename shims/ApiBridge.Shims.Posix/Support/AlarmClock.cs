namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The process's one real-time alarm timer (alarm/ualarm on a host without SIGALRM): arming it replaces the previous
/// one and tells how long that one had left; when it fires, <see cref="Fired"/> runs once (then again each interval,
/// for ualarm's repeat).
/// </summary>
public sealed class AlarmClock(Action fired)
{
    private readonly object gate = new();
    private Timer? timer;
    private DateTime dueAt;
    private TimeSpan interval;

    public Action Fired { get; } = fired;

    /// <summary>Arms the timer for <paramref name="after"/> (zero: disarms it); returns what the previous one had left (zero if none).</summary>
    public TimeSpan Arm(TimeSpan after, TimeSpan repeat = default)
    {
        lock (gate)
        {
            var left = timer is null ? TimeSpan.Zero : dueAt - DateTime.UtcNow;
            if (left < TimeSpan.Zero)
                left = TimeSpan.Zero;
            timer?.Dispose();
            timer = null;
            if (after > TimeSpan.Zero)
            {
                dueAt = DateTime.UtcNow + after;
                interval = repeat;
                timer = new Timer(_ => Fire(), null, after, repeat > TimeSpan.Zero ? repeat : Timeout.InfiniteTimeSpan);
            }
            return left;
        }
    }

    private void Fire()
    {
        lock (gate)
        {
            if (interval > TimeSpan.Zero)
                dueAt = DateTime.UtcNow + interval;
            else
            {
                timer?.Dispose();
                timer = null;
            }
        }
        Fired();
    }
}
