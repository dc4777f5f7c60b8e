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
    // Delegates to static methods, as the bridged ones are (see TimeBenchmarks).
    private Func<int> processIdDirect = null!;
    private Func<IntPtr> pseudoHandleDirect = null!;
    private Func<uint> bridgedProcessId = null!;
    private Func<IntPtr> bridgedProcess = null!;

    [GlobalSetup]
    public void Setup()
    {
        processIdDirect = ProcessId;
        pseudoHandleDirect = PseudoHandle;
        bridgedProcessId = BridgedGuest.Method<Func<uint>>("ProcessCalls", "ProcessId");
        bridgedProcess = BridgedGuest.Method<Func<IntPtr>>("ProcessCalls", "Process");
    }

    private static int ProcessId() => Environment.ProcessId;

    private static IntPtr PseudoHandle() => -1; // a hand port keeps the pseudo-handle as a constant

    [Benchmark(Baseline = true), BenchmarkCategory("GetCurrentProcessId")]
    public int Environment_ProcessId() => processIdDirect();

    [Benchmark, BenchmarkCategory("GetCurrentProcessId")]
    public uint Bridged_GetCurrentProcessId() => bridgedProcessId();

    [Benchmark(Baseline = true), BenchmarkCategory("GetCurrentProcess")]
    public IntPtr Constant_PseudoHandle() => pseudoHandleDirect();

    [Benchmark, BenchmarkCategory("GetCurrentProcess")]
    public IntPtr Bridged_GetCurrentProcess() => bridgedProcess();
}
