using ApiBridge.Runtime.Tracing;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace ApiBridge.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/ApiBridge.Benchmarks -- [--filter *Time*] [--tracing] [--in-process] [--iterations N]</c>.
/// Every benchmark runs in a job with tracing off (APIBRIDGE_TRACE unset); <c>--tracing</c> adds a job with
/// tracing enabled for another channel (the switch tested, nothing logged) and one with the measured channel
/// logged to a file, so "tracing off costs nothing" is read off the same table.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.FirstOrDefault() == "process")
            return ProcessBenchmarks.Run(args[1..]);
        if (args.FirstOrDefault() == "pairs")
            return PairedRounds.Run(args[1..]);
        var tracing = args.Contains("--tracing");
        // --in-process: the same ShortRun job run inside this process, with no boilerplate project to build (on a
        // loaded machine that build can outlast BenchmarkDotNet's timeout; both columns still share one process).
        var inProcess = args.Contains("--in-process");
        // --iterations N: more measured iterations than ShortRun's 3, for a machine whose load moves single ones.
        var iterationsAt = Array.IndexOf(args, "--iterations");
        var iterations = iterationsAt >= 0 ? int.Parse(args[iterationsAt + 1]) : 0;
        args = args.Where((a, i) => a is not ("--tracing" or "--in-process" or "--iterations") && (iterationsAt < 0 || i != iterationsAt + 1)).ToArray();
        var job = Job.ShortRun.WithId("tracing-off");
        if (iterations > 0)
            job = job.WithIterationCount(iterations);
        if (inProcess)
            job = job.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job);
        if (tracing)
        {
            var traceFile = Path.Combine(Path.GetTempPath(), "apibridge-bench-trace.log");
            config = config
                .AddJob(Job.ShortRun.WithId("tracing-other-channel").WithEnvironmentVariables(new EnvironmentVariable(Relay.SpecificationVariable, "+registry")))
                .AddJob(Job.ShortRun.WithId("tracing-on").WithEnvironmentVariables(
                    new EnvironmentVariable(Relay.SpecificationVariable, "+all"),
                    new EnvironmentVariable(Relay.FileVariable, traceFile)));
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
