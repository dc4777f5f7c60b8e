using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>AppContext.BaseDirectory</c> where the user put the app, in guest form (<c>/…/</c>), not the run cache the
/// rewritten copy starts from: files an app reads or writes "next to itself" are the user's.
/// </summary>
[ShimMembers("System.AppContext", "posix", "env")]
public static class AppContextMembers
{
    public static string BaseDirectory
    {
        get
        {
            if (GuestProgram.GuestFolder is { } folder)
                return folder;
            var host = AppContext.BaseDirectory;
            var guest = PosixManagedPaths.ToGuest(host) ?? host;
            return guest.EndsWith('/') ? guest : guest + "/";
        }
    }
}
