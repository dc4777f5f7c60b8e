using System.Reflection;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>Assembly.Location</c> in guest form: the guest's own assemblies where the user put them (beside
/// <see cref="AppContextMembers.BaseDirectory"/>), a plugin where the guest loaded it from, any other assembly's host
/// path shown through the path view.
/// </summary>
[ShimMembers("System.Reflection.Assembly", "posix", "env")]
public static class AssemblyMembers
{
#pragma warning disable IDE1006, CA1707 // the name of the replaced property getter
    public static string get_Location(Assembly self)
#pragma warning restore IDE1006, CA1707
    {
        ArgumentNullException.ThrowIfNull(self);
        return GuestLocation(self.Location);
    }

    /// <summary>
    /// An assembly file's path as the guest sees it: an app assembly or a plugin's bridged copy (in the run cache)
    /// where the user put it, anything else through the path view.
    /// </summary>
    internal static string GuestLocation(string host)
    {
        if (host.Length == 0)
            return host;
        if (PluginFiles.OriginalOf(host) is { } plugin)
            return plugin;
        var folder = Path.GetDirectoryName(host);
        if (GuestProgram.GuestFolder is { } guestFolder && folder is not null
            && string.Equals(Path.TrimEndingDirectorySeparator(folder), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.OrdinalIgnoreCase))
            return guestFolder + Path.GetFileName(host);
        return PosixManagedPaths.ToGuest(host) ?? host;
    }
}
