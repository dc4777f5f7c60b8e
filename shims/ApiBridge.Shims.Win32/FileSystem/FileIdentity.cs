namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// The share table's identity of a file named by its host path: device and inode on Linux (two names of one file are
/// one file), the full path case-insensitively elsewhere (a Windows host shares by itself). Null when no regular file
/// is there.
/// </summary>
internal static class FileIdentity
{
    public static ShareTable.FileKey? Of(string hostPath)
    {
        if (Posix.Available)
            return Posix.Stat(hostPath, follow: true, out var stat) == 0 && stat.IsRegular ? new ShareTable.FileKey(stat.Device, stat.Inode) : null;
        return File.Exists(hostPath) ? OfPortable(hostPath) : null;
    }

    public static ShareTable.FileKey OfPortable(string hostPath) =>
        new(0, (ulong)StringComparer.OrdinalIgnoreCase.GetHashCode(Path.GetFullPath(hostPath)));
}
