using ApiBridge.Runtime.Guests;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The file to load for a plugin the guest names by its own path. The path is resolved through the guest file system
/// (drives, letter case, isolation) like any System.IO path; the plugin loads from its bridged copy
/// (<see cref="PluginCopies"/>), so it sees the same Windows view as the app that loads it instead of the host's.
/// </summary>
internal static class PluginFiles
{
    /// <summary>
    /// The host path to hand the BCL's loader for the guest path <paramref name="guestPath"/>. Null passes through (the
    /// BCL throws its own ArgumentNullException); a missing file is the FileNotFoundException Windows' .NET throws,
    /// naming the guest's path; a plugin the CLI cannot rewrite is a FileLoadException with the CLI's reason.
    /// </summary>
    public static string ToLoad(string guestPath)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(guestPath))
            return guestPath;
        var host = WindowsManagedPaths.ToHost(guestPath)!;
        if (!File.Exists(host))
        {
            var full = WindowsPathView.FromHost(host);
            throw new FileNotFoundException($"Could not load file or assembly '{full}'. The system cannot find the file specified.", full);
        }
        return PluginCopies.ToLoad(host, "windows", WindowsPathView.FromHost);
    }

    /// <summary>The guest path of the plugin a cached copy at <paramref name="hostLocation"/> stands for, or null.</summary>
    public static string? OriginalOf(string hostLocation) => PluginCopies.OriginalOf(hostLocation);
}
