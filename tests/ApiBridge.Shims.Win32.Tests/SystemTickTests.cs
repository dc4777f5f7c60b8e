using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>The kept millisecond tick behind GetTickCount(64) with the default clock: current to Windows' resolution, never backwards.</summary>
public sealed class SystemTickTests
{
    private static readonly long Resolution = (long)SystemTick.RefreshInterval.TotalMilliseconds;

    // Enough reads to hand the tick to the background thread, as a guest that polls it does.
    private static void ReadOften()
    {
        for (var i = 0; i <= SystemTick.ReadsBeforeKeeping; i++)
            _ = SystemTick.Milliseconds;
        Assert.True(SystemTick.IsKept);
    }

    [Fact]
    public void TheTickIsTheHostsMonotonicClockAtMostOneRefreshBehind()
    {
        ReadOften();
        for (var i = 0; i < 20; i++)
        {
            var before = Environment.TickCount64;
            var tick = SystemTick.Milliseconds;
            var after = Environment.TickCount64;
            // Scheduling may delay a refresh: allow a few intervals, far below what a stopped tick would show.
            Assert.InRange(tick, before - 5 * Resolution, after);
            Thread.Sleep(7);
        }
    }

    [Fact]
    public async Task TheTickAdvancesWhileTheCallerSleepsAndThePoolIsBusy()
    {
        ReadOften();
        var start = SystemTick.Milliseconds;
        // A pool with every thread blocked must not stop time (the refresh runs on a thread of its own).
        var blockers = Enumerable.Range(0, Environment.ProcessorCount * 4).Select(_ => Task.Run(() => Thread.Sleep(300))).ToArray();
        Thread.Sleep(200);
        var later = SystemTick.Milliseconds;
        await Task.WhenAll(blockers);
        Assert.InRange(later - start, 200 - 2 * Resolution, 2_000);
    }

    [Fact]
    public void ReadersOnManyThreadsNeverSeeItGoBackwards()
    {
        var failures = 0;
        // Two readers, yielding between reads: enough to race the refresh without starving the other tests.
        Parallel.For(0, 2, _ =>
        {
            var last = SystemTick.Milliseconds;
            var until = Environment.TickCount64 + 150;
            while (Environment.TickCount64 < until)
            {
                var now = SystemTick.Milliseconds;
                if (now < last)
                    Interlocked.Increment(ref failures);
                last = now;
                Thread.Yield();
            }
        });
        Assert.Equal(0, failures);
    }
}
