using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Kernel32;
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
public static partial class WindowsManagedPaths
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

    /// <summary>
    /// <see cref="ToHost"/> for a path the BCL member then opens to read by itself (<c>File.ReadAllText</c>,
    /// <c>new StreamReader(path)</c>): .NET on Windows asks for GENERIC_READ sharing reading only, so an open the
    /// guest holds for writing (or without sharing reading) makes it a sharing violation there, and here.
    /// </summary>
    public static string? ToHostForReading(string? path) =>
        ToHostShared(path, FileAccessRights.FILE_GENERIC_READ, ShareTable.FILE_SHARE_READ, pathInMessage: true);

    /// <summary>The same for a member that opens to write (<c>File.WriteAllText</c>, <c>new StreamWriter(path)</c>): GENERIC_WRITE sharing reading.</summary>
    public static string? ToHostForWriting(string? path) =>
        ToHostShared(path, FileAccessRights.FILE_GENERIC_WRITE, ShareTable.FILE_SHARE_READ, pathInMessage: true);

    /// <summary>The same for <c>File.Delete</c> (DeleteFileW): refused while an open does not share deleting.</summary>
    public static string? ToHostForDeleting(string? path) =>
        ToHostShared(path, FileAccessRights.DELETE, ShareAll, pathInMessage: true);

    /// <summary>The same for <c>File.Move</c>'s source (MoveFileExW), whose message .NET gives without a path.</summary>
    public static string? ToHostForRenaming(string? path) =>
        ToHostShared(path, FileAccessRights.DELETE, ShareAll, pathInMessage: false);

    private const uint ShareAll = ShareTable.FILE_SHARE_READ | ShareTable.FILE_SHARE_WRITE | ShareTable.FILE_SHARE_DELETE;

    private static string? ToHostShared(string? path, uint access, uint share, bool pathInMessage)
    {
        if (HostIsWindows || string.IsNullOrEmpty(path))
            return path;
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(path, out var resolved);
        if (error != 0)
            throw ManagedErrors.ForWin32Error(error, path);
        // The lookup has already stat'ed the file: its identity costs nothing more, and the table only a lookup.
        if (resolved.Exists && !resolved.IsDirectory && !resolved.IsDevice
            && OpenFile.ShareTable.WouldConflict(Kernel32.FileManagement.Key(resolved), access, share))
        {
            throw pathInMessage
                ? ManagedErrors.ForWin32Error(Win32Error.ERROR_SHARING_VIOLATION, fs.FullPathName(path))
                : new IOException("The process cannot access the file because it is being used by another process.",
                    ManagedErrors.HResult(Win32Error.ERROR_SHARING_VIOLATION));
        }
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
        var listing = new ListingPaths();
        var paths = new string[hostPaths.Length];
        for (var i = 0; i < paths.Length; i++)
            paths[i] = listing.ToGuest(hostPaths[i]);
        return paths;
    }

    /// <summary>Lazily, as the BCL's enumerations are.</summary>
    public static IEnumerable<string>? ToGuest(IEnumerable<string>? hostPaths) =>
        HostIsWindows || hostPaths is null ? hostPaths : ToGuestLazily(hostPaths);

    private static IEnumerable<string> ToGuestLazily(IEnumerable<string> hostPaths)
    {
        var listing = new ListingPaths();
        foreach (var path in hostPaths)
            yield return listing.ToGuest(path);
    }

    /// <summary>
    /// The entries of a listing share their folder: it is mapped through the drive table once, and each entry's name
    /// (the same on both sides) appended, instead of mapping every full path again.
    /// </summary>
    private sealed class ListingPaths
    {
        private string? hostFolder;
        private string guestFolder = string.Empty;

        public string ToGuest(string hostPath)
        {
            var slash = hostPath.LastIndexOf('/');
            if (slash <= 0 || slash == hostPath.Length - 1)
                return WindowsManagedPaths.ToGuest(hostPath)!;
            var folder = hostPath.AsSpan(0, slash);
            if (hostFolder is null || !folder.SequenceEqual(hostFolder))
            {
                hostFolder = folder.ToString();
                var guest = WindowsPathView.FromHost(hostFolder);
                guestFolder = guest.EndsWith('\\') ? guest : guest + "\\";
            }
            return string.Concat(guestFolder, hostPath.AsSpan(slash + 1));
        }
    }

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
