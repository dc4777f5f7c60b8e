using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>FileSystemInfo</c>'s names as Windows gives them: from the path the program typed when it made the object
/// (<see cref="TypedNames"/>), else from the host path shown as the guest's.
/// </summary>
[ShimMembers("System.IO.FileSystemInfo", "windows", "file")]
public static class FileSystemInfoMembers
{
    public static string get_FullName(FileSystemInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (OperatingSystem.IsWindows())
            return self.FullName;
        return TypedNames.TryGet(self, out var typed) ? typed.FullPath : WindowsManagedPaths.ToGuest(self.FullName)!;
    }

    /// <summary>
    /// A FileInfo's name is the last part of the path it was made with (trailing dots kept, as Windows' FileInfo does);
    /// a DirectoryInfo's the last part of its full path, or the whole root (<c>C:\</c>).
    /// </summary>
    public static string get_Name(FileSystemInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (OperatingSystem.IsWindows())
            return self.Name;
        if (TypedNames.TryGet(self, out var typed))
            return self is FileInfo ? PathMembers.GetFileName(typed.Original)! : FolderName(typed.FullPath);
        // A folder the BCL made (a Parent, a listing) is named as on disk, but a drive's root is the drive (C:\, not drive_c).
        return self is DirectoryInfo && IsRoot(WindowsManagedPaths.ToGuest(self.FullName)!) is { } root ? root : self.Name;
    }

    public static string get_Extension(FileSystemInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (OperatingSystem.IsWindows() || !TypedNames.TryGet(self, out var typed))
            return self.Extension;
        // The BCL's rule over the full path: from the last dot of the last name (a trailing dot is the extension ".").
        var full = typed.FullPath;
        for (var i = full.Length - 1; i >= 0; i--)
        {
            var c = full[i];
            if (c == '.')
                return full[i..];
            if (c is '\\' or '/' or ':')
                break;
        }
        return string.Empty;
    }

    /// <summary>
    /// A FileInfo's Delete is DeleteFileW on Windows: a sharing violation while an open the guest holds does not share
    /// deleting (the host would unlink the file regardless). A folder is deleted as the host deletes it.
    /// </summary>
    public static void Delete(FileSystemInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (self is FileInfo && !OperatingSystem.IsWindows())
            SharedOpens.RefuseDeleteWhileOpen(self.FullName, get_FullName(self));
        self.Delete();
    }

    private static string FolderName(string fullPath) =>
        IsRoot(fullPath) ?? PathMembers.GetFileName(PathMembers.TrimEndingDirectorySeparator(fullPath))!;

    private static string? IsRoot(string guestPath) =>
        PathMembers.GetPathRoot(guestPath) is { Length: > 0 } root && root.Length == guestPath.Length ? guestPath : null;
}
