using System.Runtime.InteropServices;

namespace ApiBridge.Cli.Diff;

/// <summary>
/// A warm Wine prefix to copy for each reference run: Wine's first start in a new prefix (wineboot) is the dominant
/// cost of a run (about 7 s here), a copy of a made one is a fraction of it. Made once per user (and Wine) in
/// <c>$XDG_CACHE_HOME/apibridge-diff</c> (or <c>~/.cache/apibridge-diff</c>), set to report Windows 10 as the bridge
/// does. A copy hard-links the files under <c>drive_c/windows</c> (Wine's own DLLs, most of the 690 MB) and copies the rest,
/// so a guest's changes to its profile, ProgramData or the registry never reach the template.
/// </summary>
internal static class WinePrefixTemplate
{
    private const string ReadyMarker = ".apibridge-ready-2";

    public static string Folder() => Path.Combine(CacheRoot(), "wine-prefix");

    /// <summary>Where diff keeps what it makes once: <c>$XDG_CACHE_HOME/apibridge-diff</c>, else <c>~/.cache/apibridge-diff</c>.</summary>
    public static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "apibridge-diff");
    }

    /// <summary>The template, made first when missing (under a lock: two diffs may start at once). Null and a reason when Wine cannot make it.</summary>
    public static string? Ensure(string wine, IReadOnlyDictionary<string, string?> wineEnvironment, out string? problem)
    {
        problem = null;
        var template = Folder();
        // The marker's name changes when the template's making does, so an older template is made again.
        var ready = Path.Combine(template, ReadyMarker);
        if (File.Exists(ready))
            return template;
        Directory.CreateDirectory(Path.GetDirectoryName(template)!);
        using var gate = new FileStream(template + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        if (File.Exists(ready))
            return template;
        if (Directory.Exists(template))
            Directory.Delete(template, recursive: true);
        Directory.CreateDirectory(template);
        var environment = new Dictionary<string, string?>(wineEnvironment) { ["WINEPREFIX"] = template };
        var boot = GuestProcess.Run(wine, ["wineboot", "--init"], template, environment, null, TimeSpan.FromMinutes(5), CancellationToken.None);
        var version = boot.TimedOut || !File.Exists(Path.Combine(template, "system.reg")) ? null
            : GuestProcess.Run(wine, ["reg", "add", @"HKEY_CURRENT_USER\Software\Wine", "/v", "Version", "/t", "REG_SZ", "/d", "win10", "/f"],
                template, environment, null, TimeSpan.FromMinutes(2), CancellationToken.None);
        if (version is null || version.ExitCode != 0)
        {
            problem = $"Wine could not make a prefix ({wine} wineboot --init: exit {boot.ExitCode}{(boot.TimedOut ? ", timed out" : "")}): {FirstLine(boot.StdErr)}";
            return null;
        }
        StopServer(wine, template);
        KeepProfileInside(template);
        File.WriteAllText(ready, "wineboot --init; Windows 10; profile folders inside the prefix\n");
        return template;
    }

    /// <summary>
    /// Wine links the profile's Desktop, Documents, Downloads, Music, Pictures and Videos to the user's home (or its
    /// XDG folders): a reference run would write into the real home, outside its throwaway prefix, and its changes
    /// would not be seen. Real folders take their place, as the bridge's prefix has them.
    /// </summary>
    private static void KeepProfileInside(string template)
    {
        var users = Path.Combine(template, "drive_c", "users");
        foreach (var profile in Directory.EnumerateDirectories(users))
            foreach (var entry in new DirectoryInfo(profile).EnumerateFileSystemInfos())
                if (entry.LinkTarget is not null)
                {
                    entry.Delete();
                    Directory.CreateDirectory(entry.FullName);
                }
    }

    /// <summary>Makes <paramref name="destination"/> a copy of the template (see the class summary).</summary>
    public static void CopyTo(string template, string destination)
    {
        Directory.CreateDirectory(destination);
        var windows = Path.Combine(template, "drive_c", "windows") + Path.DirectorySeparatorChar;
        foreach (var entry in new DirectoryInfo(template).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0 }))
            Copy(entry, Path.Combine(destination, entry.Name), windows);
    }

    private static void Copy(FileSystemInfo entry, string target, string windowsFolder)
    {
        if (entry.Name is ReadyMarker)
            return;
        if (entry.LinkTarget is { } link)
        {
            File.CreateSymbolicLink(target, link);
            return;
        }
        if (entry is DirectoryInfo folder)
        {
            Directory.CreateDirectory(target);
            foreach (var child in folder.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
                Copy(child, Path.Combine(target, child.Name), windowsFolder);
            return;
        }
        if (!entry.FullName.StartsWith(windowsFolder, StringComparison.Ordinal) || !OperatingSystem.IsLinux() || HardLink(entry.FullName, target) != 0)
            File.Copy(entry.FullName, target);
    }

    /// <summary>Stops the Wine server of a prefix (it outlives the program by seconds), so the prefix can go.</summary>
    public static void StopServer(string wine, string prefix)
    {
        if (WineLocator.Server(wine) is not { } server)
            return;
        GuestProcess.Run(server, ["-k"], prefix, new Dictionary<string, string?> { ["WINEPREFIX"] = prefix }, null, TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    internal static extern int HardLink(string existing, string created);
}
