using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The members of <c>System.IO.Directory</c> a path translation alone cannot give: the current folder is kernel32's, and
/// search patterns match names regardless of case (the rest of Directory goes through the generated path wrappers).
/// </summary>
[ShimMembers("System.IO.Directory", "windows", "file")]
public static class DirectoryMembers
{
    public static string GetCurrentDirectory() => CurrentFolder.Get();

    /// <summary>True for an existing folder, from the guest file system's own lookup (one stat); never throws.</summary>
    public static bool Exists(string? path)
    {
        if (OperatingSystem.IsWindows())
            return Directory.Exists(path);
        return !string.IsNullOrEmpty(path) && FileSystem.GuestFileSystem.Current.Resolve(path, out var resolved) == 0 && resolved.IsDirectory;
    }

    public static void SetCurrentDirectory(string path) => CurrentFolder.Set(path);

    /// <summary>
    /// As .NET on Windows: a new folder in the guest's temp folder (GetTempPathW's, made first if missing), named the
    /// prefix and a random 8.3 name, another name tried while one exists; the host's would land in the host's /tmp.
    /// </summary>
    public static DirectoryInfo CreateTempSubdirectory(string? prefix)
    {
        if (OperatingSystem.IsWindows())
            return Directory.CreateTempSubdirectory(prefix);
        if (prefix is not null && prefix.AsSpan().IndexOfAny('\\', '/') >= 0)
            throw new ArgumentException("The value may not contain directory separator characters.", nameof(prefix));
        var temp = PathMembers.GetTempPath();
        try
        {
            Directory.CreateDirectory(WindowsManagedPaths.ToHost(temp)!);
            while (true)
            {
                var guest = temp + prefix + Path.GetRandomFileName();
                var host = WindowsManagedPaths.ToHost(guest)!;
                if (!Path.Exists(host))
                    return TypedNames.Remember(Directory.CreateDirectory(host), guest);
            }
        }
        catch (Exception error)
        {
            WindowsManagedPaths.ThrowAsGuest(error);
            throw;
        }
    }

    /// <summary>The guest's drives (<c>C:\</c>, <c>Z:\</c>), not the host's mount points.</summary>
    public static string[] GetLogicalDrives() => OperatingSystem.IsWindows() ? Directory.GetLogicalDrives() : DriveInfoMembers.LogicalDriveNames();

    public static string[] GetFiles(string path, string searchPattern) => GetFiles(path, searchPattern, SearchOption.TopDirectoryOnly);

    public static string[] GetFiles(string path, string searchPattern, SearchOption searchOption) =>
        DirectoryListing.List(path, searchPattern, (host, pattern) => WindowsManagedPaths.ToGuest(Directory.GetFiles(host, pattern, DirectoryListing.Options(searchOption)))!);

    public static string[] GetDirectories(string path, string searchPattern) => GetDirectories(path, searchPattern, SearchOption.TopDirectoryOnly);

    public static string[] GetDirectories(string path, string searchPattern, SearchOption searchOption) =>
        DirectoryListing.List(path, searchPattern, (host, pattern) => WindowsManagedPaths.ToGuest(Directory.GetDirectories(host, pattern, DirectoryListing.Options(searchOption)))!);

    public static string[] GetFileSystemEntries(string path, string searchPattern) => GetFileSystemEntries(path, searchPattern, SearchOption.TopDirectoryOnly);

    public static string[] GetFileSystemEntries(string path, string searchPattern, SearchOption searchOption) =>
        DirectoryListing.List(path, searchPattern, (host, pattern) => WindowsManagedPaths.ToGuest(Directory.GetFileSystemEntries(host, pattern, DirectoryListing.Options(searchOption)))!);

    public static IEnumerable<string> EnumerateFiles(string path, string searchPattern) => EnumerateFiles(path, searchPattern, SearchOption.TopDirectoryOnly);

    public static IEnumerable<string> EnumerateFiles(string path, string searchPattern, SearchOption searchOption) =>
        DirectoryListing.List(path, searchPattern, (host, pattern) => WindowsManagedPaths.ToGuest(Directory.EnumerateFiles(host, pattern, DirectoryListing.Options(searchOption)))!);

    public static IEnumerable<string> EnumerateDirectories(string path, string searchPattern) => EnumerateDirectories(path, searchPattern, SearchOption.TopDirectoryOnly);

    public static IEnumerable<string> EnumerateDirectories(string path, string searchPattern, SearchOption searchOption) =>
        DirectoryListing.List(path, searchPattern, (host, pattern) => WindowsManagedPaths.ToGuest(Directory.EnumerateDirectories(host, pattern, DirectoryListing.Options(searchOption)))!);

    public static IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern) => EnumerateFileSystemEntries(path, searchPattern, SearchOption.TopDirectoryOnly);

    public static IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, SearchOption searchOption) =>
        DirectoryListing.List(path, searchPattern, (host, pattern) => WindowsManagedPaths.ToGuest(Directory.EnumerateFileSystemEntries(host, pattern, DirectoryListing.Options(searchOption)))!);

}
