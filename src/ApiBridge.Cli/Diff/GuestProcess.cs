using System.Diagnostics;
using System.Text;

namespace ApiBridge.Cli.Diff;

/// <summary>What one side's run of the guest did: its exit code and streams, or that it was stopped at the timeout.</summary>
internal sealed record ProcessOutcome(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed, bool TimedOut);

/// <summary>
/// Starts a program with its arguments, environment changes, working folder and stdin, collects both streams whole,
/// and kills its process tree at the timeout (or when the user presses Ctrl+C).
/// </summary>
internal static class GuestProcess
{
    public static ProcessOutcome Run(string program, IEnumerable<string> arguments, string workingFolder,
        IReadOnlyDictionary<string, string?> environment, string? stdinFile, TimeSpan timeout, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new IOException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (stdinFile is not null)
            {
                using var input = File.OpenRead(stdinFile);
                input.CopyTo(process.StandardInput.BaseStream);
            }
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The guest closed its stdin early (or ended): what it read is what it gets.
        }
        var timedOut = false;
        using (cancel.Register(() => Kill(process)))
        {
            if (!process.WaitForExit(timeout))
            {
                timedOut = true;
                Kill(process);
            }
            process.WaitForExit();
        }
        // A grandchild that kept the pipes open (a Wine server) must not hold the report up.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(10));
        return new ProcessOutcome(timedOut ? -1 : process.ExitCode, Completed(stdout), Completed(stderr), clock.Elapsed, timedOut);
    }

    private static string Completed(Task<string> read) => read.IsCompletedSuccessfully ? read.Result : string.Empty;

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
