using System.Collections.Concurrent;
using System.Diagnostics;

namespace ApiBridge.Cli.Diff;

/// <summary>
/// Where diff's own time goes (prefix copies, snapshots, clearing up), for the split <c>diff -v</c> reports next to
/// the guest's runs. One diff per process, so the buckets are process-wide.
/// </summary>
internal static class OwnWork
{
    private static readonly ConcurrentDictionary<string, long> ticks = new(StringComparer.Ordinal);

    public static T Measure<T>(string bucket, Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            ticks.AddOrUpdate(bucket, Stopwatch.GetTimestamp() - start, (_, sum) => sum + Stopwatch.GetTimestamp() - start);
        }
    }

    public static void Measure(string bucket, Action work) => Measure(bucket, () => { work(); return 0; });

    /// <summary>"prefix copy 0.03 s, snapshots 0.20 s, …", largest first.</summary>
    public static string Describe() => string.Join(", ", ticks.OrderByDescending(p => p.Value)
        .Select(p => $"{p.Key} {Stopwatch.GetElapsedTime(0, p.Value).TotalSeconds:0.00} s"));
}
