using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Native.FileInfoClass;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The classes SetFileInformationByHandle changes, each needing the access Windows asks for: times and read-only
/// FILE_WRITE_ATTRIBUTES, size and allocation FILE_WRITE_DATA, rename and disposition DELETE (ERROR_ACCESS_DENIED
/// otherwise). Renaming is in <see cref="FileRenames"/>.
/// </summary>
internal static unsafe class FileInfoUpdates
{
    public const uint FILE_DISPOSITION_FLAG_DELETE = 0x1, FILE_DISPOSITION_FLAG_POSIX_SEMANTICS = 0x2,
        FILE_DISPOSITION_FLAG_FORCE_IMAGE_SECTION_CHECK = 0x4, FILE_DISPOSITION_FLAG_ON_CLOSE = 0x8,
        FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE = 0x10;

    private const uint DispositionFlags = 0x1F;

    /// <summary>Applies one class (the length already checked against its fixed part); 0 or the Win32 error.</summary>
    public static int Apply(OpenFile open, int informationClass, byte* buffer, uint size) => informationClass switch
    {
        FileBasicInfo => SetBasic(open, (FILE_BASIC_INFO*)buffer),
        FileRenameInfo => FileRenames.Rename(open, (FILE_RENAME_INFO*)buffer, size, buffer[0] != 0 ? FileRenames.FILE_RENAME_FLAG_REPLACE_IF_EXISTS : 0),
        FileRenameInfoEx => FileRenames.Rename(open, (FILE_RENAME_INFO*)buffer, size, ((FILE_RENAME_INFO*)buffer)->Flags),
        // FILE_DISPOSITION_INFO is one BOOLEAN: TRUE asks for the delete, FALSE takes the request back.
        FileDispositionInfo => SetDisposition(open, buffer[0] != 0 ? FILE_DISPOSITION_FLAG_DELETE : 0),
        FileDispositionInfoEx => (*(uint*)buffer & ~DispositionFlags) != 0 ? Win32Error.ERROR_INVALID_PARAMETER : SetDisposition(open, *(uint*)buffer),
        FileEndOfFileInfo => SetSize(open, *(long*)buffer, allocationOnly: false),
        FileAllocationInfo => SetSize(open, *(long*)buffer, allocationOnly: true),
        // IoPriorityHintVeryLow, Low and Normal are taken (the host's I/O scheduler is not told); anything else is refused.
        FileIoPriorityHintInfo => *(uint*)buffer <= 2 ? 0 : Win32Error.ERROR_INVALID_PARAMETER,
        _ => Win32Error.ERROR_INVALID_PARAMETER,
    };

    /// <summary>
    /// FILE_BASIC_INFO: a time of 0 or -1 (and any negative value) leaves that time alone; the creation and change
    /// times cannot be set on the host and are left alone as well. Attributes 0 leave them alone, otherwise only
    /// READONLY is kept (as SetFileAttributesW keeps it); DIRECTORY on a file is ERROR_INVALID_PARAMETER.
    /// </summary>
    private static int SetBasic(OpenFile open, FILE_BASIC_INFO* info)
    {
        if ((open.Access & FileAccessRights.FILE_WRITE_ATTRIBUTES) == 0)
            return Win32Error.ERROR_ACCESS_DENIED;
        var error = open.Host.Stat(out var stat);
        if (error != 0)
            return error;
        var attributes = info->FileAttributes;
        if (attributes != 0 && (attributes & FileShim.FILE_ATTRIBUTE_DIRECTORY) != 0 && !stat.IsDirectory)
            return Win32Error.ERROR_INVALID_PARAMETER;
        long? access = info->LastAccessTime > 0 ? info->LastAccessTime : null;
        long? write = info->LastWriteTime > 0 ? info->LastWriteTime : null;
        if (access is not null || write is not null)
        {
            error = open.Host.SetTimes(access, write);
            if (error == Win32Error.ERROR_INVALID_HANDLE && Posix.Available)
                error = HostErrors.FromErrno(Posix.SetTimes(open.HostPath, access, write)); // opened for attributes only (O_PATH)
            if (error != 0)
                return error;
        }
        return attributes == 0 || stat.IsDirectory ? 0 : SetReadOnly(open.HostPath, stat, (attributes & FileShim.FILE_ATTRIBUTE_READONLY) != 0);
    }

    private static int SetReadOnly(string hostPath, in HostStat stat, bool readOnly)
    {
        var mode = stat.Mode & 0xFFF;
        var wanted = readOnly ? mode & ~0x92 : mode | 0x80;
        if (wanted == mode)
            return 0;
        if (Posix.Available)
            return HostErrors.FromErrno(Posix.Chmod(hostPath, wanted));
        try
        {
            new FileInfo(hostPath).IsReadOnly = readOnly;
            return 0;
        }
        catch (Exception e)
        {
            return HostErrors.FromException(e);
        }
    }

    /// <summary>
    /// FileDispositionInfo(Ex): the delete happens when the file's last handle closes, and until then new opens fail
    /// with ERROR_ACCESS_DENIED; with POSIX semantics the name goes when this handle closes. A read-only file is
    /// ERROR_ACCESS_DENIED (unless IGNORE_READONLY_ATTRIBUTE), a folder with entries ERROR_DIR_NOT_EMPTY.
    /// </summary>
    private static int SetDisposition(OpenFile open, uint flags)
    {
        if ((open.Access & FileAccessRights.DELETE) == 0 || open.Share is null)
            return Win32Error.ERROR_ACCESS_DENIED;
        if ((flags & FILE_DISPOSITION_FLAG_DELETE) == 0)
        {
            open.UnlinkOnClose = false;
            OpenFile.ShareTable.SetDeletePending(open.Share, null);
            return 0;
        }
        var error = open.Host.Stat(out var stat);
        if (error != 0)
            return error;
        if (!stat.IsDirectory && stat.IsReadOnly && (flags & FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE) == 0)
            return Win32Error.ERROR_ACCESS_DENIED;
        if (stat.IsDirectory && HasEntries(open.HostPath))
            return Win32Error.ERROR_DIR_NOT_EMPTY;
        if ((flags & FILE_DISPOSITION_FLAG_POSIX_SEMANTICS) != 0)
            open.UnlinkOnClose = true;
        else
            OpenFile.ShareTable.SetDeletePending(open.Share, open.HostPath);
        return 0;
    }

    private static bool HasEntries(string hostFolder)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(hostFolder).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// FileEndOfFileInfo sets the size (growing with zeros); FileAllocationInfo only ever shrinks it — an allocation
    /// below the end of file cuts the file there, a larger one reserves nothing on the host and changes no size.
    /// </summary>
    private static int SetSize(OpenFile open, long value, bool allocationOnly)
    {
        if (open.Kind != FileKind.Disk || value < 0)
            return Win32Error.ERROR_INVALID_PARAMETER;
        if ((open.Access & FileAccessRights.FILE_WRITE_DATA) == 0)
            return Win32Error.ERROR_ACCESS_DENIED;
        if (allocationOnly)
        {
            var error = open.Host.Stat(out var stat);
            if (error != 0)
                return error;
            if (value >= stat.Size)
                return 0;
        }
        return open.Host.SetLength(value);
    }
}
