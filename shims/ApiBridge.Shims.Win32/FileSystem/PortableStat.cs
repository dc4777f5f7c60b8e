namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary><see cref="HostStat"/> from .NET's FileSystemInfo, for hosts without <see cref="Posix"/> (Windows, macOS).</summary>
internal static class PortableStat
{
    public static bool TryGet(string hostPath, out HostStat stat)
    {
        stat = default;
        try
        {
            FileSystemInfo info = new FileInfo(hostPath);
            if (!info.Exists)
            {
                info = new DirectoryInfo(hostPath);
                if (!info.Exists)
                    return false;
            }
            stat = From(info);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    public static HostStat From(FileSystemInfo info)
    {
        var directory = (info.Attributes & FileAttributes.Directory) != 0;
        var mode = (directory ? Posix.S_IFDIR : Posix.S_IFREG) | ((info.Attributes & FileAttributes.ReadOnly) != 0 ? 0x124 : 0x1b6);
        if (info.LinkTarget is not null)
            mode = (mode & ~Posix.S_IFMT) | Posix.S_IFLNK;
        var size = info is FileInfo file ? file.Length : 0;
        var key = (ulong)StringComparer.OrdinalIgnoreCase.GetHashCode(info.FullName);
        return new HostStat(mode, 0, key, size, 1, info.LastAccessTimeUtc.ToFileTimeUtc(), info.LastWriteTimeUtc.ToFileTimeUtc(),
            info.LastWriteTimeUtc.ToFileTimeUtc(), info.CreationTimeUtc.ToFileTimeUtc());
    }
}
