using System.Reflection;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>Assembly.Location</c> in guest form: the guest's own assemblies where the user put them (beside
/// <see cref="AppContextMembers.BaseDirectory"/>), any other assembly's host path shown through the path view.
/// </summary>
[ShimMembers("System.Reflection.Assembly", "posix", "env")]
public static class AssemblyMembers
{
#pragma warning disable IDE1006, CA1707 // the name of the replaced property getter
    public static string get_Location(Assembly self)
#pragma warning restore IDE1006, CA1707
    {
        ArgumentNullException.ThrowIfNull(self);
        var host = self.Location;
        if (host.Length == 0)
            return host;
        var folder = Path.GetDirectoryName(host);
        if (GuestProgram.GuestFolder is { } guestFolder && folder is not null
            && string.Equals(Path.TrimEndingDirectorySeparator(folder), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.OrdinalIgnoreCase))
            return guestFolder + Path.GetFileName(host);
        return PosixManagedPaths.ToGuest(host) ?? host;
    }
}
