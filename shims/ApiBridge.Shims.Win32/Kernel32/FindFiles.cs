using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// FindFirstFileW/A, FindFirstFileExW, FindNextFileW/A, FindClose. Contracts (Wine's file.c, Wine 8.0):
/// <c>dir\*</c> lists <c>.</c> then <c>..</c> then the entries (not in a drive root); nothing matching in an
/// existing folder: INVALID_HANDLE_VALUE with 2; a missing folder: 3; the end: FALSE with ERROR_NO_MORE_FILES (18);
/// names match case-insensitively even with FIND_FIRST_EX_CASE_SENSITIVE; <c>c:\nul</c> finds "nul".
/// Listing order is NTFS's (upper-cased ordinal); Windows does not promise one.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class FindFiles
{
    /// <summary>HANDLE FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData)</summary>
    [ShimExport("FindFirstFileW")]
    public static nint FindFirstFileW(char* fileName, WIN32_FIND_DATAW* findFileData) =>
        Start(FileShim.Wide(fileName), findFileData, null);

    [ShimExport("FindFirstFileA")]
    public static nint FindFirstFileA(byte* fileName, WIN32_FIND_DATAA* findFileData) =>
        Start(FileShim.Ansi(fileName), null, findFileData);

    /// <summary>
    /// HANDLE FindFirstFileExW(LPCWSTR lpFileName, FINDEX_INFO_LEVELS fInfoLevelId, LPVOID lpFindFileData,
    /// FINDEX_SEARCH_OPS fSearchOp, LPVOID lpSearchFilter, DWORD dwAdditionalFlags) — info levels Standard (0) and
    /// Basic (1, no short name); search ops NameMatch (0) and LimitToDirectories (1, advisory as on NTFS).
    /// </summary>
    [ShimExport("FindFirstFileExW")]
    public static nint FindFirstFileExW(char* fileName, int infoLevelId, WIN32_FIND_DATAW* findFileData, int searchOp, void* searchFilter, uint additionalFlags)
    {
        if (infoLevelId is < 0 or > 1 || searchOp is < 0 or > 1 || searchFilter != null)
        {
            LastError.Set(searchOp == 2 ? Win32Error.ERROR_NOT_SUPPORTED : Win32Error.ERROR_INVALID_PARAMETER);
            return FileShim.InvalidHandleValue;
        }
        return Start(FileShim.Wide(fileName), findFileData, null);
    }

    private static nint Start(string? name, WIN32_FIND_DATAW* wide, WIN32_FIND_DATAA* narrow)
    {
        try
        {
            var error = FindSearch.Start(GuestFileSystem.Current, name, (s, n) => FileShim.Attributes(s, n), out var search);
            if (error != 0)
            {
                LastError.Set(error);
                return FileShim.InvalidHandleValue;
            }
            if (!search.TryNext(out var first))
            {
                LastError.Set(Win32Error.ERROR_FILE_NOT_FOUND);
                return FileShim.InvalidHandleValue;
            }
            if (wide != null) Fill(first, wide);
            if (narrow != null) Fill(first, narrow);
            LastError.Set(0);
            return Bridge.Handles.Add(search);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LastError.Set(HostErrors.FromException(e));
            return FileShim.InvalidHandleValue;
        }
    }

    /// <summary>BOOL FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData)</summary>
    [ShimExport("FindNextFileW")]
    public static int FindNextFileW(nint findFile, WIN32_FIND_DATAW* findFileData)
    {
        if (!Next(findFile, out var entry))
            return 0;
        if (findFileData != null) Fill(entry, findFileData);
        return 1;
    }

    [ShimExport("FindNextFileA")]
    public static int FindNextFileA(nint findFile, WIN32_FIND_DATAA* findFileData)
    {
        if (!Next(findFile, out var entry))
            return 0;
        if (findFileData != null) Fill(entry, findFileData);
        return 1;
    }

    private static bool Next(nint handle, out FindSearch.Entry entry)
    {
        entry = default;
        if (!Bridge.Handles.TryGet<FindSearch>(handle, out var search))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return false;
        }
        if (!search.TryNext(out entry))
        {
            LastError.Set(Win32Error.ERROR_NO_MORE_FILES);
            return false;
        }
        return true;
    }

    /// <summary>BOOL FindClose(HANDLE hFindFile) — a handle that is not a live search: FALSE with ERROR_INVALID_HANDLE.</summary>
    [ShimExport("FindClose")]
    public static int FindClose(nint findFile)
    {
        if (!Bridge.Handles.TryGet<FindSearch>(findFile, out _) || !Bridge.Handles.TryRemove(findFile, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        return 1;
    }

    private static void Fill(in FindSearch.Entry entry, WIN32_FIND_DATAW* data)
    {
        *data = default;
        data->dwFileAttributes = entry.Attributes;
        data->ftCreationTime = FileShim.Time(entry.Stat.CreationTime);
        data->ftLastAccessTime = FileShim.Time(entry.Stat.AccessTime);
        data->ftLastWriteTime = FileShim.Time(entry.Stat.WriteTime);
        FileShim.Split(entry.Stat.IsDirectory ? 0 : entry.Stat.Size, out data->nFileSizeHigh, out data->nFileSizeLow);
        var name = entry.Name.Length > 259 ? entry.Name[..259] : entry.Name;
        name.AsSpan().CopyTo(new Span<char>(data->cFileName, 260));
    }

    private static void Fill(in FindSearch.Entry entry, WIN32_FIND_DATAA* data)
    {
        *data = default;
        data->dwFileAttributes = entry.Attributes;
        data->ftCreationTime = FileShim.Time(entry.Stat.CreationTime);
        data->ftLastAccessTime = FileShim.Time(entry.Stat.AccessTime);
        data->ftLastWriteTime = FileShim.Time(entry.Stat.WriteTime);
        FileShim.Split(entry.Stat.IsDirectory ? 0 : entry.Stat.Size, out data->nFileSizeHigh, out data->nFileSizeLow);
        var bytes = Encoding.UTF8.GetBytes(entry.Name);
        bytes.AsSpan(0, Math.Min(bytes.Length, 259)).CopyTo(new Span<byte>(data->cFileName, 260));
    }
}
