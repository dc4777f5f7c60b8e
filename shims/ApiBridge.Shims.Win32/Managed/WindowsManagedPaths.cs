using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The Windows guest's paths in and out of the BCL's file-system members (the rewriter's generated wrappers call
/// these): a guest path is resolved through <see cref="GuestFileSystem.Current"/> — the drive table, case-insensitive
/// names, isolation — exactly as kernel32's CreateFileW resolves it, so <c>System.IO</c> and kernel32 see one file
/// system; host paths handed back are shown through the same drive table (<see cref="WindowsPathView"/>).
/// On a Windows host guest paths are host paths and nothing changes.
/// </summary>
[GuestPathTranslator("windows")]
public static class WindowsManagedPaths
{
    private static readonly bool HostIsWindows = OperatingSystem.IsWindows();

    /// <summary>
    /// The host path of a guest path. Null and empty pass through, so the BCL raises its own argument errors. A path
    /// the guest may not reach (isolation) or that names no drive throws the exception Windows' .NET throws for that
    /// Win32 error, with the guest's path in the message.
    /// </summary>
    public static string? ToHost(string? path)
    {
        if (HostIsWindows || string.IsNullOrEmpty(path))
            return path;
        var error = GuestFileSystem.Current.Resolve(path, out var resolved);
        if (error != 0)
            throw ManagedErrors.ForWin32Error(error, path);
        return resolved.HostPath;
    }

    /// <summary>A path relative to something else (<c>DirectoryInfo.CreateSubdirectory</c>): Windows separators made the host's.</summary>
    public static string? ToHostRelative(string? path) =>
        HostIsWindows || path is null ? path : path.Replace('\\', '/');

    /// <summary>The guest's form of a host path (<c>/home/u/.apibridge/drive_c/x</c> → <c>C:\x</c>).</summary>
    public static string? ToGuest(string? hostPath) =>
        HostIsWindows || string.IsNullOrEmpty(hostPath) ? hostPath : WindowsPathView.FromHost(hostPath);

    public static string[]? ToGuest(string[]? hostPaths)
    {
        if (HostIsWindows || hostPaths is null)
            return hostPaths;
        var paths = new string[hostPaths.Length];
        for (var i = 0; i < paths.Length; i++)
            paths[i] = ToGuest(hostPaths[i])!;
        return paths;
    }

    /// <summary>Lazily, as the BCL's enumerations are.</summary>
    public static IEnumerable<string>? ToGuest(IEnumerable<string>? hostPaths) =>
        HostIsWindows || hostPaths is null ? hostPaths : hostPaths.Select(p => ToGuest(p)!);

    /// <summary>
    /// A text writer the guest gets (<c>new StreamWriter(path)</c>, <c>File.CreateText</c>): it ends lines with
    /// <c>\r\n</c>, as every text file a Windows program writes does (see <see cref="EnvironmentMembers.NewLine"/>).
    /// </summary>
    public static void UseGuestNewLine(TextWriter writer) => writer.NewLine = EnvironmentMembers.NewLine;

    /// <summary>
    /// Called by a wrapper's handler: throws <paramref name="error"/> again as the guest would see it (host paths in
    /// its message shown as guest paths, Windows' HResult), or returns when there is nothing to change, and the
    /// wrapper rethrows the original untouched.
    /// </summary>
    public static void ThrowAsGuest(Exception error)
    {
        if (HostIsWindows)
            return;
        if (ManagedErrors.AsGuest(error) is { } translated)
            throw translated;
    }
}
