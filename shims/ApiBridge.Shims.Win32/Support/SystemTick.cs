namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// The millisecond tick GetTickCount and GetTickCount64 report with the default clock, kept as Windows keeps it: a
/// value in memory that the system timer refreshes (every 15.625 ms by default), read with one load. Windows reads it
/// from KUSER_SHARED_DATA and Wine from its copy, kept current by the Wine server, so a guest's read costs them about
/// 5 ns; asking the host's clock on every call (Environment.TickCount64, a clock_gettime through the vDSO) costs
/// twice that here (issue 17). Once a guest reads the tick often, a background thread refreshes the value from the
/// host's monotonic millisecond clock every 15 ms, so a read is never more than one refresh behind — Windows' own
/// resolution.
/// </summary>
/// <remarks>
/// Until then each read asks the host's clock: starting a thread costs a .NET process about 3 ms, which a guest that
/// reads the tick once at start-up should not pay. And a dedicated thread, not a thread-pool timer: a guest that
/// starves the pool (blocking its threads, as programs do) must still see time pass, or its timeout loops would never end.
/// </remarks>
public static class SystemTick
{
    /// <summary>How often the kept tick is refreshed: Windows' default timer resolution, rounded down.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(15);

    /// <summary>Reads answered by the host's clock before the tick is kept by the background thread.</summary>
    public const int ReadsBeforeKeeping = 256;

    private static long milliseconds;
    private static int kept;
    private static int starting;
    private static int reads;

    /// <summary>Milliseconds of the host's monotonic clock, at most <see cref="RefreshInterval"/> (plus scheduling) old.</summary>
    public static long Milliseconds
    {
        get
        {
            if (Volatile.Read(ref kept) != 0)
                return Volatile.Read(ref milliseconds);
            return ReadHost();
        }
    }

    /// <summary>Whether the background thread keeps the tick (after <see cref="ReadsBeforeKeeping"/> reads).</summary>
    public static bool IsKept => Volatile.Read(ref kept) != 0;

    private static long ReadHost()
    {
        // A count that may lose an increment to a race: it only decides when the thread starts.
        if (++reads >= ReadsBeforeKeeping && Interlocked.Exchange(ref starting, 1) == 0)
        {
            // The value first, then the switch to it: no reader sees a kept tick that was never stored.
            Refresh();
            Volatile.Write(ref kept, 1);
            new Thread(KeepCurrent) { IsBackground = true, Name = "ApiBridge system tick" }.Start();
        }
        // Never below a value already kept: a reader must not see the tick go back.
        var now = Environment.TickCount64;
        var stored = Volatile.Read(ref milliseconds);
        return now > stored ? now : stored;
    }

    private static void KeepCurrent()
    {
        while (true)
        {
            Thread.Sleep(RefreshInterval);
            Refresh();
        }
    }

    // Never backwards: the clock is monotonic, and a refresh racing a start keeps the larger value.
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
