using BenchmarkDotNet.Attributes;

namespace ApiBridge.Benchmarks;

/// <summary>
/// kernel32's constant per-process answers through the bridge against the .NET call a hand port would make.
/// Baselines and bridged calls both go through a delegate, so the ratio is the bridge's own cost.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class ProcessIdentityBenchmarks
{
    private static readonly Func<int> ProcessIdDirect = () => Environment.ProcessId;
    // A hand port keeps the pseudo-handle as a constant.
    private static readonly Func<IntPtr> PseudoHandleDirect = () => -1;

    private Func<uint> bridgedProcessId = null!;
    private Func<IntPtr> bridgedProcess = null!;

    [GlobalSetup]
    public void Setup()
    {
        bridgedProcessId = BridgedGuest.Method<Func<uint>>("ProcessCalls", "ProcessId");
        bridgedProcess = BridgedGuest.Method<Func<IntPtr>>("ProcessCalls", "Process");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("GetCurrentProcessId")]
    public int Environment_ProcessId() => ProcessIdDirect();

    [Benchmark, BenchmarkCategory("GetCurrentProcessId")]
    public uint Bridged_GetCurrentProcessId() => bridgedProcessId();

    [Benchmark(Baseline = true), BenchmarkCategory("GetCurrentProcess")]
    public IntPtr Constant_PseudoHandle() => PseudoHandleDirect();

    [Benchmark, BenchmarkCategory("GetCurrentProcess")]
    public IntPtr Bridged_GetCurrentProcess() => bridgedProcess();
}
