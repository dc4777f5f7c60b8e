using ApiBridge.Fuzzing;

namespace ApiBridge.Hardening.Tests;

/// <summary>
/// Mutated inputs through the real CLI: <c>analyze</c> and <c>rewrite</c> exit 0 or 2, and a refusal is exactly one
/// line on stderr, no stack trace, nothing written; <c>run</c> either rewrites and starts the guest (whose own fate
/// is its own) or refuses the same way.
/// </summary>
public sealed class CliFuzzTests
{
    private const int Seed = 6_3003;
    private const int Count = 36;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Mutated_inputs_give_exit_code_0_or_2_and_one_line_on_stderr()
    {
        var variants = new Mutator(File.ReadAllBytes(Paths.Variants));
        var tiny = new Mutator(File.ReadAllBytes(Paths.TinyGuest));
        var failures = new List<string>();
        var work = Paths.NewFolder("cli-fuzz");
        try
        {
            Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, index =>
            {
                var verb = (index % 3) switch { 0 => "analyze", 1 => "rewrite", _ => "run" };
                var folder = Path.Combine(work, index.ToString());
                Directory.CreateDirectory(folder);
                string input;
                string description;
                if (verb == "run")
                {
                    input = Paths.CopyTinyGuest(folder);
                    (var bytes, description) = tiny.Mutate(FuzzDriver.InputSeed(Seed, index));
                    File.WriteAllBytes(input, bytes);
                }
                else
                {
                    input = Path.Combine(folder, "DeclarationVariants.dll");
                    (var bytes, description) = variants.Mutate(FuzzDriver.InputSeed(Seed, index));
                    File.WriteAllBytes(input, bytes);
                }
                var output = Path.Combine(folder, "out");
                var cache = Path.Combine(folder, "cache");
                var result = verb switch
                {
                    "analyze" => Cli.Run(Timeout, "analyze", input),
                    "rewrite" => Cli.Run(Timeout, "rewrite", input, "-o", output, "-q"),
                    _ => Cli.Run(Timeout, "run", "-v", "--cache-dir", cache, input),
                };
                var problem = Judge(verb, result, output, cache, folder);
                if (problem is not null)
                {
                    lock (failures)
                        failures.Add($"seed {Seed} index {index} {verb} ({description}): {problem}\n{result}");
                }
            });
            Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
        }
        finally
        {
            Paths.Delete(work);
        }
    }

    private static string? Judge(string verb, CliResult result, string output, string cache, string folder)
    {
        if (verb == "run" && result.StdErr.StartsWith("apibridge: rewrote ", StringComparison.Ordinal))
            return null; // rewritten and started: the mutated guest's own exit code and output pass through
        if (result.TimedOut)
            return "timed out";
        if (result.ExitCode is not (0 or 2))
            return $"exit code {result.ExitCode}";
        var lines = result.StdErr.TrimEnd('\n').Split('\n', StringSplitOptions.None);
        if (result.ExitCode == 2)
        {
            if (lines.Length != 1 || !lines[0].StartsWith("apibridge: ", StringComparison.Ordinal))
                return "a refusal must be exactly one stderr line starting with 'apibridge: '";
            if (result.StdErr.Contains("   at ", StringComparison.Ordinal))
                return "stack trace on stderr";
            if (Directory.Exists(output))
                return "refused rewrite left an output folder";
            if (Directory.Exists(cache) && Directory.EnumerateFileSystemEntries(cache).Any())
                return $"refused run left {Directory.EnumerateFileSystemEntries(cache).First()} in the cache";
            if (Directory.EnumerateFileSystemEntries(folder, ".apibridge-*").FirstOrDefault() is { } left)
                return $"staging folder left behind: {Path.GetFileName(left)} ({(Directory.Exists(left) ? string.Join(", ", Directory.EnumerateFileSystemEntries(left).Select(Path.GetFileName)) : "a file")})";
        }
        else if (result.StdErr.Length > 0 && verb != "run")
            return "stderr output on success";
        return null;
    }
}
