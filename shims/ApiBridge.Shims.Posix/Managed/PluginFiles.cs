using ApiBridge.Runtime.Guests;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The file to load for a plugin a Linux guest names by its own path (<c>/opt/app/plugins/x.dll</c>): translated
/// through the path view like any System.IO path, and loaded from its bridged copy (<see cref="PluginCopies"/>), so
/// the plugin sees the same Linux view as the app. On a Linux host (the identity view) the path is the host's already.
/// </summary>
internal static class PluginFiles
{
    /// <summary>
    /// The host path to hand the BCL's loader for <paramref name="guestPath"/>. Null and "" pass through (the BCL's
    /// own argument errors); a missing file is the FileNotFoundException .NET on Linux throws, naming the guest's full
    /// path — its message ends in a line break for LoadFrom and LoadFromAssemblyPath (<paramref name="lineBreak"/>),
    /// not for LoadFile, as Linux's loader words them.
    /// </summary>
    public static string ToLoad(string guestPath, bool lineBreak)
    {
        if (string.IsNullOrEmpty(guestPath) || PosixServices.View.IsIdentity)
            return guestPath;
        var host = PosixManagedPaths.ToHost(guestPath)!;
        if (!File.Exists(host))
        {
            var full = PathMembers.GetFullPath(guestPath);
            throw new FileNotFoundException($"Could not load file or assembly '{full}'. The system cannot find the file specified." + (lineBreak ? "\n" : ""), full);
        }
        return PluginCopies.ToLoad(host, "posix", GuestForm);
    }

    /// <summary>The guest path of the plugin a cached copy at <paramref name="hostLocation"/> stands for, or null.</summary>
    public static string? OriginalOf(string hostLocation) => PluginCopies.OriginalOf(hostLocation);

    private static string GuestForm(string host) => PosixManagedPaths.ToGuest(host) ?? host;

    /// <summary>.NET on Linux refuses a relative path for LoadFile and LoadFromAssemblyPath in these words.</summary>
    public static void RequireAbsolute(string path, string parameter)
    {
        if (!PathMembers.IsPathFullyQualified(path))
            throw new ArgumentException($"Path \"{path}\" is not an absolute path.", parameter);
    }
}
