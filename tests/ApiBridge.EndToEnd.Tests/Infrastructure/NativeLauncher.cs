namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The installed form of ApiBridge: `dotnet publish src/ApiBridge.Launcher -r linux-x64` (the NativeAOT `apibridge`
/// front with the managed CLI and payload beside it), published once per test run into artifacts/launcher.
/// </summary>
public static class NativeLauncher
{
    private static readonly Lazy<string> executable = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Folder => Path.Combine(RepoPaths.Artifacts, "launcher");

    /// <summary>The native `apibridge` executable.</summary>
    public static string Executable => executable.Value;

    public static ProcessResult Run(IEnumerable<string> args, string? stdin = null, string? executablePath = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.Run(executablePath ?? Executable, args, stdin, TimeSpan.FromMinutes(3), workingDirectory, environment, DotNet.HostOnlyVariablePrefixes);

    private static string Publish()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the launcher tests publish for linux-x64");
        using var _ = FileLock.Acquire(Folder + ".lock");
        string project = Path.Combine(RepoPaths.Root, "src", "ApiBridge.Launcher", "ApiBridge.Launcher.csproj");
        var result = DotNet.Run(
            ["publish", project, "-c", RepoPaths.Configuration, "-r", "linux-x64", "-o", Folder, "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            timeout: TimeSpan.FromMinutes(10));
        string native = Path.Combine(Folder, "apibridge");
        if (result.ExitCode != 0 || !File.Exists(native) || !File.Exists(Path.Combine(Folder, "apibridge.dll")))
            throw new InvalidOperationException($"Publishing the native launcher failed (NativeAOT needs clang or gcc and zlib1g-dev).\n{result.Describe()}");
        return native;
    }
}
