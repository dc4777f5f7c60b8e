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
        var folder = Path.Combine(work, "launcher");
        var (_, exitCode, output) = ChildProcess.Run("dotnet",
            ["publish", Path.Combine(repository, "src", "ApiBridge.Launcher"), "-c", configuration, "-r", "linux-x64", "-o", folder, "--nologo"]);
        var executable = Path.Combine(folder, "apibridge");
        if (exitCode == 0 && File.Exists(executable))
            return executable;
        log.WriteLine($"start-up: publishing the native launcher failed (exit code {exitCode}):\n{output}");
        return null;
    }
}
