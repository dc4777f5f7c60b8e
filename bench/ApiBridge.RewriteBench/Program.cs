using System.Diagnostics;
using ApiBridge.Core.Loading;
using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting;
using ApiBridge.Fuzzing;

namespace ApiBridge.RewriteBench;

/// <summary>
/// dotnet run -c Release --project bench/ApiBridge.RewriteBench -- [--iterations N] [--startup-runs N] [--no-compile]
///     [--no-startup | --startup-only] [--no-verify] [--fuzz N] [--seed S] [--work DIR]
/// Prints one table: the plain Cecil round trip of the corpus, issue 17's floor (see <see cref="Floor"/>) and
/// ApiBridge's full rewrite of it on one and on every core, the ratios (the rewrite against the floor too), start-up
/// (the hand port, `dotnet` of the rewritten guest, `apibridge run`; time and peak memory), and the IL verification counts.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var iterations = IntOption(args, "--iterations", 5);
        var startupRuns = IntOption(args, "--startup-runs", 20);
        var fuzz = IntOption(args, "--fuzz", 0);
        var seed = IntOption(args, "--seed", 6);
        var work = Path.GetFullPath(StringOption(args, "--work") ?? Path.Combine(Path.GetTempPath(), "apibridge-rewritebench", Environment.ProcessId.ToString()));
        var configuration = Corpus.Metadata("Configuration");
        var repository = Path.GetFullPath(Corpus.Metadata("RepositoryRoot"));
        Directory.CreateDirectory(work);
        try
        {
            if (fuzz > 0)
                return Fuzz(repository, configuration, work, fuzz, seed);
            if (args.Contains("--startup-only"))
            {
                if (MeasureStartup(repository, configuration, work, startupRuns) is not { } only)
                    return 1;
                Startup.Print(only, Console.Out);
                return 0;
            }

            var corpus = Corpus.Create(Path.Combine(work, "corpus"));
            Console.WriteLine($"corpus: {corpus.Assemblies.Count} assemblies ({corpus.Bytes / 1048576.0:0.0} MiB), {corpus.Candidates.Count} managed; {iterations} iterations; {Environment.ProcessorCount} cores");
            using var payload = BridgePayload.Locate();
            var rewriter = new AppRewriter(payload);

            // Warm-up (JIT, file cache), untimed; it also tells which assemblies ApiBridge actually rewrites.
            var warm = Rewrite(rewriter, corpus, work, 1);
            Delete(Path.Combine(work, "out"));
            var rewrittenSubset = warm.Outcomes.Where(o => o.Action == RewriteAction.Rewritten).Select(o => o.SourcePath).ToList();
            var probed = corpus.Candidates.Where(c => RewriteProbe.MayNeedRewrite(c, payload.Catalog, managedView: true)).ToList();
            var readUnchanged = probed.Except(rewrittenSubset, StringComparer.Ordinal).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Console.WriteLine($"probe: {probed.Count} of {corpus.Candidates.Count} managed assemblies read by Cecil, {rewrittenSubset.Count} rewritten; "
                + $"read but unchanged ({readUnchanged.Count}): {string.Join(", ", readUnchanged)}");
            RoundTrip.Run(corpus.Folder, corpus.Candidates);
            Floor.Run(corpus.Folder, rewrittenSubset, Path.Combine(work, "floor"), 1);
            Delete(Path.Combine(work, "floor"));

            var plain = new Stats("Cecil round trip (read + write to memory), 1 thread");
            var subset = new Stats($"Cecil round trip of the {rewrittenSubset.Count} assemblies ApiBridge rewrites");
            var floorName = $"floor: Cecil read + write to disk of the {rewrittenSubset.Count} rewritten + File.Copy of the rest";
            var floorSingle = new Stats($"{floorName}, 1 thread");
            var floorParallel = new Stats($"{floorName}, {Environment.ProcessorCount} threads");
            var single = new Stats("ApiBridge full rewrite, 1 thread");
            var parallel = new Stats($"ApiBridge full rewrite, {Environment.ProcessorCount} threads");
            var floorOutput = Path.Combine(work, "floor");
            RewriteSummary? summary = null;
            for (var i = 0; i < iterations; i++)
            {
                plain.Add(Time(() => RoundTrip.Run(corpus.Folder, corpus.Candidates)));
                subset.Add(Time(() => RoundTrip.Run(corpus.Folder, rewrittenSubset)));
                floorSingle.Add(Time(() => Floor.Run(corpus.Folder, rewrittenSubset, floorOutput, 1)));
                Delete(floorOutput);
                floorParallel.Add(Time(() => Floor.Run(corpus.Folder, rewrittenSubset, floorOutput, Environment.ProcessorCount)));
                Delete(floorOutput);
                single.Add(Time(() => Rewrite(rewriter, corpus, work, 1)));
                Delete(Path.Combine(work, "out"));
                var keep = i == iterations - 1;
                parallel.Add(Time(() => summary = Rewrite(rewriter, corpus, work, Environment.ProcessorCount, keep)));
                if (!keep)
                    Delete(Path.Combine(work, "out"));
            }

            var table = new Table("measurement", "min", "median", "ratio (median)");
            void Row(Stats s, Stats? baseline, string unit = "ms") =>
                table.Add(s.Name, $"{s.Min:0} {unit}", $"{s.Median:0} {unit}", baseline is null ? "1.00" : $"{s.Median / baseline.Median:0.00}");
            Row(plain, null);
            Row(subset, plain);
            Row(floorSingle, plain);
            Row(floorParallel, plain);
            Row(single, plain);
            Row(parallel, plain);

            var startup = args.Contains("--no-startup") ? null : MeasureStartup(repository, configuration, work, startupRuns);
            Console.WriteLine();
            table.Print(Console.Out);
            Console.WriteLine();
            foreach (var (rewrite, floor, threads) in new[] { (single, floorSingle, 1), (parallel, floorParallel, Environment.ProcessorCount) })
                Console.WriteLine($"ApiBridge full rewrite / floor, {threads} thread{(threads == 1 ? "" : "s")}: {rewrite.Median / floor.Median:0.00} (median), {rewrite.Min / floor.Min:0.00} (min); goal <= 1.2");
            Console.WriteLine($"rewrite: {summary!.Rewritten} of {summary.Outcomes.Count} assemblies rewritten, {summary.BoundImports} imports bound");
            if (startup is not null)
            {
                Console.WriteLine();
                Startup.Print(startup, Console.Out);
            }

            if (!args.Contains("--no-verify"))
            {
                var stopwatch = Stopwatch.StartNew();
                var verified = CorpusVerifier.Verify(corpus.Folder, summary, compile: !args.Contains("--no-compile"));
                Console.WriteLine($"IL verification ({stopwatch.Elapsed.TotalSeconds:0} s): {verified.Assemblies} rewritten assemblies, {verified.EditedMethods} edited methods body-checked, "
                    + $"{verified.NewBodyErrors} new body errors; {verified.Compiled} assemblies force-compiled, {verified.NewCompileErrors} new compile errors");
                foreach (var note in verified.Notes)
                    Console.WriteLine($"  note: {note}");
                foreach (var problem in verified.Problems.Take(20))
                    Console.WriteLine($"  {problem.Split('\n')[0]}");
                if (verified.Problems.Count > 0)
                    return 1;
            }
            return 0;
        }
        finally
        {
            if (!args.Contains("--keep"))
                Delete(work);
        }
    }

    private static Startup.Result? MeasureStartup(string repository, string configuration, string work, int runs)
    {
        string Built(string project, string file) => Path.Combine(repository, project, "bin", configuration, "net10.0", file);
        var cli = Built("src/ApiBridge.Cli", "apibridge.dll");
        var fronts = new List<Startup.Front>();
        if (LauncherBuild.Publish(repository, configuration, work, Console.Out) is { } native)
            fronts.Add(new Startup.Front("apibridge (native launcher)", native));
        if (File.Exists(cli))
            fronts.Add(new Startup.Front("dotnet apibridge.dll", "dotnet", cli));
        Console.WriteLine($"start-up: {runs} rounds, each program once per round");
        return Startup.Measure(fronts, Built("tests/Fixtures/TinyGuest", "TinyGuest.dll"), Built("bench/TinyGuestPorted", "TinyGuestPorted.dll"), work, runs, Console.Out);
    }

    // The output is deleted by the caller, outside the timing: removing it is no part of a rewrite (nor of the floor's).
    private static RewriteSummary Rewrite(AppRewriter rewriter, Corpus corpus, string work, int threads, bool keep = false) =>
        rewriter.Rewrite(corpus.Folder, Path.Combine(work, keep ? "rewritten" : "out"), new RewriteOptions { MaxParallelism = threads, Force = true });

    private static int Fuzz(string repository, string configuration, string work, int count, int seed)
    {
        var harness = Path.Combine(repository, "tests", "Fixtures", "FuzzHarness", "bin", configuration, "net10.0", "FuzzHarness.dll");
        var inputs = new[]
        {
            Path.Combine(repository, "tests", "Fixtures", "DeclarationVariants", "bin", configuration, "net10.0", "DeclarationVariants.dll"),
            Path.Combine(Corpus.RuntimePackLib, "Microsoft.Win32.Registry.dll"),
            Path.Combine(Corpus.RuntimePackLib, "System.IO.MemoryMappedFiles.dll"),
            Path.Combine(Corpus.RuntimePackLib, "System.Console.dll"),
            Path.Combine(Corpus.PackageLib("Tmds.LibC", "0.5.0"), "Tmds.LibC.dll"),
            Path.Combine(Corpus.PackageLib("Mono.Posix.NETStandard", "1.0.0"), "Mono.Posix.NETStandard.dll"),
            Path.Combine(Corpus.PackageLib("Microsoft.Build.Framework", "18.12.2"), "Microsoft.Build.Framework.dll"),
        };
        Console.WriteLine($"fuzz: {count} inputs, seed {seed}, {inputs.Length} originals, {Environment.ProcessorCount} harnesses");
        var result = FuzzDriver.Run(harness, work, seed, count, inputs, Environment.ProcessorCount, timeoutMs: 60_000);
        var table = new Table("fuzz", "inputs", "rewritten", "refused", "failures", "time");
        table.Add($"seed {seed}", result.Count.ToString(), result.Succeeded.ToString(), result.Refused.ToString(), result.Failures.Count.ToString(), $"{result.Elapsed.TotalSeconds:0} s");
        table.Print(Console.Out);
        foreach (var failure in result.Failures)
            Console.WriteLine($"  {failure}");
        return result.Failures.Count == 0 ? 0 : 1;
    }

    private static TimeSpan Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed;
    }

    private static void Delete(string folder)
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } value ? int.Parse(value) : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
