using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>DirectoryInfo</c> made from a guest path keeps that path for its names; its pattern listings follow Windows'
/// rules (names match regardless of case), and its root is the guest's drive root rather than the host's <c>/</c>. What it hands back shows guest paths.
/// </summary>
[ShimMembers("System.IO.DirectoryInfo", "windows", "file")]
public static class DirectoryInfoMembers
{
    /// <summary>Made from a guest path: its names are the path as typed (<see cref="TypedNames"/>).</summary>
    public static DirectoryInfo New(string path)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(path))
            return new DirectoryInfo(path);
        return TypedNames.Remember(new DirectoryInfo(WindowsManagedPaths.ToHost(path)!), path);
    }

    /// <summary>The guest drive's root (<c>C:\</c> for a folder in drive_c), as a DirectoryInfo over its host folder.</summary>
    public static DirectoryInfo get_Root(DirectoryInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (OperatingSystem.IsWindows())
            return self.Root;
        var guest = WindowsManagedPaths.ToGuest(self.FullName)!;
        var root = PathMembers.GetPathRoot(guest);
        return WindowsManagedPaths.ToGuest(string.IsNullOrEmpty(root) ? self.Root : new DirectoryInfo(WindowsManagedPaths.ToHost(root)!))!;
    }

    public static FileInfo[] GetFiles(DirectoryInfo self, string searchPattern) => GetFiles(self, searchPattern, SearchOption.TopDirectoryOnly);

    public static FileInfo[] GetFiles(DirectoryInfo self, string searchPattern, SearchOption searchOption)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(searchPattern);
        return WindowsManagedPaths.ToGuest(self.GetFiles(searchPattern, DirectoryListing.Options(searchOption)))!;
    }

    public static DirectoryInfo[] GetDirectories(DirectoryInfo self, string searchPattern) => GetDirectories(self, searchPattern, SearchOption.TopDirectoryOnly);

    public static DirectoryInfo[] GetDirectories(DirectoryInfo self, string searchPattern, SearchOption searchOption)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(searchPattern);
        return WindowsManagedPaths.ToGuest(self.GetDirectories(searchPattern, DirectoryListing.Options(searchOption)))!;
    }

    public static FileSystemInfo[] GetFileSystemInfos(DirectoryInfo self, string searchPattern) => GetFileSystemInfos(self, searchPattern, SearchOption.TopDirectoryOnly);

    public static FileSystemInfo[] GetFileSystemInfos(DirectoryInfo self, string searchPattern, SearchOption searchOption)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(searchPattern);
        return WindowsManagedPaths.ToGuest(self.GetFileSystemInfos(searchPattern, DirectoryListing.Options(searchOption)))!;
    }

    public static IEnumerable<FileInfo> EnumerateFiles(DirectoryInfo self, string searchPattern) => EnumerateFiles(self, searchPattern, SearchOption.TopDirectoryOnly);

    public static IEnumerable<FileInfo> EnumerateFiles(DirectoryInfo self, string searchPattern, SearchOption searchOption)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(searchPattern);
        return WindowsManagedPaths.ToGuest(self.EnumerateFiles(searchPattern, DirectoryListing.Options(searchOption)))!;
    }

    public static IEnumerable<DirectoryInfo> EnumerateDirectories(DirectoryInfo self, string searchPattern) => EnumerateDirectories(self, searchPattern, SearchOption.TopDirectoryOnly);

    public static IEnumerable<DirectoryInfo> EnumerateDirectories(DirectoryInfo self, string searchPattern, SearchOption searchOption)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(searchPattern);
        return WindowsManagedPaths.ToGuest(self.EnumerateDirectories(searchPattern, DirectoryListing.Options(searchOption)))!;
    }

    public static IEnumerable<FileSystemInfo> EnumerateFileSystemInfos(DirectoryInfo self, string searchPattern) => EnumerateFileSystemInfos(self, searchPattern, SearchOption.TopDirectoryOnly);

    public static IEnumerable<FileSystemInfo> EnumerateFileSystemInfos(DirectoryInfo self, string searchPattern, SearchOption searchOption)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(searchPattern);
        return WindowsManagedPaths.ToGuest(self.EnumerateFileSystemInfos(searchPattern, DirectoryListing.Options(searchOption)))!;
    }
}
