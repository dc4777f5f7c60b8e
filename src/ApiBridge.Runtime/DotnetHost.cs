namespace ApiBridge.Runtime;

/// <summary>
/// Finds the <c>dotnet</c> host that starts rewritten guests: the one the bridge was started with when it can tell
/// (<see cref="BridgeVariables.Dotnet"/>, the SDK's DOTNET_HOST_PATH, the running host), else DOTNET_ROOT, then PATH.
/// Used by <c>apibridge run</c> and by the shims that start child guests.
/// </summary>
public static class DotnetHost
{
    public static string Find()
    {
        foreach (var variable in new[] { BridgeVariables.Dotnet, "DOTNET_HOST_PATH" })
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value) && File.Exists(value))
                return value;
        }
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return current;
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, executable)))
            return Path.Combine(root, executable);
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, executable);
            if (File.Exists(candidate))
                return candidate;
        }
        // posix_spawn does not search PATH: give an absolute default where there is one.
        return OperatingSystem.IsWindows() ? executable : "/usr/bin/dotnet";
    }
}
