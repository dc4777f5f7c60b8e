using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Folders and the current folder. Contracts (Wine's directory.c, Wine 8.0): CreateDirectoryW on an existing name
/// (any case, also <c>.</c>/<c>..</c>) 183, NULL/"" 3, wildcards 123, missing parent 3, trailing dots and spaces
/// stripped; RemoveDirectoryW of a non-empty folder 145, of a file 267, of the current folder 32;
/// SetCurrentDirectoryW of a missing folder 2 (last component) or 3; GetCurrentDirectoryW without a trailing
/// <c>\</c> except at a root, too-small buffer → size needed with the terminator, buffer untouched.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class Directories
{
    /// <summary>BOOL CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)</summary>
    [ShimExport("CreateDirectoryW")]
    public static int CreateDirectoryW(char* pathName, nint securityAttributes) => Create(FileShim.Wide(pathName));

    [ShimExport("CreateDirectoryA")]
    public static int CreateDirectoryA(byte* pathName, nint securityAttributes) => Create(FileShim.Ansi(pathName));

    private static int Create(string? name)
    {
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(name, out var resolved);
        if (error != 0)
            return FileShim.Fail(error);
        if (resolved.IsDevice || resolved.Exists)
            return FileShim.Fail(resolved.IsDevice ? Win32Error.ERROR_INVALID_NAME : Win32Error.ERROR_ALREADY_EXISTS);
        if (!resolved.ParentExists)
            return FileShim.Fail(Win32Error.ERROR_PATH_NOT_FOUND);
        if (Posix.Available)
        {
            var e = Posix.CreateDirectory(resolved.HostPath);
            if (e != 0)
                return FileShim.Fail(e == Posix.ENOENT ? Win32Error.ERROR_PATH_NOT_FOUND : HostErrors.FromErrno(e));
        }
        else
        {
            try
            {
                Directory.CreateDirectory(resolved.HostPath);
            }
            catch (Exception e)
            {
                return FileShim.Fail(HostErrors.FromException(e));
            }
        }
        fs.CaseIndex.NoteCreated(resolved.HostParent, Path.GetFileName(resolved.HostPath));
        return 1;
    }

    /// <summary>BOOL RemoveDirectoryW(LPCWSTR lpPathName)</summary>
    [ShimExport("RemoveDirectoryW")]
    public static int RemoveDirectoryW(char* pathName) => Remove(FileShim.Wide(pathName));

    [ShimExport("RemoveDirectoryA")]
    public static int RemoveDirectoryA(byte* pathName) => Remove(FileShim.Ansi(pathName));

    private static int Remove(string? name)
    {
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(name, out var resolved);
        if (error != 0)
            return FileShim.Fail(error);
        if (resolved.IsDevice)
            return FileShim.Fail(Win32Error.ERROR_DIRECTORY);
        if (!resolved.Exists)
            return FileShim.Fail(resolved.MissingError);
        if (!resolved.IsDirectory)
            return FileShim.Fail(Win32Error.ERROR_DIRECTORY);
        if (resolved.Guest.IsRoot)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        if (fs.Resolve(fs.CurrentDirectory, out var current) == 0 && current.Exists && current.Stat.Device == resolved.Stat.Device
            && current.Stat.Inode == resolved.Stat.Inode)
            return FileShim.Fail(Win32Error.ERROR_SHARING_VIOLATION);
        if (OpenFile.ShareTable.WouldConflict(FileManagement.Key(resolved), FileAccessRights.DELETE,
                ShareTable.FILE_SHARE_READ | ShareTable.FILE_SHARE_WRITE | ShareTable.FILE_SHARE_DELETE))
            return FileShim.Fail(Win32Error.ERROR_SHARING_VIOLATION);
        if (Posix.Available)
        {
            var e = Posix.RemoveDirectory(resolved.HostPath);
            if (e != 0)
                return FileShim.Fail(e == Posix.EEXIST ? Win32Error.ERROR_DIR_NOT_EMPTY : HostErrors.FromErrno(e));
        }
        else
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(resolved.HostPath).Any())
                    return FileShim.Fail(Win32Error.ERROR_DIR_NOT_EMPTY);
                Directory.Delete(resolved.HostPath);
            }
            catch (Exception e)
            {
                return FileShim.Fail(HostErrors.FromException(e));
            }
        }
        fs.CaseIndex.NoteRemoved(resolved.HostParent, Path.GetFileName(resolved.HostPath));
        return 1;
    }

    /// <summary>DWORD GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer)</summary>
    [ShimExport("GetCurrentDirectoryW")]
    public static uint GetCurrentDirectoryW(uint bufferLength, char* buffer) =>
        FileShim.CopyOut(GuestFileSystem.Current.CurrentDirectory.ToFolderString(), buffer, bufferLength);

    [ShimExport("GetCurrentDirectoryA")]
    public static uint GetCurrentDirectoryA(uint bufferLength, byte* buffer) =>
        FileShim.CopyOut(GuestFileSystem.Current.CurrentDirectory.ToFolderString(), buffer, bufferLength);

    /// <summary>BOOL SetCurrentDirectoryW(LPCWSTR lpPathName)</summary>
    [ShimExport("SetCurrentDirectoryW")]
    public static int SetCurrentDirectoryW(char* pathName) => SetCurrent(FileShim.Wide(pathName));

    [ShimExport("SetCurrentDirectoryA")]
    public static int SetCurrentDirectoryA(byte* pathName) => SetCurrent(FileShim.Ansi(pathName));

    private static int SetCurrent(string? name)
    {
        if (name is null)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var error = GuestFileSystem.Current.SetCurrentDirectory(name);
        return error == 0 ? 1 : FileShim.Fail(error);
    }
}
