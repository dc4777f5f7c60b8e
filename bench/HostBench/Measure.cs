using System.Diagnostics;

namespace HostBench;

/// <summary>Times an operation: warm-up, then the best of several rounds, in nanoseconds per call.</summary>
public static class Measure
{
    /// <summary>
    /// Long enough for tiered compilation to replace the first (tier-0) code of both sides: it starts counting calls
    /// 100 ms after start-up activity settles and compiles in the background. Precompiled framework code (the .NET side's
    /// Stopwatch, say) is fast from the first call, the guest's adapters are not, and a short row would compare those.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(300);

    public static double NanosecondsPerCall(Action operation, int iterations)
    {
        var warming = Stopwatch.StartNew();
        for (var calls = 0; calls < Math.Min(iterations, 1000) || warming.Elapsed < WarmUp; calls++)
            operation();
        Thread.Sleep(20); // let a background tier-1 compilation land
        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < iterations; i++)
                operation();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalNanoseconds / iterations;
            best = Math.Min(best, elapsed);
        }
        return best;
    }
}

/// <summary>One row: the platform call as the guest makes it against the .NET API doing the same work.</summary>
public sealed record Row(string Family, string Operation, double DotNetNs, double GuestCallNs)
{
    public double Ratio => GuestCallNs / DotNetNs;

    public override string ToString() => double.IsNaN(DotNetNs)
        ? $"| {Family,-8} | {Operation,-34} | {"-",12} | {GuestCallNs,12:F1} | {"-",6} |"
        : $"| {Family,-8} | {Operation,-34} | {DotNetNs,12:F1} | {GuestCallNs,12:F1} | {Ratio,6:F2} |";

    public static string Header =>
        $"| {"family",-8} | {"operation",-34} | {".NET ns",12} | {"guest ns",12} | {"ratio",6} |\n|{new string('-', 10)}|{new string('-', 36)}|{new string('-', 14)}|{new string('-', 14)}|{new string('-', 8)}|";
}
