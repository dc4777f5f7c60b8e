namespace ApiBridge.RewriteBench;

/// <summary>
/// Start-up as issue 17 measures it: whole processes, in alternation, wall time until exit and peak resident memory.
/// The baseline is the guest hand-ported to .NET (<c>bench/TinyGuestPorted</c>, started with <c>dotnet</c>); against it
/// the bridged guest started with <c>dotnet</c> from its cached rewritten folder, and by each <c>apibridge run</c> front
/// (the native launcher, the managed CLI) on a cache hit. Each front has its own cache, filled by an untimed first run.
/// </summary>
public static class Startup
{
    /// <summary>A way of starting <c>apibridge</c>: the program and the arguments before <c>run</c>'s.</summary>
    public sealed record Front(string Name, string Program, params string[] Prefix);

    public sealed record Result(Stats HandPorted, Stats Direct, List<Stats> Fronts);

    public static Result? Measure(IReadOnlyList<Front> fronts, string guestDll, string portedDll, string work, int runs, TextWriter log)
    {
        foreach (var required in new[] { guestDll, portedDll })
            if (!File.Exists(required))
            {
                log.WriteLine($"start-up: skipped ({required} is not built)");
                return null;
            }
        var name = Path.GetFileNameWithoutExtension(guestDll);
        var caches = new List<string>();
        string? entry = null;
        foreach (var front in fronts)
        {
            var cache = Path.Combine(work, $"cache-{name}-{caches.Count}");
            caches.Add(cache);
            var first = ChildProcess.Run(front.Program, [.. front.Prefix, "run", "--cache-dir", cache, guestDll]);
            entry = Directory.Exists(cache)
                ? Directory.GetDirectories(cache).Where(d => !Path.GetFileName(d).StartsWith('.')).Select(d => Path.Combine(d, name + ".dll")).SingleOrDefault(File.Exists)
                : null;
            if (entry is null)
            {
                log.WriteLine($"start-up: skipped (the first run of {name} by {front.Name} left no cache entry; exit code {first.ExitCode})");
                return null;
            }
        }
        var handPorted = new Stats($"dotnet {Path.GetFileName(portedDll)} (hand-ported to .NET)");
        var direct = new Stats($"dotnet {name}.dll (rewritten, from the cache)");
        var measured = fronts.Select(f => new Stats($"{f.Name} run {name} (cache hit)")).ToList();
        // Warm the file cache and the runtime's own files for every program measured.
        MeasuredProcess.Run("dotnet", [portedDll]);
        MeasuredProcess.Run("dotnet", [entry!]);
        for (var i = 0; i < runs; i++)
        {
            handPorted.Add(MeasuredProcess.Run("dotnet", [portedDll]));
            direct.Add(MeasuredProcess.Run("dotnet", [entry!]));
            for (var f = 0; f < fronts.Count; f++)
                measured[f].Add(MeasuredProcess.Run(fronts[f].Program, [.. fronts[f].Prefix, "run", "--cache-dir", caches[f], guestDll]));
        }
        return new Result(handPorted, direct, measured);
    }

    /// <summary>The start-up table: median and minimum wall time, median peak memory, each against the hand port.</summary>
    public static void Print(Result result, TextWriter writer)
    {
        var table = new Table("start-up (whole process)", "min", "median", "ratio (median)", "peak memory (median)", "vs hand port");
        var baseline = result.HandPorted;
        foreach (var row in new[] { baseline, result.Direct }.Concat(result.Fronts))
            table.Add(row.Name, $"{row.Min:0} ms", $"{row.Median:0.0} ms", $"{row.Median / baseline.Median:0.00}",
                $"{row.PeakMedian:0.0} MiB", $"{row.PeakMedian - baseline.PeakMedian:+0.0;-0.0;0.0} MiB");
        table.Print(writer);
    }
}
