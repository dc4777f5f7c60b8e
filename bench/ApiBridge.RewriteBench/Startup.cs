using System.Diagnostics;

namespace ApiBridge.RewriteBench;

/// <summary>
/// `apibridge run &lt;guest&gt;` on a cache hit against `dotnet &lt;rewritten guest&gt;.dll`: repeated process starts,
/// interleaved, wall time until exit.
/// </summary>
public static class Startup
{
    public static (Stats Run, Stats Direct)? Measure(string cliDll, string guestDll, string work, int runs, TextWriter log)
    {
        if (!File.Exists(cliDll) || !File.Exists(guestDll))
        {
            log.WriteLine($"start-up: skipped ({(File.Exists(cliDll) ? guestDll : cliDll)} is not built)");
            return null;
        }
        var name = Path.GetFileNameWithoutExtension(guestDll);
        var cache = Path.Combine(work, "cache-" + name);
        var first = Start(cliDll, "run", "--cache-dir", cache, guestDll);
        var entry = Directory.GetDirectories(cache).Where(d => !Path.GetFileName(d).StartsWith('.')).Select(d => Path.Combine(d, name + ".dll")).SingleOrDefault(File.Exists);
        if (entry is null)
        {
            log.WriteLine($"start-up: skipped (the first run of {name} left no cache entry; exit code {first.ExitCode})");
            return null;
        }
        var run = new Stats($"apibridge run {name} (cache hit)");
        var direct = new Stats($"dotnet {name}.dll (rewritten)");
        Start(null, entry); // warm the file cache for both
        for (var i = 0; i < runs; i++)
        {
            var (hit, _) = Start(cliDll, "run", "--cache-dir", cache, guestDll);
            run.Add(hit);
            var (plain, _) = Start(null, entry);
            direct.Add(plain);
        }
        return (run, direct);
    }

    private static (TimeSpan Elapsed, int ExitCode) Start(string? dll, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (dll is not null)
            start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        stopwatch.Stop();
        _ = stdout.Result + stderr.Result;
        return (stopwatch.Elapsed, process.ExitCode);
    }
}
