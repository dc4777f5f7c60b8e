using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// A Windows app that loads a plugin by a C:\ path (tests/Fixtures/PluginGuest): Assembly.LoadFrom (also in other
/// letter case), UnsafeLoadFrom, LoadFile and AssemblyLoadContext.LoadFromAssemblyPath. Under `apibridge run` the path
/// is the guest's and the plugin runs bridged too: its Path, Environment, System.IO and kernel32 answers are Windows',
/// which only a rewritten plugin gives (unrewritten it would take the host's view: IsWindows False, C:\data/sub …).
/// The plugin's own dependency, beside it in plugins\, is found there and bridged too.
/// The expected transcript is what the unmodified app prints under Wine; one test checks that it still is.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PluginGuestTests
{
    private const string Host = "PluginGuestHost";
    private const string Plugin = "PluginGuestPlugin";

    private static string Fixture(string project, string name) =>
        Path.Combine(RepoPaths.Root, "tests", "Fixtures", "PluginGuest", project, "bin", RepoPaths.Configuration, RepoPaths.GuestTargetFramework, name + ".dll");

    private static readonly string[] Ways = ["LoadFrom", "LoadFrom (other case)", "UnsafeLoadFrom", "LoadFile", "LoadFromAssemblyPath"];

    /// <summary>What Windows (Wine) prints: each way loads the same plugin, which sees Windows.</summary>
    private static readonly string[] Expected =
    [
        @"args[0]: C:\PluginGuest\PluginGuestHost.dll",
        .. Ways.SelectMany(way => new[]
        {
            $@"{way}: Location=C:\PluginGuest\plugins\PluginGuestPlugin.dll",
            $"{way}: IsWindows: True",
            $@"{way}: Path.Combine: C:\data\sub",
            $"{way}: Path.GetFileName: report.txt",
            $@"{way}: ApplicationData: C:\users\<user>\AppData\Roaming",
            $@"{way}: kernel32 windir: C:\windows",
            $"{way}: kernel32 sees System.IO's file: True",
            $@"{way}: own Location: C:\PluginGuest\plugins\PluginGuestPlugin.dll",
            $@"{way}: dependency: IsWindows True, C:\dep\x",
        }),
        @"LoadFrom missing: FileNotFoundException FileName=C:\PluginGuest\plugins\Missing.dll",
        "LoadFile relative: ArgumentException",
        "PluginGuestHost: done",
    ];

    [Fact]
    public void ApiBridgeRun_LoadsThePluginByItsGuestPath_Bridged()
    {
        string prefix = RepoPaths.ScratchFolder("pluginguest-prefix");
        string cache = RepoPaths.ScratchFolder("pluginguest-cache");
        string cwd = RepoPaths.ScratchFolder("pluginguest-cwd");
        string installed = Install(Path.GetDirectoryName(Fixture("Host", Host))!, Path.Combine(prefix, "drive_c"));

        ProcessResult run = ApiBridgeCli.Run(["run", "--cache-dir", cache, "--prefix", prefix, Path.Combine(installed, Host + ".dll")], workingDirectory: cwd);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(Expected, Transcript.Of(run).Lines);
        // The plugin's write went to C:\ in the prefix, nowhere near the host folder it was started from. (Outside the
        // app's folder: a file added there would change the app's cache key, and the reuse checked below.)
        Assert.Equal("written by the plugin", File.ReadAllText(Path.Combine(prefix, "drive_c", "PluginGuestData", "plugin-wrote.txt")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(cwd));
        // Its bridged copy has an entry of its own in the cache; the plugin the user installed is untouched.
        Assert.Single(Directory.GetDirectories(cache, Plugin + "-*"));
        Assert.Single(Directory.GetDirectories(cache, "PluginGuestDependency-*"));
        Assert.Equal(File.ReadAllBytes(Fixture("Plugin", Plugin)), File.ReadAllBytes(Path.Combine(installed, "plugins", Plugin + ".dll")));

        // A second start finds both entries (the same keys, so the same folders): nothing is rewritten again.
        var entries = Directory.GetDirectories(cache).Order(StringComparer.Ordinal).ToList();
        ProcessResult again = ApiBridgeCli.Run(["run", "--cache-dir", cache, "--prefix", prefix, Path.Combine(installed, Host + ".dll")], workingDirectory: cwd);
        Assert.Equal(Expected, Transcript.Of(again).Lines);
        Assert.Equal(entries, Directory.GetDirectories(cache).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void ExpectedTranscript_IsWhatTheUnmodifiedAppPrintsUnderWine()
    {
        // The win-x64 publish, installed in the shared Wine prefix's C:\PluginGuest with the plugin beside it.
        string publish = SelfContainedPublish.Folder(Host, Path.Combine(RepoPaths.Root, "tests", "Fixtures", "PluginGuest", "Host", Host + ".csproj"), "win-x64");
        string driveC = Path.Combine(WineHost.Instance.Prefix, "drive_c");
        string installed = Install(publish, driveC);

        ProcessResult wine = WineHost.Instance.Run(Path.Combine(installed, Host + ".exe"), []);

        Assert.True(wine.ExitCode == 0, wine.Describe());
        Assert.Equal(Expected, Transcript.Of(wine).Lines);
    }

    /// <summary>Puts the app in <c>C:\PluginGuest</c> of a drive and the plugin in its <c>plugins\</c>, afresh; returns the app's folder.</summary>
    private static string Install(string appFolder, string driveC)
    {
        string installed = Path.Combine(driveC, "PluginGuest");
        if (Directory.Exists(installed))
            Directory.Delete(installed, recursive: true);
        CopyFiles(appFolder, installed);
        CopyFiles(Path.GetDirectoryName(Fixture("Plugin", Plugin))!, Path.Combine(installed, "plugins"));
        return installed;
    }

    private static void CopyFiles(string from, string to)
    {
        foreach (string folder in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, folder)));
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }
}
