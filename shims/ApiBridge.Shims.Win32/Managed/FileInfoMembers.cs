using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>FileInfo</c> made from a guest path keeps the path as typed for its names (<see cref="TypedNames"/>), and its
/// opens keep their share mode against other opens (<see cref="SharedOpens"/>), with the BCL's defaults.
/// </summary>
[ShimMembers("System.IO.FileInfo", "windows", "file")]
public static class FileInfoMembers
{
    public static FileInfo New(string fileName)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(fileName))
            return new FileInfo(fileName);
        return TypedNames.Remember(new FileInfo(WindowsManagedPaths.ToHost(fileName)!), fileName);
    }

    public static string? get_DirectoryName(FileInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (OperatingSystem.IsWindows())
            return self.DirectoryName;
        return TypedNames.TryGet(self, out var typed) ? PathMembers.GetDirectoryName(typed.FullPath) : WindowsManagedPaths.ToGuest(self.DirectoryName);
    }

    public static FileStream Open(FileInfo self, FileMode mode) =>
        Open(self, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public static FileStream Open(FileInfo self, FileMode mode, FileAccess access) => Open(self, mode, access, FileShare.None);

    public static FileStream Open(FileInfo self, FileMode mode, FileAccess access, FileShare share)
    {
        ArgumentNullException.ThrowIfNull(self);
        return SharedOpens.OpenHostPath(self.FullName, FileSystemInfoMembers.get_FullName(self), mode, access, share, FileOptions.None,
            (mode, access, share), static (host, a) => new FileStream(host, a.mode, a.access, a.share), FileStreamMembers.IsClosed);
    }

    public static FileStream Open(FileInfo self, FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(options);
        return SharedOpens.OpenHostPath(self.FullName, FileSystemInfoMembers.get_FullName(self), options.Mode, options.Access, options.Share, options.Options,
            options, static (host, o) => new FileStream(host, o), FileStreamMembers.IsClosed);
    }

    public static FileStream OpenRead(FileInfo self) => Open(self, FileMode.Open, FileAccess.Read, FileShare.Read);

    public static FileStream OpenWrite(FileInfo self) => Open(self, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);

    /// <summary>CopyFileW's share modes (<see cref="FileCopies"/>); the copy is named as the program typed its path.</summary>
    public static FileInfo CopyTo(FileInfo self, string destFileName) => CopyTo(self, destFileName, overwrite: false);

    public static FileInfo CopyTo(FileInfo self, string destFileName, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (OperatingSystem.IsWindows())
            return self.CopyTo(destFileName, overwrite);
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        var host = FileCopies.CopyShared(self.FullName, FileSystemInfoMembers.get_FullName(self), destFileName, overwrite);
        return TypedNames.Remember(new FileInfo(host), destFileName);
    }

    /// <summary>
    /// MoveFileExW's share rule for the source (an open that does not share deleting refuses it, with .NET's path-less
    /// message); afterwards the FileInfo names the new path as the program typed it, as on Windows.
    /// </summary>
    public static void MoveTo(FileInfo self, string destFileName) => MoveTo(self, destFileName, overwrite: false);

    public static void MoveTo(FileInfo self, string destFileName, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (OperatingSystem.IsWindows())
        {
            self.MoveTo(destFileName, overwrite);
            return;
        }
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        if (FileIdentity.Of(self.FullName) is { } key && OpenFile.ShareTable.WouldConflict(key, FileAccessRights.DELETE, FileReplacements.ShareAll))
            throw FileReplacements.InUse();
        var host = WindowsManagedPaths.ToHost(destFileName)!;
        try
        {
            self.MoveTo(host, overwrite);
        }
        catch (Exception failure)
        {
            WindowsManagedPaths.ThrowAsGuest(failure);
            throw;
        }
        TypedNames.Remember(self, destFileName);
    }

    /// <summary>ReplaceFileW's share rules (<see cref="FileReplacements"/>); the result names the destination as typed.</summary>
    public static FileInfo Replace(FileInfo self, string destinationFileName, string? destinationBackupFileName) =>
        Replace(self, destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public static FileInfo Replace(FileInfo self, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (OperatingSystem.IsWindows())
            return self.Replace(destinationFileName, destinationBackupFileName, ignoreMetadataErrors);
        ArgumentNullException.ThrowIfNull(destinationFileName);
        var host = FileReplacements.ReplaceOnHost(self.FullName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors);
        return TypedNames.Remember(new FileInfo(host), destinationFileName);
    }

    /// <summary>For call sites that name FileInfo's override rather than FileSystemInfo's method.</summary>
    public static void Delete(FileInfo self) => FileSystemInfoMembers.Delete(self);

    /// <summary>As the BCL's: File.Create, then the FileInfo forgets what it knew (it exists now).</summary>
    public static FileStream Create(FileInfo self)
    {
        var stream = Open(self, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        self.Refresh();
        return stream;
    }
}
