using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>File.Replace</c> with ReplaceFileW's share modes, as Wine shows them: the replacement (source) is opened
/// sharing nothing, so any open of it is a sharing violation; the replaced file (destination) is opened for delete
/// sharing everything, so an open that does not share deleting is one; a backup file that is open cannot be
/// overwritten (access denied). .NET on Windows names no path in these messages. The host's own File.Replace would
/// rename over all of them.
/// </summary>
[ShimMembers("System.IO.File", "windows", "file")]
public static class FileReplacements
{
    public static void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public static void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors);
            return;
        }
        ArgumentNullException.ThrowIfNull(sourceFileName);
        ArgumentNullException.ThrowIfNull(destinationFileName);
        ReplaceOnHost(WindowsManagedPaths.ToHost(sourceFileName)!, destinationFileName, destinationBackupFileName, ignoreMetadataErrors);
    }

    /// <summary>The replacement once its host path is known (<c>FileInfo.Replace</c>'s own file); the destination's host path.</summary>
    internal static string ReplaceOnHost(string hostSource, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        var hostDestination = WindowsManagedPaths.ToHost(destinationFileName)!;
        var hostBackup = destinationBackupFileName is null ? null : WindowsManagedPaths.ToHost(destinationBackupFileName);
        var table = OpenFile.ShareTable;
        if (FileIdentity.Of(hostSource) is { } source
            && table.WouldConflict(source, FileAccessRights.FILE_GENERIC_READ | FileAccessRights.FILE_GENERIC_WRITE | FileAccessRights.DELETE, 0))
            throw InUse();
        if (FileIdentity.Of(hostDestination) is { } destination && table.WouldConflict(destination, FileAccessRights.DELETE, ShareAll))
            throw InUse();
        if (hostBackup is not null && FileIdentity.Of(hostBackup) is { } backup && table.OpenCount(backup) > 0)
            throw new UnauthorizedAccessException("Access to the path is denied.");
        try
        {
            File.Replace(hostSource, hostDestination, hostBackup, ignoreMetadataErrors);
        }
        catch (Exception failure)
        {
            WindowsManagedPaths.ThrowAsGuest(failure);
            throw;
        }
        return hostDestination;
    }

    internal const uint ShareAll = ShareTable.FILE_SHARE_READ | ShareTable.FILE_SHARE_WRITE | ShareTable.FILE_SHARE_DELETE;

    internal static IOException InUse() =>
        new("The process cannot access the file because it is being used by another process.", ManagedErrors.HResult(Win32Error.ERROR_SHARING_VIOLATION));
}
