using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The running guest's own program in guest form: the original path <c>apibridge run</c> was given
/// (<see cref="BridgeVariables.GuestPath"/>; the process itself runs the cached rewritten copy), else the host's
/// process path, shown through the path view.
/// </summary>
internal static class GuestProgram
{
    /// <summary>
    /// The host path of the guest's program: for <c>apibridge run app.dll</c> the apphost <c>app</c> a Linux build puts
    /// beside it (what the user starts natively, and what the guest can start again), else the path as given.
    /// </summary>
    public static string? HostPath
    {
        get
        {
            if (Bridge.Environment.GetVariable(BridgeVariables.GuestPath) is not { Length: > 0 } original)
                return System.Environment.ProcessPath;
            var full = Path.GetFullPath(original);
            if (full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(full[..^4]))
                return full[..^4];
            return full;
        }
    }

    /// <summary>The guest's program as a guest path (<c>/mnt/c/apps/tool</c>).</summary>
    public static string? GuestPath => HostPath is { } host ? PosixManagedPaths.ToGuest(host) : null;

    /// <summary>The folder the guest was started from, in guest form, with a final <c>/</c>.</summary>
    public static string? GuestFolder
    {
        get
        {
            if (Bridge.Environment.GetVariable(BridgeVariables.GuestPath) is not { Length: > 0 } original)
                return null;
            var folder = Path.GetDirectoryName(Path.GetFullPath(original));
            if (folder is null || PosixManagedPaths.ToGuest(folder) is not { } guest)
                return null;
            return guest.EndsWith('/') ? guest : guest + "/";
        }
    }
}
