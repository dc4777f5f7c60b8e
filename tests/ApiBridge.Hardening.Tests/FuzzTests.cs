using ApiBridge.Fuzzing;

namespace ApiBridge.Hardening.Tests;

/// <summary>
/// Thousands of seeded mutations of real assemblies through the Analyzer and AppRewriter, in FuzzHarness child
/// processes (a reader's stack overflow would kill this test host): each input is rewritten or refused with one
/// clear line, and a refused rewrite leaves no output and no staging folder. A failure names the seed and index;
/// <c>FuzzHarness &lt;work&gt; &lt;seed&gt; &lt;index&gt; &lt;index+1&gt; 30000 &lt;inputs&gt;</c> replays it.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 6_2026;
    private const int Count = 2400;

    private static string[] Inputs => new[]
    {
        Paths.Variants,
        Path.Combine(Paths.RuntimePack, "Microsoft.Win32.Registry.dll"),
        Path.Combine(Paths.RuntimePack, "System.IO.MemoryMappedFiles.dll"),
    };

    [Fact]
    public void Mutated_assemblies_are_rewritten_or_refused_never_crash_hang_or_leave_output()
    {
        var work = Paths.NewFolder("fuzz");
        try
        {
            var result = FuzzDriver.Run(Paths.FuzzHarness, work, Seed, Count, Inputs, workers: 2, timeoutMs: 30_000);
            Assert.True(result.Failures.Count == 0,
                $"{result.Failures.Count} of {Count} mutated inputs crashed, hung or failed unexpectedly "
                + $"(replay one with: dotnet {Paths.FuzzHarness} <work folder> {Seed} <index> <index+1> 30000 {string.Join(' ', Inputs)}):\n"
                + string.Join("\n", result.Failures.Take(25)));
            Assert.Equal(Count, result.Succeeded + result.Refused);
            // Both outcomes are exercised: mutations that readers tolerate, and ones they must refuse.
            Assert.InRange(result.Succeeded, Count / 20, Count);
            Assert.InRange(result.Refused, Count / 20, Count);
            Assert.Empty(Directory.GetFileSystemEntries(work));
        }
        finally
        {
            Paths.Delete(work);
        }
    }

    [Fact]
    public void Mutations_are_reproducible_from_the_seed()
    {
        var mutator = new Mutator(File.ReadAllBytes(Paths.Variants));
        var distinct = new HashSet<string>();
        for (var index = 0; index < 200; index++)
        {
            var seed = FuzzDriver.InputSeed(Seed, index);
            var (first, description) = mutator.Mutate(seed);
            var (second, again) = mutator.Mutate(seed);
            Assert.Equal(description, again);
            Assert.Equal(first, second);
            distinct.Add(description.Split(':')[0]);
        }
        Assert.Equal(Mutator.Kinds.OrderBy(k => k), distinct.OrderBy(k => k));
    }
}
