using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Deleting, moving, copying and replacing files. Contracts (Microsoft docs, Wine's file.c, Wine 8.0):
/// DeleteFileW of a missing file 2, of a folder or a read-only file 5, of a file open without FILE_SHARE_DELETE 32;
/// MoveFile(Ex)W onto an existing file 183 unless MOVEFILE_REPLACE_EXISTING, onto a folder 5, a read-only source
/// still moves, a case-only rename is allowed; CopyFileW with bFailIfExists onto an existing file 80, onto itself
/// 32, keeps the last-write time and the read-only attribute.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class FileManagement
{
    public const uint MOVEFILE_REPLACE_EXISTING = 0x1, MOVEFILE_COPY_ALLOWED = 0x2, MOVEFILE_DELAY_UNTIL_REBOOT = 0x4;
    public const uint COPY_FILE_FAIL_IF_EXISTS = 0x1;

    private const uint ShareAll = ShareTable.FILE_SHARE_READ | ShareTable.FILE_SHARE_WRITE | ShareTable.FILE_SHARE_DELETE;

    /// <summary>BOOL DeleteFileW(LPCWSTR lpFileName)</summary>
    [ShimExport("DeleteFileW")]
    public static int DeleteFileW(char* fileName) => Delete(FileShim.Wide(fileName));

    [ShimExport("DeleteFileA")]
    public static int DeleteFileA(byte* fileName) => Delete(FileShim.Ansi(fileName));

    private static int Delete(string? name)
    {
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(name, out var resolved);
        if (error != 0)
            return FileShim.Fail(error);
        if (resolved.IsDevice)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        if (!resolved.Exists)
            return FileShim.Fail(resolved.MissingError);
        if (resolved.IsDirectory || resolved.Stat.IsReadOnly)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        if (OpenFile.ShareTable.WouldConflict(Key(resolved), FileAccessRights.DELETE, ShareAll))
            return FileShim.Fail(Win32Error.ERROR_SHARING_VIOLATION);
        error = Unlink(resolved.HostPath);
        if (error != 0)
            return FileShim.Fail(error);
        fs.CaseIndex.NoteRemoved(resolved.HostParent, Path.GetFileName(resolved.HostPath));
        return 1;
    }

    private static int Unlink(string hostPath)
    {
        if (Posix.Available)
            return HostErrors.FromErrno(Posix.Unlink(hostPath));
        try
        {
            File.Delete(hostPath);
            return 0;
        }
        catch (Exception e)
        {
            return HostErrors.FromException(e);
        }
    }

    internal static ShareTable.FileKey Key(in ResolvedPath resolved) => Posix.Available
        ? new ShareTable.FileKey(resolved.Stat.Device, resolved.Stat.Inode)
        : FileIdentity.OfPortable(resolved.HostPath);

    /// <summary>BOOL MoveFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName) — MoveFileExW with MOVEFILE_COPY_ALLOWED.</summary>
    [ShimExport("MoveFileW")]
    public static int MoveFileW(char* existingFileName, char* newFileName) =>
        Move(FileShim.Wide(existingFileName), FileShim.Wide(newFileName), MOVEFILE_COPY_ALLOWED);

    [ShimExport("MoveFileA")]
    public static int MoveFileA(byte* existingFileName, byte* newFileName) =>
        Move(FileShim.Ansi(existingFileName), FileShim.Ansi(newFileName), MOVEFILE_COPY_ALLOWED);

    /// <summary>BOOL MoveFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags)</summary>
    [ShimExport("MoveFileExW")]
    public static int MoveFileExW(char* existingFileName, char* newFileName, uint flags) =>
        Move(FileShim.Wide(existingFileName), FileShim.Wide(newFileName), flags);

    [ShimExport("MoveFileExA")]
    public static int MoveFileExA(byte* existingFileName, byte* newFileName, uint flags) =>
        Move(FileShim.Ansi(existingFileName), FileShim.Ansi(newFileName), flags);

    private static int Move(string? from, string? to, uint flags)
    {
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(from, out var source);
        if (error != 0)
            return FileShim.Fail(error);
        if (source.IsDevice)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        if (!source.Exists)
            return FileShim.Fail(source.MissingError);
        if (to is null)
            return FileShim.Fail((flags & MOVEFILE_DELAY_UNTIL_REBOOT) != 0 ? Win32Error.ERROR_NOT_SUPPORTED : Win32Error.ERROR_INVALID_PARAMETER);
        error = ResolveDestination(fs, to, out var target);
        if (error != 0)
            return FileShim.Fail(error);
        var sourceKey = Key(source);
        if (OpenFile.ShareTable.WouldConflict(sourceKey, FileAccessRights.DELETE, ShareAll))
            return FileShim.Fail(Win32Error.ERROR_SHARING_VIOLATION);

        var targetHost = target.HostPath;
        var replace = false;
        if (target.Exists)
        {
            var sameFile = Key(target) == sourceKey;
            if (sameFile)
            {
                // A rename to the same file under another case: give it the new spelling.
                targetHost = Path.Combine(target.HostParent, target.Guest.Name);
                if (targetHost == source.HostPath)
                    return 1;
                replace = true;
            }
            else
            {
                if ((flags & MOVEFILE_REPLACE_EXISTING) == 0)
                    return FileShim.Fail(Win32Error.ERROR_ALREADY_EXISTS);
                if (target.IsDirectory || source.IsDirectory || target.Stat.IsReadOnly)
                    return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
                if (OpenFile.ShareTable.WouldConflict(Key(target), FileAccessRights.DELETE, ShareAll))
                    return FileShim.Fail(Win32Error.ERROR_SHARING_VIOLATION);
                replace = true;
            }
        }
        error = Rename(source.HostPath, targetHost, replace);
        if (error == Win32Error.ERROR_NOT_SAME_DEVICE && (flags & MOVEFILE_COPY_ALLOWED) != 0 && !source.IsDirectory)
        {
            error = CopyHostFile(source.HostPath, targetHost, overwrite: replace);
            if (error == 0)
                error = Unlink(source.HostPath);
        }
        if (error != 0)
            return FileShim.Fail(error);
        fs.CaseIndex.NoteRemoved(source.HostParent, Path.GetFileName(source.HostPath));
        fs.CaseIndex.NoteCreated(Path.GetDirectoryName(targetHost) ?? targetHost, Path.GetFileName(targetHost));
        return 1;
    }

    internal static int Rename(string from, string to, bool replace)
    {
        if (Posix.Available)
        {
            var e = Posix.Rename(from, to, replace);
            return e == Posix.EEXIST ? Win32Error.ERROR_ALREADY_EXISTS : e == Posix.EINVAL ? Win32Error.ERROR_ACCESS_DENIED : HostErrors.FromErrno(e);
        }
        try
        {
            if (Directory.Exists(from))
                Directory.Move(from, to);
            else
                File.Move(from, to, replace);
            return 0;
        }
        catch (Exception e)
        {
            return HostErrors.FromException(e);
        }
    }

    /// <summary>BOOL CopyFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, BOOL bFailIfExists)</summary>
    [ShimExport("CopyFileW")]
    public static int CopyFileW(char* existingFileName, char* newFileName, int failIfExists) =>
        Copy(FileShim.Wide(existingFileName), FileShim.Wide(newFileName), failIfExists != 0 ? COPY_FILE_FAIL_IF_EXISTS : 0);

    [ShimExport("CopyFileA")]
    public static int CopyFileA(byte* existingFileName, byte* newFileName, int failIfExists) =>
        Copy(FileShim.Ansi(existingFileName), FileShim.Ansi(newFileName), failIfExists != 0 ? COPY_FILE_FAIL_IF_EXISTS : 0);

    /// <summary>
    /// BOOL CopyFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, LPPROGRESS_ROUTINE lpProgressRoutine,
    /// LPVOID lpData, LPBOOL pbCancel, DWORD dwCopyFlags) — no progress callbacks (a guest passing one is reported by
    /// the binder); COPY_FILE_FAIL_IF_EXISTS honoured, other flags accepted.
    /// </summary>
    [ShimExport("CopyFileExW")]
    public static int CopyFileExW(char* existingFileName, char* newFileName, nint progressRoutine, void* data, int* cancel, uint copyFlags)
    {
        if (cancel != null && *cancel != 0)
            return FileShim.Fail(Win32Error.ERROR_REQUEST_ABORTED);
        return Copy(FileShim.Wide(existingFileName), FileShim.Wide(newFileName), copyFlags);
    }

    /// <summary>
    /// Where a move or copy writes: a path that resolves, is not a device, and whose folder exists
    /// (ERROR_PATH_NOT_FOUND otherwise). Returns the Win32 error, or 0.
    /// </summary>
    private static int ResolveDestination(GuestFileSystem fs, string? to, out ResolvedPath target)
    {
        var error = fs.Resolve(to, out target);
        if (error != 0)
            return error;
        if (target.IsDevice)
            return Win32Error.ERROR_ACCESS_DENIED;
        return target.ParentExists ? 0 : Win32Error.ERROR_PATH_NOT_FOUND;
    }

    private static int Copy(string? from, string? to, uint flags)
    {
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(from, out var source);
        if (error != 0)
            return FileShim.Fail(error);
        if (!source.Exists)
            return FileShim.Fail(source.MissingError);
        if (source.IsDirectory || source.IsDevice)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        error = ResolveDestination(fs, to, out var target);
        if (error != 0)
            return FileShim.Fail(error);
        var sourceKey = Key(source);
        // CopyFile opens the source for reading sharing everything, the destination for writing sharing read and write
        // (Wine's test_CopyFileA, as Windows answers: an r+w source shared for reading copies, a delete-locked
        // destination does not, even when it shares deleting).
        if (OpenFile.ShareTable.WouldConflict(sourceKey, FileAccessRights.FILE_READ_DATA, ShareTable.FILE_SHARE_READ | ShareTable.FILE_SHARE_WRITE | ShareTable.FILE_SHARE_DELETE))
            return FileShim.Fail(Win32Error.ERROR_SHARING_VIOLATION);
        if (target.Exists)
        {
            if (Key(target) == sourceKey)
                return FileShim.Fail(Win32Error.ERROR_SHARING_VIOLATION);
            if ((flags & COPY_FILE_FAIL_IF_EXISTS) != 0)
                return FileShim.Fail(Win32Error.ERROR_FILE_EXISTS);
            if (target.IsDirectory || target.Stat.IsReadOnly)
                return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
            if (OpenFile.ShareTable.WouldConflict(Key(target), FileAccessRights.FILE_WRITE_DATA, ShareTable.FILE_SHARE_READ | ShareTable.FILE_SHARE_WRITE))
                return FileShim.Fail(Win32Error.ERROR_SHARING_VIOLATION);
        }
        error = CopyHostFile(source.HostPath, target.HostPath, overwrite: target.Exists);
        if (error != 0)
            return FileShim.Fail(error);
        if (!target.Exists)
            fs.CaseIndex.NoteCreated(target.HostParent, Path.GetFileName(target.HostPath));
        return 1;
    }

    /// <summary>Copies data and permissions, then the access and write times (CopyFile keeps the last-write time).</summary>
    private static int CopyHostFile(string from, string to, bool overwrite)
    {
        try
        {
            File.Copy(from, to, overwrite);
            if (Posix.Available && Posix.Stat(from, follow: true, out var stat) == 0)
                Posix.SetTimes(to, stat.AccessTime, stat.WriteTime);
            else
                File.SetLastWriteTimeUtc(to, File.GetLastWriteTimeUtc(from));
            return 0;
        }
        catch (IOException e) when (File.Exists(to) && !overwrite)
        {
            _ = e;
            return Win32Error.ERROR_FILE_EXISTS;
        }
        catch (Exception e)
        {
            return HostErrors.FromException(e);
        }
    }

    /// <summary>
    /// BOOL ReplaceFileW(LPCWSTR lpReplacedFileName, LPCWSTR lpReplacementFileName, LPCWSTR lpBackupFileName,
    /// DWORD dwReplaceFlags, LPVOID lpExclude, LPVOID lpReserved) — the replacement takes the replaced file's name
    /// (and read-only state); the replaced file becomes the backup when one is named. Missing replaced file: 2
    /// (ERROR_FILE_NOT_FOUND); missing replacement: ERROR_UNABLE_TO_MOVE_REPLACEMENT... as Windows: 2 as well.
    /// </summary>
    [ShimExport("ReplaceFileW")]
    public static int ReplaceFileW(char* replacedFileName, char* replacementFileName, char* backupFileName, uint replaceFlags, void* exclude, void* reserved)
    {
        if (replacedFileName == null || replacementFileName == null)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(FileShim.Wide(replacedFileName), out var replaced);
        if (error != 0)
            return FileShim.Fail(error);
        if (!replaced.Exists)
            return FileShim.Fail(Win32Error.ERROR_FILE_NOT_FOUND);
        error = fs.Resolve(FileShim.Wide(replacementFileName), out var replacement);
        if (error != 0)
            return FileShim.Fail(error);
        if (!replacement.Exists)
            return FileShim.Fail(Win32Error.ERROR_FILE_NOT_FOUND);
        if (replaced.IsDirectory || replacement.IsDirectory)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        if (replaced.Stat.IsReadOnly)
            return FileShim.Fail(Win32Error.ERROR_UNABLE_TO_REMOVE_REPLACED);
        if (OpenFile.ShareTable.WouldConflict(Key(replaced), FileAccessRights.DELETE | FileAccessRights.FILE_WRITE_DATA, ShareAll)
            || OpenFile.ShareTable.WouldConflict(Key(replacement), FileAccessRights.DELETE, ShareAll))
            return FileShim.Fail(Win32Error.ERROR_SHARING_VIOLATION);
        if (backupFileName != null)
        {
            error = fs.Resolve(FileShim.Wide(backupFileName), out var backup);
            if (error != 0)
                return FileShim.Fail(error);
            if (!backup.ParentExists)
                return FileShim.Fail(Win32Error.ERROR_PATH_NOT_FOUND);
            error = CopyHostFile(replaced.HostPath, backup.HostPath, overwrite: true);
            if (error != 0)
                return FileShim.Fail(Win32Error.ERROR_UNABLE_TO_REMOVE_REPLACED);
            if (!backup.Exists)
                fs.CaseIndex.NoteCreated(backup.HostParent, Path.GetFileName(backup.HostPath));
        }
        var mode = replaced.Stat.Mode & 0xFFF;
        error = Rename(replacement.HostPath, replaced.HostPath, replace: true);
        if (error != 0)
            return FileShim.Fail(Win32Error.ERROR_UNABLE_TO_MOVE_REPLACEMENT);
        if (Posix.Available)
            Posix.Chmod(replaced.HostPath, mode);
        fs.CaseIndex.NoteRemoved(replacement.HostParent, Path.GetFileName(replacement.HostPath));
        return 1;
    }
}
