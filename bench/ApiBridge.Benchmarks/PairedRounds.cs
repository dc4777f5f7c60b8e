using System.Diagnostics;

namespace ApiBridge.Benchmarks;

/// <summary>
/// <c>pairs [rounds]</c>: the per-call rows (time, process identity, environment) as alternating batches of the
/// baseline and the bridged call in one process, for a machine too loaded for ShortRun's three iterations: other
/// processes only ever add time, so each side's fastest batch out of many is its cost with the least interference, and
/// alternating puts both sides under the same load. Prints each side's best and median ns per call and both ratios.
/// Calls the same benchmark methods BenchmarkDotNet calls (each behind its delegate), so the layers are the same.
/// </summary>
public static class PairedRounds
{
    private static readonly TimeSpan BatchTarget = TimeSpan.FromMilliseconds(1);

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0]) : 200;
        var time = new TimeBenchmarks();
        time.Setup();
        var identity = new ProcessIdentityBenchmarks();
        identity.Setup();
        var environment = new EnvironmentBenchmarks();
        environment.Setup();
        // A first pass, not printed, takes every method through tiered compilation (whose tier-1 compiles wait for
        // 100 ms without new tier-0 work) before the measured one.
        Pass(time, identity, environment, rounds: 3, print: false);
        Thread.Sleep(500);
        Pass(time, identity, environment, rounds: 3, print: false);
        Thread.Sleep(500);
        Pass(time, identity, environment, rounds, print: true);
        return 0;
    }

    private static void Pass(TimeBenchmarks time, ProcessIdentityBenchmarks identity, EnvironmentBenchmarks environment, int rounds, bool print)
    {
        Print = print;
        if (print)
            Console.WriteLine($"{"row",-26} {"best .NET",10} {"best bridged",12} {"ratio",6} {"median .NET",12} {"median bridged",15} {"ratio",6}");
        Row("QueryPerformanceCounter", time.Stopwatch_GetTimestamp, time.Bridged_QueryPerformanceCounter, rounds);
        Row("GetTickCount64", time.Environment_TickCount64, time.Bridged_GetTickCount64, rounds);
        Row("GetSystemTimeAsFileTime", time.DateTime_UtcNow_ToFileTimeUtc, time.Bridged_GetSystemTimeAsFileTime, rounds);
        Row("FileTimeToSystemTime", time.DateTime_FromFileTimeUtc, time.Bridged_FileTimeToSystemTime, rounds);
        Row("  without SetLastError", time.DateTime_FromFileTimeUtc, time.Bridged_FileTimeToSystemTime_without_SetLastError, rounds);
        Row("  shim without adapter", time.DateTime_FromFileTimeUtc, time.Shim_FileTimeToSystemTime_without_adapter, rounds);
        Row("GetCurrentProcess", identity.Constant_PseudoHandle, identity.Bridged_GetCurrentProcess, rounds);
        Row("GetCurrentProcessId", identity.Environment_ProcessId, identity.Bridged_GetCurrentProcessId, rounds);
        Row("GetEnvironmentVariableW", environment.Environment_GetEnvironmentVariable, environment.Bridged_GetEnvironmentVariableW, rounds);
    }

    private static bool Print;

    private static void Row<TBaseline, TBridged>(string name, Func<TBaseline> baseline, Func<TBridged> bridged, int rounds)
    {
        // Size a batch to about BatchTarget of the slower side.
        var batch = Math.Max(Calibrate(baseline), Calibrate(bridged)) is var slowest && slowest > 0
            ? Math.Max(100, (int)(BatchTarget.TotalNanoseconds / slowest))
            : 10_000;
        var baselineTimes = new double[rounds];
        var bridgedTimes = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            baselineTimes[round] = Batch(baseline, batch);
            bridgedTimes[round] = Batch(bridged, batch);
        }
        Array.Sort(baselineTimes);
        Array.Sort(bridgedTimes);
        double best = baselineTimes[0], bestBridged = bridgedTimes[0];
        double median = baselineTimes[rounds / 2], medianBridged = bridgedTimes[rounds / 2];
        if (Print)
            Console.WriteLine($"{name,-26} {best,10:F2} {bestBridged,12:F2} {bestBridged / best,6:F2} {median,12:F2} {medianBridged,15:F2} {medianBridged / median,6:F2}");
    }

    private static double Calibrate<T>(Func<T> call) => Batch(call, 10_000);

    // Nanoseconds per call over one batch.
    private static double Batch<T>(Func<T> call, int count)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
            Sink<T>.Value = call();
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / count;
    }

    // Results go somewhere the JIT cannot prove unread.
    private static class Sink<T>
    {
        public static T? Value;
    }
}
