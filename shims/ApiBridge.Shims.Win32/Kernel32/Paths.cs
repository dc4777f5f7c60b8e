using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Path functions: GetFullPathNameW/A, GetLongPathNameW, GetTempPathW, GetTempPath2W, GetTempFileNameW,
/// GetFinalPathNameByHandleW, GetWindowsDirectoryW, GetSystemDirectoryW. Every path returned is a Windows path
/// (drive letters upper-case). Buffer convention: length without the terminator when it fits, else the size
/// needed including it with the buffer untouched.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class Paths
{
    private const int MAX_PATH = 260;

    /// <summary>DWORD GetFullPathNameW(LPCWSTR lpFileName, DWORD nBufferLength, LPWSTR lpBuffer, LPWSTR *lpFilePart)</summary>
    [ShimExport("GetFullPathNameW")]
    public static uint GetFullPathNameW(char* fileName, uint bufferLength, char* buffer, char** filePart)
    {
        var full = FullPath(FileShim.Wide(fileName));
        if (full is null)
            return 0;
        var result = FileShim.CopyOut(full, buffer, bufferLength);
        if (filePart != null && result == full.Length)
        {
            var slash = full.LastIndexOf('\\');
            *filePart = slash == full.Length - 1 ? null : buffer + slash + 1;
        }
        return result;
    }

    /// <summary>DWORD GetFullPathNameA(LPCSTR lpFileName, DWORD nBufferLength, LPSTR lpBuffer, LPSTR *lpFilePart) — UTF-8.</summary>
    [ShimExport("GetFullPathNameA")]
    public static uint GetFullPathNameA(byte* fileName, uint bufferLength, byte* buffer, byte** filePart)
    {
        var full = FullPath(FileShim.Ansi(fileName));
        if (full is null)
            return 0;
        var result = FileShim.CopyOut(full, buffer, bufferLength);
        if (filePart != null && buffer != null && result < bufferLength)
        {
            var slash = System.Text.Encoding.UTF8.GetByteCount(full[..(full.LastIndexOf('\\') + 1)]);
            *filePart = slash == result ? null : buffer + slash;
        }
        return result;
    }

    private static string? FullPath(string? name)
    {
        if (name is null)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return null;
        }
        if (name.Length == 0)
        {
            LastError.Set(Win32Error.ERROR_INVALID_NAME);
            return null;
        }
        var error = GuestFileSystem.Current.Normalize(name, out var path);
        if (error != 0)
        {
            LastError.Set(error);
            return null;
        }
        return path.Literal ?? path.ToString();
    }

    /// <summary>
    /// DWORD GetLongPathNameW(LPCWSTR lpszShortPath, LPWSTR lpszLongPath, DWORD cchBuffer) — there are no 8.3 names
    /// here, so an existing path comes back with each name in its on-disk spelling (as Wine 8.0 answers; separators,
    /// dots and relative parts kept); NULL 87, "" 3, wildcards 123, missing 2/3.
    /// </summary>
    [ShimExport("GetLongPathNameW")]
    public static uint GetLongPathNameW(char* shortPath, char* longPath, uint bufferLength)
    {
        var name = FileShim.Wide(shortPath);
        if (name is null)
            return (uint)FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if (name.Length == 0)
            return (uint)FileShim.Fail(Win32Error.ERROR_PATH_NOT_FOUND);
        if (WindowsPathSyntax.HasWildcard(name))
            return (uint)FileShim.Fail(Win32Error.ERROR_INVALID_NAME);
        var error = GuestFileSystem.Current.Resolve(name, out var resolved);
        if (error != 0)
            return (uint)FileShim.Fail(error);
        if (!resolved.Exists)
            return (uint)FileShim.Fail(resolved.MissingError);
        return FileShim.CopyOut(LongForm(GuestFileSystem.Current, name), longPath, bufferLength);
    }

    /// <summary>The input with each name component in its on-disk spelling (separators, dots and the drive kept).</summary>
    private static string LongForm(GuestFileSystem fs, string input)
    {
        var result = new System.Text.StringBuilder(input.Length);
        var start = 0;
        for (var i = 0; i <= input.Length; i++)
        {
            if (i < input.Length && !WindowsPathSyntax.IsSeparator(input[i]))
                continue;
            var token = input[start..i];
            if (token.Length > 0 && token != "." && token != ".." && !(token.Length == 2 && token[1] == ':')
                && fs.Resolve(input[..i], out var part) == 0 && part.Exists && !part.IsDevice)
            {
                var actual = Path.GetFileName(part.HostPath);
                token = actual.Equals(token, StringComparison.OrdinalIgnoreCase) ? actual : token;
            }
            result.Append(token);
            if (i < input.Length)
                result.Append(input[i]);
            start = i + 1;
        }
        return result.ToString();
    }

    /// <summary>DWORD GetShortPathNameW(LPCWSTR lpszLongPath, LPWSTR lpszShortPath, DWORD cchBuffer) — long names are their own short names here.</summary>
    [ShimExport("GetShortPathNameW")]
    public static uint GetShortPathNameW(char* longPath, char* shortPath, uint bufferLength) => GetLongPathNameW(longPath, shortPath, bufferLength);

    /// <summary>
    /// DWORD GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer) — TMP, else TEMP, else USERPROFILE, else the Windows
    /// folder (the prefix's values when the host sets none), made absolute, ending with <c>\</c>.
    /// </summary>
    [ShimExport("GetTempPathW")]
    public static uint GetTempPathW(uint bufferLength, char* buffer) => FileShim.CopyOut(TempPath(), buffer, bufferLength);

    /// <summary>DWORD GetTempPath2W(DWORD BufferLength, LPWSTR Buffer) — as GetTempPathW (the SYSTEM-account case does not arise).</summary>
    [ShimExport("GetTempPath2W")]
    public static uint GetTempPath2W(uint bufferLength, char* buffer) => FileShim.CopyOut(TempPath(), buffer, bufferLength);

    [ShimExport("GetTempPathA")]
    public static uint GetTempPathA(uint bufferLength, byte* buffer) => FileShim.CopyOut(TempPath(), buffer, bufferLength);

    internal static string TempPath()
    {
        var fs = GuestFileSystem.Current;
        foreach (var variable in new[] { "TMP", "TEMP", "USERPROFILE" })
        {
            var value = fs.EnvironmentValue(variable);
            if (string.IsNullOrEmpty(value))
                continue;
            if (value.StartsWith('/'))
                value = fs.ToWindowsOrUnix(value);
            if (fs.Normalize(value, out var path) == 0 && path.Device is null)
                return path.ToFolderString().TrimEnd('\\') + "\\";
        }
        return fs.WindowsDirectory + "\\";
    }

    /// <summary>
    /// UINT GetTempFileNameW(LPCWSTR lpPathName, LPCWSTR lpPrefixString, UINT uUnique, LPWSTR lpTempFileName) —
    /// <c>path\PRE&lt;hex&gt;.tmp</c> (first three prefix characters); uUnique ≠ 0 only builds the name and returns
    /// uUnique; 0 creates a new empty file with a free number and returns it; a missing folder: ERROR_DIRECTORY.
    /// </summary>
    [ShimExport("GetTempFileNameW")]
    public static uint GetTempFileNameW(char* pathName, char* prefixString, uint unique, char* tempFileName)
    {
        var folder = FileShim.Wide(pathName);
        if (folder is null || tempFileName == null)
            return (uint)FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var error = TempFileName(folder, FileShim.Wide(prefixString) ?? string.Empty, unique, out var name, out var number);
        if (error != 0)
            return (uint)FileShim.Fail(error);
        return Write(name, tempFileName) ? number : 0;
    }

    /// <summary>
    /// GetTempFileNameW's work with strings: the name <c>folder\PRE&lt;hex&gt;.tmp</c> and its number; with
    /// <paramref name="unique"/> 0 the file is created (empty, a free number). Returns 0 or the Win32 error.
    /// </summary>
    internal static int TempFileName(string folder, string prefix, uint unique, out string name, out uint number)
    {
        name = string.Empty;
        number = 0;
        if (prefix.Length > 3)
            prefix = prefix[..3];
        var fs = GuestFileSystem.Current;
        var error = fs.Resolve(folder, out var resolved);
        if (error != 0 || !resolved.Exists || !resolved.IsDirectory)
            return Win32Error.ERROR_DIRECTORY;
        var stem = folder.Length > 0 && !WindowsPathSyntax.IsSeparator(folder[^1]) ? folder + "\\" + prefix : folder + prefix;

        string Name(uint n) => stem + (n & 0xFFFF).ToString("X") + ".tmp";

        if (unique != 0)
        {
            name = Name(unique);
            number = unique;
            return 0;
        }

        var start = (uint)Random.Shared.Next(1, 0x10000);
        for (uint i = 0; i < 0xFFFF; i++)
        {
            var candidate = (start + i) % 0xFFFF + 1;
            var file = FileOpener.Open(fs, Name(candidate), FileAccessRights.GENERIC_WRITE, 0, FileOpener.CREATE_NEW, 0x80, out error, out _);
            if (file is not null)
            {
                file.Dispose();
                name = Name(candidate);
                number = candidate;
                return 0;
            }
            if (error != Win32Error.ERROR_FILE_EXISTS && error != Win32Error.ERROR_ALREADY_EXISTS)
                return error;
        }
        return Win32Error.ERROR_FILE_EXISTS;
    }

    private static bool Write(string name, char* buffer)
    {
        if (name.Length >= MAX_PATH)
        {
            LastError.Set(Win32Error.ERROR_BUFFER_OVERFLOW);
            return false;
        }
        FileShim.CopyOut(name, buffer, MAX_PATH);
        return true;
    }

    public const uint VOLUME_NAME_DOS = 0, VOLUME_NAME_GUID = 1, VOLUME_NAME_NT = 2, VOLUME_NAME_NONE = 4;

    /// <summary>
    /// DWORD GetFinalPathNameByHandleW(HANDLE hFile, LPWSTR lpszFilePath, DWORD cchFilePath, DWORD dwFlags) —
    /// VOLUME_NAME_DOS gives <c>\\?\C:\dir\file</c> (the names as they are on disk), VOLUME_NAME_NONE
    /// <c>\dir\file</c>; GUID and NT volume names are not supported (ERROR_NOT_SUPPORTED).
    /// </summary>
    [ShimExport("GetFinalPathNameByHandleW")]
    public static uint GetFinalPathNameByHandleW(nint file, char* filePath, uint bufferLength, uint flags)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        var volume = flags & 0x7;
        if ((flags & ~0xFu) != 0 || volume is VOLUME_NAME_GUID or VOLUME_NAME_NT)
            return (uint)FileShim.Fail(volume is VOLUME_NAME_GUID or VOLUME_NAME_NT ? Win32Error.ERROR_NOT_SUPPORTED : Win32Error.ERROR_INVALID_PARAMETER);
        var windows = GuestFileSystem.Current.ToWindows(open.HostPath);
        if (windows is null || open.Kind is FileKind.Pipe or FileKind.Character)
            return (uint)FileShim.Fail(Win32Error.ERROR_INVALID_FUNCTION);
        var path = volume == VOLUME_NAME_NONE ? windows[2..] : @"\\?\" + windows;
        return FileShim.CopyOut(path, filePath, bufferLength);
    }

    /// <summary>UINT GetWindowsDirectoryW(LPWSTR lpBuffer, UINT uSize)</summary>
    [ShimExport("GetWindowsDirectoryW")]
    public static uint GetWindowsDirectoryW(char* buffer, uint size) => FileShim.CopyOut(GuestFileSystem.Current.WindowsDirectory, buffer, size);

    /// <summary>UINT GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize)</summary>
    [ShimExport("GetSystemDirectoryW")]
    public static uint GetSystemDirectoryW(char* buffer, uint size) => FileShim.CopyOut(GuestFileSystem.Current.SystemDirectory, buffer, size);
}
