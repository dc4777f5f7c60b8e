using System.Collections.Concurrent;

namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Publishes a guest from guest-apps/ self-contained for win-x64 (what runs under Wine), once per test run,
/// into artifacts/publish/&lt;name&gt;-win-x64. Tests asking at the same time share one publish; a file lock
/// keeps other test processes from publishing the same guest concurrently.
/// </summary>
public static class WinX64Publish
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> published = new();

    /// <summary>The published guest's .exe.</summary>
    public static string Exe(string guestName) => Exe(guestName, RepoPaths.GuestProject(guestName));

    /// <summary>The published .exe of an app whose project is not in guest-apps/ (a test fixture).</summary>
    public static string Exe(string guestName, string project) =>
        published.GetOrAdd(guestName, name => new Lazy<string>(() => Publish(name, project), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public static string Folder(string guestName) => Path.Combine(RepoPaths.Artifacts, "publish", guestName + "-win-x64");

    private static string Publish(string name, string project)
    {
        if (!File.Exists(project)) throw new FileNotFoundException($"No guest project at {project}", project);
        string output = Folder(name);
        using var _ = FileLock.Acquire(output + ".lock");

        string[] args =
        [
            "publish", project, "-c", RepoPaths.Configuration, "-r", "win-x64", "--self-contained",
            "-p:PublishSingleFile=false", "-o", output, "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false",
            // Keep the RID build out of the guest's bin/<Configuration>/net10.0, which tests hand to apibridge as a folder.
            "-p:OutDir=" + Path.Combine(RepoPaths.Artifacts, "publish-build", name + "-win-x64") + Path.DirectorySeparatorChar,
        ];
        ProcessResult result = null!;
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            result = DotNet.Run(args, timeout: TimeSpan.FromMinutes(10));
            if (result.ExitCode == 0) break;
            // Other builds on the machine may hold a file for a moment: retry those, fail the rest at once.
            bool transient = result.StdOut.Contains("being used by another process", StringComparison.OrdinalIgnoreCase)
                || result.StdOut.Contains("MSB3026") || result.StdOut.Contains("MSB3027") || result.StdOut.Contains("lock");
            if (!transient) break;
            Thread.Sleep(TimeSpan.FromSeconds(3 * attempt));
        }
        string exe = Path.Combine(output, name + ".exe");
        if (result.ExitCode != 0 || !File.Exists(exe))
            throw new InvalidOperationException($"Publishing {name} for win-x64 failed.\n{result.Describe()}");
        return exe;
    }
}
