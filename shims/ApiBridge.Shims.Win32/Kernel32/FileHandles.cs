using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Opening and closing files: CreateFileW/A, CloseHandle, GetFileType.
/// <para>
/// Handle values: on a Linux host a file handle's value IS the host descriptor (registered in
/// <see cref="Bridge.Handles"/> at that value), so a guest that wraps it in <c>new SafeFileHandle(h, true)</c> and
/// hands it to <c>FileStream</c> reads and writes the same open file; ReadFile/WriteFile/SetFilePointer use
/// read/write/lseek, so FileStream starts at the position ReadFile left. Find handles and other objects get
/// table-allocated values (from 0x10000). On a Windows host the value is the real Windows handle from
/// File.OpenHandle.
/// </para>
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class FileHandles
{
    /// <summary>
    /// HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, LPSECURITY_ATTRIBUTES
    /// lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
    /// </summary>
    [ShimExport("CreateFileW")]
    public static nint CreateFileW(char* fileName, uint desiredAccess, uint shareMode, nint securityAttributes,
        uint creationDisposition, uint flagsAndAttributes, nint templateFile) =>
        Create(FileShim.Wide(fileName), desiredAccess, shareMode, creationDisposition, flagsAndAttributes);

    /// <summary>HANDLE CreateFileA(LPCSTR …) — the name in UTF-8.</summary>
    [ShimExport("CreateFileA")]
    public static nint CreateFileA(byte* fileName, uint desiredAccess, uint shareMode, nint securityAttributes,
        uint creationDisposition, uint flagsAndAttributes, nint templateFile) =>
        Create(FileShim.Ansi(fileName), desiredAccess, shareMode, creationDisposition, flagsAndAttributes);

    internal static nint Create(string? name, uint desiredAccess, uint shareMode, uint disposition, uint flagsAndAttributes)
    {
        try
        {
            var file = FileOpener.Open(GuestFileSystem.Current, name, desiredAccess, shareMode, disposition, flagsAndAttributes,
                out var error, out var lastError);
            if (file is null)
            {
                LastError.Set(error);
                return FileShim.InvalidHandleValue;
            }
            LastError.Set(lastError);
            return OpenFile.Register(file);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LastError.Set(HostErrors.FromException(e));
            return FileShim.InvalidHandleValue;
        }
    }

    /// <summary>
    /// BOOL CloseHandle(HANDLE hObject) — any object in the bridge's handle table (files, find handles, and other
    /// families' IDisposable objects); the pseudo-handles -1 and -2 succeed without doing anything; anything else
    /// (closed, bogus, NULL, or protected with HANDLE_FLAG_PROTECT_FROM_CLOSE) is FALSE with ERROR_INVALID_HANDLE.
    /// </summary>
    [ShimExport("CloseHandle")]
    public static int CloseHandle(nint handle)
    {
        if (handle == -1 || handle == -2)
            return 1;
        if (HandleDuplication.IsProtected(handle) || !Bridge.Handles.TryRemove(handle, out var target))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        StandardHandles.Forget(handle);
        ConsoleModes.Forget(handle);
        ConsoleInput.Forget(handle);
        (target as IDisposable)?.Dispose();
        return 1;
    }

    public const uint FILE_TYPE_UNKNOWN = 0, FILE_TYPE_DISK = 1, FILE_TYPE_CHAR = 2, FILE_TYPE_PIPE = 3;

    /// <summary>DWORD GetFileType(HANDLE hFile) — DISK, CHAR (NUL, terminals), PIPE; UNKNOWN with ERROR_INVALID_HANDLE otherwise.</summary>
    [ShimExport("GetFileType")]
    public static uint GetFileType(nint file)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return FILE_TYPE_UNKNOWN;
        LastError.Set(0);
        return open.Kind switch
        {
            FileKind.Disk or FileKind.Directory => FILE_TYPE_DISK,
            FileKind.Character => FILE_TYPE_CHAR,
            _ => FILE_TYPE_PIPE,
        };
    }
}
