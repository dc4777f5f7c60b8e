using BenchmarkDotNet.Attributes;

namespace ApiBridge.Benchmarks;

/// <summary>
/// kernel32's GetEnvironmentVariableW through the bridge (the guest's own buffer, then a string of it) against the
/// hand port, <c>Environment.GetEnvironmentVariable</c>; both through a delegate to a static method (see TimeBenchmarks).
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class EnvironmentBenchmarks
{
    private const string Name = "APIBRIDGE_BENCH_SETTING";

    private Func<string, string?> direct = null!;
    private Func<string, string?> bridged = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Set before the bridge first reads the environment, so the guest's block has it too.
        Environment.SetEnvironmentVariable(Name, @"C:\ProgramData\Bench\settings.json");
        direct = Environment.GetEnvironmentVariable;
        bridged = BridgedGuest.Method<Func<string, string?>>("EnvironmentCalls", "Variable");
        if (bridged(Name) != direct(Name))
            throw new InvalidOperationException($"the bridged guest reads {bridged(Name)} where .NET reads {direct(Name)}");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("GetEnvironmentVariableW")]
    public string? Environment_GetEnvironmentVariable() => direct(Name);

    [Benchmark, BenchmarkCategory("GetEnvironmentVariableW")]
    public string? Bridged_GetEnvironmentVariableW() => bridged(Name);
}
