namespace ApiBridge.RewriteBench;

/// <summary>
/// `apibridge run &lt;guest&gt;` on a cache hit against `dotnet &lt;rewritten guest&gt;.dll`: repeated process starts,
/// interleaved, wall time until exit. Each front (the native launcher, the managed CLI) is measured with its own
/// cache, filled by an untimed first run.
/// </summary>
public static class Startup
{
    /// <summary>A way of starting <c>apibridge</c>: the program and the arguments before <c>run</c>'s.</summary>
    public sealed record Front(string Name, string Program, params string[] Prefix);

    public static (Stats Direct, List<Stats> Fronts)? Measure(IReadOnlyList<Front> fronts, string guestDll, string work, int runs, TextWriter log)
    {
        if (!File.Exists(guestDll))
        {
            log.WriteLine($"start-up: skipped ({guestDll} is not built)");
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
        var direct = new Stats($"dotnet {name}.dll (rewritten)");
        var measured = fronts.Select(f => new Stats($"{f.Name} run {name} (cache hit)")).ToList();
        ChildProcess.Run("dotnet", [entry!]); // warm the file cache
        for (var i = 0; i < runs; i++)
        {
            direct.Add(ChildProcess.Run("dotnet", [entry!]).Elapsed);
            for (var f = 0; f < fronts.Count; f++)
                measured[f].Add(ChildProcess.Run(fronts[f].Program, [.. fronts[f].Prefix, "run", "--cache-dir", caches[f], guestDll]).Elapsed);
        }
        return (direct, measured);
    }
}
