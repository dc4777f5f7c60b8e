namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>The dotnet host that runs these tests, for child builds and for running guests natively.</summary>
public static class DotNet
{
    /// <summary>Variables the test run's own MSBuild/VSTest leave behind that must not leak into a nested build.</summary>
    public static readonly string[] HostOnlyVariablePrefixes = ["MSBUILD", "MSBuild", "VSTEST_", "DOTNET_HOST_PATH", "TESTINGPLATFORM_"];

    public static string Host { get; } = Find();

    public static ProcessResult Run(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.Run(Host, args, stdin, timeout, workingDirectory, environment, HostOnlyVariablePrefixes);

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            return hostPath;
        // The test host itself usually runs as `dotnet exec testhost.dll`.
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate)) return candidate;
        }
        return "dotnet";
    }
}
