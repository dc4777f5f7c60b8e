namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// The millisecond tick GetTickCount and GetTickCount64 report with the default clock, kept as Windows keeps it: a
/// value in memory that the system timer refreshes (every 15.625 ms by default), read with one load. Windows reads it
/// from KUSER_SHARED_DATA and Wine from its copy, kept current by the Wine server, so a guest's read costs them about
/// 5 ns; asking the host's clock on every call (Environment.TickCount64, a clock_gettime through the vDSO) costs
/// twice that here (issue 17). A background thread, started by the first read, refreshes the value from the host's
/// monotonic millisecond clock every 15 ms, so a read is never more than one refresh behind — Windows' own resolution.
/// </summary>
/// <remarks>
/// A dedicated thread, not a thread-pool timer: a guest that starves the pool (blocking its threads, as programs do)
/// must still see time pass, or its own timeout loops would never end.
/// </remarks>
public static class SystemTick
{
    /// <summary>How often the tick is refreshed: Windows' default timer resolution, rounded down.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(15);

    private static long milliseconds;
    private static int started;

    /// <summary>Milliseconds of the host's monotonic clock, at most <see cref="RefreshInterval"/> (plus scheduling) old.</summary>
    public static long Milliseconds
    {
        get
        {
            if (Volatile.Read(ref started) == 0)
                Start();
            return Volatile.Read(ref milliseconds);
        }
    }

    private static void Start()
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            // Another thread is starting it: its first value may not be stored yet, so take one of our own.
            if (Volatile.Read(ref milliseconds) == 0)
                Refresh();
            return;
        }
        Refresh();
        new Thread(KeepCurrent) { IsBackground = true, Name = "ApiBridge system tick" }.Start();
    }

    private static void KeepCurrent()
    {
        while (true)
        {
            Thread.Sleep(RefreshInterval);
            Refresh();
        }
    }

    // Never backwards: the clock is monotonic, and two refreshes racing (the start above) keep the larger value.
    private static void Refresh()
    {
        var now = Environment.TickCount64;
        var seen = Volatile.Read(ref milliseconds);
        while (now > seen)
        {
            var previous = Interlocked.CompareExchange(ref milliseconds, now, seen);
            if (previous == seen)
                return;
            seen = previous;
        }
    }
}
