using System.Reflection;

namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>Where things are in the repository, for the configuration these tests were built with.</summary>
public static class RepoPaths
{
    public const string GuestTargetFramework = "net10.0";
    public const string ToolTargetFramework = "net10.0";

    private static readonly Lazy<string> root = new(FindRoot, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding ApiBridge.sln (override with APIBRIDGE_REPO_ROOT).</summary>
    public static string Root => root.Value;

    /// <summary>Debug or Release: the configuration of this test assembly, used for every other project too.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Debug";

    public static string Artifacts => Path.Combine(Root, "artifacts");

    public static string GuestProject(string name) => Path.Combine(Root, "guest-apps", name, name + ".csproj");

    /// <summary>The guest's portable (framework-dependent, any-OS) build output, built by the ProjectReference.</summary>
    public static string GuestBuildOutput(string name) =>
        Path.Combine(Root, "guest-apps", name, "bin", Configuration, GuestTargetFramework);

    public static string GuestDll(string name) => Path.Combine(GuestBuildOutput(name), name + ".dll");

    public static string CliDll =>
        Path.Combine(Root, "src", "ApiBridge.Cli", "bin", Configuration, ToolTargetFramework, "apibridge.dll");

    private static readonly Lazy<string> defaultWorkingDirectory = new(
        () => Directory.CreateDirectory(Path.Combine(Artifacts, "e2e", "default-cwd")).FullName, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Where child processes run when a test names no folder: never the repository root, because whatever a guest
    /// writes relative to its working folder would land in the repository (a native library handed guest paths once
    /// left <c>C:\users\root\Temp\….db</c> files there). Under artifacts, so global.json and NuGet.config still apply.
    /// </summary>
    public static string DefaultWorkingDirectory => defaultWorkingDirectory.Value;

    /// <summary>A fresh, empty scratch folder under artifacts/e2e for one test.</summary>
    public static string ScratchFolder(string name)
    {
        string path = Path.Combine(Artifacts, "e2e", name);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("APIBRIDGE_REPO_ROOT") is { Length: > 0 } fromEnv)
            return Path.GetFullPath(fromEnv);
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ApiBridge.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"Could not find ApiBridge.sln above {AppContext.BaseDirectory}; set APIBRIDGE_REPO_ROOT to the repository root.");
    }
}
