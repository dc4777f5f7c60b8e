namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary><see cref="HostStat"/> from .NET's FileSystemInfo, for hosts without <see cref="Posix"/> (Windows, macOS).</summary>
internal static class PortableStat
{
    /// <summary>
    /// One host query (FileSystemInfo reads attributes, size and times together, for files and folders alike);
    /// the link target is only read for an entry that is a reparse point.
    /// </summary>
    public static bool TryGet(string hostPath, out HostStat stat)
    {
        stat = default;
        try
        {
            var info = new FileInfo(hostPath);
            var attributes = info.Attributes;
            if ((int)attributes == -1)
                return false;
            // A FileInfo of a folder holds the folder's attributes and times too (only Length refuses it).
            stat = From(info, attributes, (attributes & FileAttributes.Directory) != 0 ? 0 : info.Length);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    public static HostStat From(FileSystemInfo info) =>
        From(info, info.Attributes, info is FileInfo file ? file.Length : 0);

    /// <summary><paramref name="info"/>'s stat from the data it already holds (an enumerated entry, or one read once).</summary>
    private static HostStat From(FileSystemInfo info, FileAttributes attributes, long size)
    {
        var directory = (attributes & FileAttributes.Directory) != 0;
        var mode = (directory ? Posix.S_IFDIR : Posix.S_IFREG) | ((attributes & FileAttributes.ReadOnly) != 0 ? 0x124 : 0x1b6);
        if ((attributes & FileAttributes.ReparsePoint) != 0 && info.LinkTarget is not null)
            mode = (mode & ~Posix.S_IFMT) | Posix.S_IFLNK;
        var key = (ulong)StringComparer.OrdinalIgnoreCase.GetHashCode(info.FullName);
        var write = info.LastWriteTimeUtc.ToFileTimeUtc();
        return new HostStat(mode, 0, key, size, 1, info.LastAccessTimeUtc.ToFileTimeUtc(), write, write, info.CreationTimeUtc.ToFileTimeUtc());
    }
}
