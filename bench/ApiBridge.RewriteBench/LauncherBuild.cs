using System.Diagnostics;

namespace ApiBridge.RewriteBench;

/// <summary>Publishes the native `apibridge` launcher (NativeAOT, with the managed CLI beside it) for the start-up row.</summary>
public static class LauncherBuild
{
    /// <summary>The native executable, or null (with the reason logged) when NativeAOT cannot publish here.</summary>
    public static string? Publish(string repository, string configuration, string work, TextWriter log)
    {
        if (!OperatingSystem.IsLinux())
        {
            log.WriteLine("start-up: the native launcher row is measured on Linux only");
            return null;
        }
        var output = Path.Combine(work, "launcher");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", Path.Combine(repository, "src", "ApiBridge.Launcher"), "-c", configuration, "-r", "linux-x64", "-o", output, "--nologo" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var executable = Path.Combine(output, "apibridge");
        if (process.ExitCode == 0 && File.Exists(executable))
            return executable;
        log.WriteLine($"start-up: publishing the native launcher failed (exit code {process.ExitCode}):\n{stdout.Result}{stderr.Result}");
        return null;
    }
}
