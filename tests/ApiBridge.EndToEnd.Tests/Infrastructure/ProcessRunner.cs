using System.Diagnostics;
using System.Text;

namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>Runs a child process with arguments, optional stdin and a timeout; captures both output streams.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string? stdin = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        IEnumerable<string>? removeEnvironmentPrefixes = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? RepoPaths.DefaultWorkingDirectory,
        };
        foreach (string arg in arguments) psi.ArgumentList.Add(arg);
        foreach (string prefix in removeEnvironmentPrefixes ?? [])
        {
            foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
                psi.Environment.Remove(key);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) psi.Environment.Remove(key);
            else psi.Environment[key] = value;
        }

        string commandLine = string.Join(' ', new[] { fileName }.Concat(psi.ArgumentList).Select(Quote));
        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(2);
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"Could not start `{commandLine}`: {e.Message}", e);
        }

        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // A child that reads stdin gets our text then end-of-file; one that does not gets end-of-file at once.
            if (stdin is not null) process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited (or closed stdin) before reading: not our concern here.
        }

        if (!process.WaitForExit(limit))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
            throw new TimeoutException(
                $"`{commandLine}` did not finish within {limit.TotalSeconds:F0}s and was killed.\n" +
                $"--- stdout so far ---\n{TryResult(stdout)}\n--- stderr so far ---\n{TryResult(stderr)}");
        }

        // Grandchildren (for example wineserver) may hold the pipes a little longer: do not wait forever for EOF.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30));
        clock.Stop();
        return new ProcessResult(commandLine, process.ExitCode, TryResult(stdout), TryResult(stderr), clock.Elapsed);
    }

    private static string TryResult(Task<string> task) =>
        task.IsCompletedSuccessfully ? task.Result : "<output still open>";

    private static string Quote(string arg) =>
        arg.Length > 0 && !arg.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\') ? arg : "'" + arg.Replace("'", "'\\''") + "'";
}
