using System.Diagnostics;

namespace ApiBridge.Fuzzing;

/// <summary>
/// Runs FuzzHarness child processes over a seeded range of mutated inputs and collects every outcome. A harness
/// that dies (stack overflow, crash) or reports a hang is restarted after the input it was on, and that input is
/// reported as a failure with its seed and index, so one bad input never hides the rest.
/// </summary>
public static class FuzzDriver
{
    /// <summary>The mutation seed of input <paramref name="index"/> of a run with <paramref name="seed"/>.</summary>
    public static int InputSeed(int seed, int index) => unchecked(seed * 1_000_003 + index * 7919 + 17);

    public sealed record Result(int Seed, int Count, int Succeeded, int Refused, IReadOnlyList<string> Failures, TimeSpan Elapsed)
    {
        public int Harnesses { get; init; }
    }

    public static Result Run(string harnessDll, string workFolder, int seed, int count, IReadOnlyList<string> inputs, int workers, int timeoutMs)
    {
        var stopwatch = Stopwatch.StartNew();
        var succeeded = 0;
        var refused = 0;
        var harnesses = 0;
        var failures = new List<string>();
        var gate = new object();
        var ranges = Enumerable.Range(0, workers).Select(w => (Start: count * w / workers, End: count * (w + 1) / workers)).Where(r => r.End > r.Start);
        Parallel.ForEach(ranges, new ParallelOptions { MaxDegreeOfParallelism = workers }, range =>
        {
            var next = range.Start;
            while (next < range.End)
            {
                Interlocked.Increment(ref harnesses);
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in new[] { harnessDll, workFolder, seed.ToString(), next.ToString(), range.End.ToString(), timeoutMs.ToString() }.Concat(inputs))
                    start.ArgumentList.Add(argument);
                start.Environment["DOTNET_TieredPGO"] = "0";
                using var process = Process.Start(start)!;
                var stderr = process.StandardError.ReadToEndAsync();
                string? begun = null;
                var begunIndex = -1;
                var hung = false;
                string? line;
                while ((line = process.StandardOutput.ReadLine()) is not null)
                {
                    var parts = line.Split(' ', 3);
                    if (parts.Length < 2 || !int.TryParse(parts[1], out var index))
                        continue;
                    lock (gate)
                    {
                        switch (parts[0])
                        {
                            case "BEGIN":
                                begun = line;
                                begunIndex = index;
                                break;
                            case "END":
                                if (parts.Length > 2 && parts[2].StartsWith("success", StringComparison.Ordinal))
                                    succeeded++;
                                else
                                    refused++;
                                begunIndex = -1;
                                next = index + 1;
                                break;
                            case "FAIL":
                                failures.Add($"seed {seed} index {index} ({begun}): {parts.ElementAtOrDefault(2)}");
                                begunIndex = -1;
                                next = index + 1;
                                break;
                            case "HANG":
                                failures.Add($"seed {seed} index {index} ({begun}): hang, {parts.ElementAtOrDefault(2)}");
                                begunIndex = -1;
                                hung = true;
                                next = index + 1;
                                break;
                        }
                    }
                }
                process.WaitForExit();
                if (begunIndex >= 0)
                {
                    var tail = string.Join(" | ", stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3));
                    lock (gate)
                        failures.Add($"seed {seed} index {begunIndex} ({begun}): the harness died (exit code {process.ExitCode}): {tail}");
                    next = begunIndex + 1;
                }
                else if (process.ExitCode != 0 && next < range.End && !hung)
                {
                    lock (gate)
                        failures.Add($"seed {seed}: the harness exited with {process.ExitCode} before index {next}: {stderr.Result.Split('\n').FirstOrDefault()}");
                    break;
                }
            }
        });
        return new Result(seed, count, succeeded, refused, failures, stopwatch.Elapsed) { Harnesses = harnesses };
    }
}
