using System.Diagnostics;

namespace ApiBridge.RewriteBench;

/// <summary>Runs a program to its end with its output captured: how long it took, its exit code, what it printed.</summary>
public static class ChildProcess
{
    public static (TimeSpan Elapsed, int ExitCode, string Output) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        stopwatch.Stop();
        return (stopwatch.Elapsed, process.ExitCode, stdout.Result + stderr.Result);
    }
}
