using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Attributes and times: GetFileAttributesW/A, GetFileAttributesExW/A, SetFileAttributesW/A, GetFileTime,
/// SetFileTime, GetFileInformationByHandle. Attributes as Wine shows them: DIRECTORY for folders, ARCHIVE for files,
/// READONLY when the owner may not write (SetFileAttributesW(READONLY) clears the write bits, clearing it gives
/// the owner write again), HIDDEN for dot-files; other attributes are accepted and not kept.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class FileInformation
{
    public const uint INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF;

    /// <summary>DWORD GetFileAttributesW(LPCWSTR lpFileName) — INVALID_FILE_ATTRIBUTES with 2 (missing) or 3 (a folder on the way missing).</summary>
    [ShimExport("GetFileAttributesW")]
    public static uint GetFileAttributesW(char* fileName) => GetAttributes(FileShim.Wide(fileName));

    [ShimExport("GetFileAttributesA")]
    public static uint GetFileAttributesA(byte* fileName) => GetAttributes(FileShim.Ansi(fileName));

    private static uint GetAttributes(string? name)
    {
        var error = Lookup(name, out var resolved, out var attributes);
        if (error != 0)
        {
            LastError.Set(error);
            return INVALID_FILE_ATTRIBUTES;
        }
        return attributes;
    }

    /// <summary>GetFileAttributesW's answer for a guest path, or its Win32 error (also for the managed view's File.GetAttributes).</summary>
    internal static int Lookup(string? name, out ResolvedPath resolved, out uint attributes)
    {
        attributes = 0;
        var error = GuestFileSystem.Current.Resolve(name, out resolved);
        if (error != 0)
            return error;
        if (resolved.IsDevice)
        {
            attributes = FileShim.FILE_ATTRIBUTE_ARCHIVE;
            return 0;
        }
        if (!resolved.Exists)
            return resolved.MissingError;
        if (resolved.Guest.TrailingSeparator && !resolved.IsDirectory)
            return Win32Error.ERROR_INVALID_NAME;
        attributes = FileShim.Attributes(resolved.Stat, Path.GetFileName(resolved.HostPath.AsSpan()));
        return 0;
    }

    /// <summary>BOOL GetFileAttributesExW(LPCWSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId, LPVOID lpFileInformation) — level 0 only.</summary>
    [ShimExport("GetFileAttributesExW")]
    public static int GetFileAttributesExW(char* fileName, int infoLevelId, WIN32_FILE_ATTRIBUTE_DATA* fileInformation) =>
        GetAttributesEx(FileShim.Wide(fileName), infoLevelId, fileInformation);

    [ShimExport("GetFileAttributesExA")]
    public static int GetFileAttributesExA(byte* fileName, int infoLevelId, WIN32_FILE_ATTRIBUTE_DATA* fileInformation) =>
        GetAttributesEx(FileShim.Ansi(fileName), infoLevelId, fileInformation);

    private static int GetAttributesEx(string? name, int level, WIN32_FILE_ATTRIBUTE_DATA* data)
    {
        if (level != 0)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var error = Lookup(name, out var resolved, out var attributes);
        if (error != 0)
            return FileShim.Fail(error);
        if (data == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var stat = resolved.Stat;
        data->dwFileAttributes = attributes;
        data->ftCreationTime = FileShim.Time(stat.CreationTime);
        data->ftLastAccessTime = FileShim.Time(stat.AccessTime);
        data->ftLastWriteTime = FileShim.Time(stat.WriteTime);
        var size = stat.IsDirectory ? 0 : stat.Size;
        FileShim.Split(size, out data->nFileSizeHigh, out data->nFileSizeLow);
        return 1;
    }

    /// <summary>BOOL SetFileAttributesW(LPCWSTR lpFileName, DWORD dwFileAttributes)</summary>
    [ShimExport("SetFileAttributesW")]
    public static int SetFileAttributesW(char* fileName, uint fileAttributes) => SetAttributes(FileShim.Wide(fileName), fileAttributes);

    [ShimExport("SetFileAttributesA")]
    public static int SetFileAttributesA(byte* fileName, uint fileAttributes) => SetAttributes(FileShim.Ansi(fileName), fileAttributes);

    private static int SetAttributes(string? name, uint attributes)
    {
        var error = GuestFileSystem.Current.Resolve(name, out var resolved);
        if (error != 0)
            return FileShim.Fail(error);
        if (resolved.IsDevice)
            return 1;
        if (!resolved.Exists)
            return FileShim.Fail(resolved.MissingError);
        if (resolved.IsDirectory)
            return 1;
        var mode = resolved.Stat.Mode & 0xFFF;
        var wanted = (attributes & FileShim.FILE_ATTRIBUTE_READONLY) != 0 ? mode & ~0x92 : mode | 0x80;
        if (wanted == mode)
            return 1;
        if (Posix.Available)
        {
            var e = Posix.Chmod(resolved.HostPath, wanted);
            return e == 0 ? 1 : FileShim.Fail(HostErrors.FromErrno(e));
        }
        try
        {
            var info = new FileInfo(resolved.HostPath);
            info.IsReadOnly = (attributes & FileShim.FILE_ATTRIBUTE_READONLY) != 0;
            return 1;
        }
        catch (Exception e)
        {
            return FileShim.Fail(HostErrors.FromException(e));
        }
    }

    /// <summary>BOOL GetFileTime(HANDLE hFile, LPFILETIME lpCreationTime, LPFILETIME lpLastAccessTime, LPFILETIME lpLastWriteTime)</summary>
    [ShimExport("GetFileTime")]
    public static int GetFileTime(nint file, FILETIME* creationTime, FILETIME* lastAccessTime, FILETIME* lastWriteTime)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        var error = open.Host.Stat(out var stat);
        if (error != 0)
            return FileShim.Fail(error);
        if (creationTime != null) *creationTime = FileShim.Time(stat.CreationTime);
        if (lastAccessTime != null) *lastAccessTime = FileShim.Time(stat.AccessTime);
        if (lastWriteTime != null) *lastWriteTime = FileShim.Time(stat.WriteTime);
        return 1;
    }

    /// <summary>
    /// BOOL SetFileTime(HANDLE hFile, const FILETIME *lpCreationTime, const FILETIME *lpLastAccessTime, const FILETIME *lpLastWriteTime)
    /// — NULL, 0 and 0xFFFFFFFF'FFFFFFFF leave a time alone; the creation time cannot be set on this host (ignored).
    /// Needs FILE_WRITE_ATTRIBUTES.
    /// </summary>
    [ShimExport("SetFileTime")]
    public static int SetFileTime(nint file, FILETIME* creationTime, FILETIME* lastAccessTime, FILETIME* lastWriteTime)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        if ((open.Access & FileAccessRights.FILE_WRITE_ATTRIBUTES) == 0)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        var access = Given(lastAccessTime);
        var write = Given(lastWriteTime);
        if (access is null && write is null)
            return 1;
        var error = open.Host.SetTimes(access, write);
        if (error == Win32Error.ERROR_INVALID_HANDLE && Posix.Available)
            error = HostErrors.FromErrno(Posix.SetTimes(open.HostPath, access, write)); // opened for attributes only (O_PATH)
        return error == 0 ? 1 : FileShim.Fail(error);
    }

    private static long? Given(FILETIME* time)
    {
        if (time == null)
            return null;
        var value = time->Value;
        return value == 0 || value == ulong.MaxValue ? null : (long)value;
    }

    /// <summary>BOOL GetFileInformationByHandle(HANDLE hFile, LPBY_HANDLE_FILE_INFORMATION lpFileInformation)</summary>
    [ShimExport("GetFileInformationByHandle")]
    public static int GetFileInformationByHandle(nint file, BY_HANDLE_FILE_INFORMATION* information)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        var error = open.Host.Stat(out var stat);
        if (error != 0)
            return FileShim.Fail(error);
        if (information == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        information->dwFileAttributes = FileShim.Attributes(stat, Path.GetFileName(open.HostPath));
        information->ftCreationTime = FileShim.Time(stat.CreationTime);
        information->ftLastAccessTime = FileShim.Time(stat.AccessTime);
        information->ftLastWriteTime = FileShim.Time(stat.WriteTime);
        information->dwVolumeSerialNumber = (uint)(stat.Device ^ (stat.Device >> 32));
        FileShim.Split(stat.IsDirectory ? 0 : stat.Size, out information->nFileSizeHigh, out information->nFileSizeLow);
        information->nNumberOfLinks = stat.Links;
        information->nFileIndexHigh = (uint)(stat.Inode >> 32);
        information->nFileIndexLow = (uint)stat.Inode;
        return 1;
    }
}
