using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// SetFileInformationByHandle(FileRenameInfo / FileRenameInfoEx): renames the open file, which keeps its handle. The
/// new name is, as NT reads FILE_RENAME_INFORMATION, relative to RootDirectory when that is given, a bare name (no
/// separator, no drive) stays in the file's folder, anything else is a path (full, or relative to the current
/// folder). Errors as Windows (Wine's test_SetFileRenameInfo): an existing target without REPLACE_IF_EXISTS
/// ERROR_ALREADY_EXISTS; a handle without DELETE access, a target that is a folder, read-only, or open ERROR_ACCESS_DENIED.
/// </summary>
internal static unsafe class FileRenames
{
    public const uint FILE_RENAME_FLAG_REPLACE_IF_EXISTS = 0x1, FILE_RENAME_FLAG_POSIX_SEMANTICS = 0x2,
        FILE_RENAME_FLAG_IGNORE_READONLY_ATTRIBUTE = 0x40;

    // Every FILE_RENAME_FLAG_* winbase.h defines (the storage-reserve ones have no meaning on the host and are taken as no-ops).
    private const uint KnownFlags = 0x1FF;

    public static int Rename(OpenFile open, FILE_RENAME_INFO* info, uint size, uint flags)
    {
        var nameBytes = info->FileNameLength;
        if ((flags & ~KnownFlags) != 0 || (nameBytes & 1) != 0 || FILE_RENAME_INFO.NameOffset + (ulong)nameBytes > size)
            return Win32Error.ERROR_INVALID_PARAMETER;
        if (open.Kind is not (FileKind.Disk or FileKind.Directory))
            return Win32Error.ERROR_INVALID_PARAMETER;
        if ((open.Access & FileAccessRights.DELETE) == 0)
            return Win32Error.ERROR_ACCESS_DENIED;
        var name = new string((char*)((byte*)info + FILE_RENAME_INFO.NameOffset), 0, (int)(nameBytes / 2));
        if (name.Length == 0)
            return Win32Error.ERROR_INVALID_NAME;

        var fs = GuestFileSystem.Current;
        var error = TargetPath(fs, open, info->RootDirectory, name, out var guestTarget);
        if (error != 0)
            return error;
        error = fs.Resolve(guestTarget, out var target);
        if (error != 0)
            return error;
        if (target.IsDevice)
            return Win32Error.ERROR_ACCESS_DENIED;
        if (!target.ParentExists)
            return Win32Error.ERROR_PATH_NOT_FOUND;

        var targetHost = target.HostPath;
        var replace = false;
        if (target.Exists)
        {
            if (open.Share is { } share && FileManagement.Key(target) == share.Key)
            {
                // The same file under another spelling: a case-only rename gives it the new spelling.
                targetHost = Path.Combine(target.HostParent, target.Guest.Name);
                if (targetHost == open.HostPath)
                    return 0;
            }
            else
            {
                if ((flags & FILE_RENAME_FLAG_REPLACE_IF_EXISTS) == 0)
                    return Win32Error.ERROR_ALREADY_EXISTS;
                if (target.IsDirectory || (target.Stat.IsReadOnly && (flags & FILE_RENAME_FLAG_IGNORE_READONLY_ATTRIBUTE) == 0))
                    return Win32Error.ERROR_ACCESS_DENIED;
                // Without POSIX semantics an open target cannot be replaced (NT's STATUS_ACCESS_DENIED).
                if ((flags & FILE_RENAME_FLAG_POSIX_SEMANTICS) == 0 && OpenFile.ShareTable.OpenCount(FileManagement.Key(target)) > 0)
                    return Win32Error.ERROR_ACCESS_DENIED;
            }
            replace = true;
        }
        var from = open.HostPath;
        error = FileManagement.Rename(from, targetHost, replace);
        if (error != 0)
            return error;
        fs.CaseIndex.NoteRemoved(Path.GetDirectoryName(from) ?? from, Path.GetFileName(from));
        fs.CaseIndex.NoteCreated(Path.GetDirectoryName(targetHost) ?? targetHost, Path.GetFileName(targetHost));
        open.HostPath = targetHost;
        return 0;
    }

    private static int TargetPath(GuestFileSystem fs, OpenFile open, nint rootDirectory, string name, out string path)
    {
        path = name;
        string? folderHost = null;
        if (rootDirectory != 0)
        {
            if (!Runtime.Bridge.Handles.TryGet(rootDirectory, out OpenFile root))
                return Win32Error.ERROR_INVALID_HANDLE;
            if (root.Kind != FileKind.Directory)
                return Win32Error.ERROR_INVALID_PARAMETER;
            folderHost = root.HostPath;
        }
        else if (name.IndexOfAny(['\\', '/', ':']) < 0)
            folderHost = Path.GetDirectoryName(open.HostPath.TrimEnd('/'));
        if (folderHost is null)
            return 0;
        var folder = fs.ToWindows(folderHost);
        if (folder is null)
            return Win32Error.ERROR_PATH_NOT_FOUND;
        path = folder.TrimEnd('\\') + @"\" + name;
        return 0;
    }
}
