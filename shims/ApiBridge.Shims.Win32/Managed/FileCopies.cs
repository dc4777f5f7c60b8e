using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>File.Copy</c> and <c>FileInfo.CopyTo</c> with CopyFileW's share modes, as Wine shows them: the source is read
/// sharing everything (so only an open that does not share reading stops it), the destination written sharing
/// everything (so any open of it that does not share writing stops it: a log file a stream holds with
/// <c>FileShare.Read</c>), each a sharing violation naming that file. The host's <c>File.Copy</c> would instead meet
/// its own advisory lock on the destination (an exclusive <c>flock</c>), which every open stream's shared lock blocks:
/// when the guest has the destination open (sharing writing, or the check above would have refused), the copy is made
/// here with shared locks — data, then the source's permission bits and last write time, as the host's copy keeps them.
/// </summary>
[ShimMembers("System.IO.File", "windows", "file")]
public static class FileCopies
{
    private const uint ShareAll = ShareTable.FILE_SHARE_READ | ShareTable.FILE_SHARE_WRITE | ShareTable.FILE_SHARE_DELETE;

    public static void Copy(string sourceFileName, string destFileName) => Copy(sourceFileName, destFileName, overwrite: false);

    public static void Copy(string sourceFileName, string destFileName, bool overwrite)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Copy(sourceFileName, destFileName, overwrite);
            return;
        }
        ArgumentException.ThrowIfNullOrEmpty(sourceFileName);
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        CopyShared(WindowsManagedPaths.ToHost(sourceFileName)!, sourceFileName, destFileName, overwrite);
    }

    /// <summary>The copy once the source is known on the host (<c>FileInfo.CopyTo</c>'s own file); the destination's host path.</summary>
    internal static string CopyShared(string hostSource, string guestSourceName, string destFileName, bool overwrite)
    {
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(destFileName, out var destination);
        if (error != 0)
            throw ManagedErrors.ForWin32Error(error, destFileName);
        if (FileIdentity.Of(hostSource) is { } sourceKey && OpenFile.ShareTable.WouldConflict(sourceKey, FileAccessRights.FILE_GENERIC_READ, ShareAll))
            throw ManagedErrors.ForWin32Error(Win32Error.ERROR_SHARING_VIOLATION, fs.FullPathName(guestSourceName));
        var destinationOpen = false;
        if (destination.Exists && !destination.IsDirectory && !destination.IsDevice)
        {
            var key = Kernel32.FileManagement.Key(destination);
            if (OpenFile.ShareTable.WouldConflict(key, FileAccessRights.FILE_GENERIC_WRITE, ShareAll))
                throw ManagedErrors.ForWin32Error(Win32Error.ERROR_SHARING_VIOLATION, fs.FullPathName(destFileName));
            destinationOpen = overwrite && OpenFile.ShareTable.OpenCount(key) > 0;
        }
        try
        {
            if (destinationOpen)
                CopyBesideOpens(hostSource, destination.HostPath);
            else
                File.Copy(hostSource, destination.HostPath, overwrite);
        }
        catch (Exception failure)
        {
            WindowsManagedPaths.ThrowAsGuest(failure);
            throw;
        }
        return destination.HostPath;
    }

    // Shared locks on both sides: the guest's own opens of the destination share writing (checked above).
    private static void CopyBesideOpens(string hostSource, string hostDestination)
    {
        using (var source = new FileStream(hostSource, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var destination = new FileStream(hostDestination, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            source.CopyTo(destination);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(hostDestination, File.GetUnixFileMode(hostSource));
        File.SetLastWriteTimeUtc(hostDestination, File.GetLastWriteTimeUtc(hostSource));
    }
}
