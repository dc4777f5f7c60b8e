using System.Collections.Concurrent;

namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Publishes a guest from guest-apps/ self-contained for win-x64 (what runs under Wine), once per test run,
/// into artifacts/publish/&lt;name&gt;-win-x64.
/// </summary>
public static class WinX64Publish
{
    /// <summary>The published guest's .exe.</summary>
    public static string Exe(string guestName) => Exe(guestName, RepoPaths.GuestProject(guestName));

    /// <summary>The published .exe of an app whose project is not in guest-apps/ (a test fixture).</summary>
    public static string Exe(string guestName, string project) => Path.Combine(SelfContainedPublish.Folder(guestName, project, "win-x64"), guestName + ".exe");

    public static string Folder(string guestName) => SelfContainedPublish.FolderFor(guestName, "win-x64");
}

/// <summary>Publishes a guest from guest-apps/ self-contained for linux-x64 (what a retarget to Windows starts from).</summary>
public static class LinuxX64Publish
{
    /// <summary>The published guest's apphost.</summary>
    public static string AppHost(string guestName) => Path.Combine(SelfContainedPublish.Folder(guestName, RepoPaths.GuestProject(guestName), "linux-x64"), guestName);
}

/// <summary>
/// A self-contained publish of a guest for one RID, made once per test run into artifacts/publish/&lt;name&gt;-&lt;rid&gt;.
/// Tests asking at the same time share one publish; a file lock keeps other test processes from publishing the same
/// guest concurrently.
/// </summary>
public static class SelfContainedPublish
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> published = new();

    public static string FolderFor(string guestName, string rid) => Path.Combine(RepoPaths.Artifacts, "publish", $"{guestName}-{rid}");

    /// <summary>The publish folder (published on first use).</summary>
    public static string Folder(string guestName, string project, string rid) =>
        published.GetOrAdd($"{guestName}/{rid}", _ => new Lazy<string>(() => Publish(guestName, project, rid), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static string Publish(string name, string project, string rid)
    {
        if (!File.Exists(project)) throw new FileNotFoundException($"No guest project at {project}", project);
        string output = FolderFor(name, rid);
        using var _ = FileLock.Acquire(output + ".lock");

        string[] args =
        [
            "publish", project, "-c", RepoPaths.Configuration, "-r", rid, "--self-contained",
            "-p:PublishSingleFile=false", "-o", output, "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false",
            // Keep the RID build out of the guest's bin/<Configuration>/net10.0, which tests hand to apibridge as a folder.
            "-p:OutDir=" + Path.Combine(RepoPaths.Artifacts, "publish-build", $"{name}-{rid}") + Path.DirectorySeparatorChar,
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
        string entry = Path.Combine(output, name + ".dll");
        if (result.ExitCode != 0 || !File.Exists(entry))
            throw new InvalidOperationException($"Publishing {name} for {rid} failed.\n{result.Describe()}");
        return output;
    }
}
