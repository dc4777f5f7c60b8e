using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Reading, writing and the file pointer. Contracts (Microsoft docs, Wine's file.c, Wine 8.0 runs):
/// <list type="bullet">
/// <item>The handle is checked first (ERROR_INVALID_HANDLE, even with a NULL buffer); then access (a handle
/// without read/write access: ERROR_ACCESS_DENIED); then 0-byte transfers succeed with the last error untouched.</item>
/// <item>ReadFile at or past the end: TRUE with 0 bytes. With an OVERLAPPED offset (synchronous handle) the
/// transfer is at that offset, the file pointer ends after it, and reading at/past the end is FALSE with
/// ERROR_HANDLE_EOF. Handles opened with FILE_FLAG_OVERLAPPED complete synchronously (the event is not signalled).</item>
/// <item>A pipe whose writer has gone (stdin at its end): FALSE with ERROR_BROKEN_PIPE.</item>
/// <item>FILE_APPEND_DATA without FILE_WRITE_DATA writes at the end (O_APPEND).</item>
/// <item>Seeking before the start: ERROR_NEGATIVE_SEEK; past the end is allowed and does not change the size.</item>
/// </list>
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class FileIo
{
    public const uint FILE_BEGIN = 0, FILE_CURRENT = 1, FILE_END = 2;
    public const uint INVALID_SET_FILE_POINTER = 0xFFFFFFFF, INVALID_FILE_SIZE = 0xFFFFFFFF;

    /// <summary>BOOL ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped)</summary>
    [ShimExport("ReadFile")]
    public static int ReadFile(nint file, byte* buffer, uint numberOfBytesToRead, uint* numberOfBytesRead, OVERLAPPED* overlapped)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        if (numberOfBytesRead != null)
            *numberOfBytesRead = 0;
        if (open.Kind == FileKind.Directory)
            return FileShim.Fail(Win32Error.ERROR_INVALID_FUNCTION);
        if (!open.CanRead)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        if (numberOfBytesToRead == 0)
            return 1;
        if (buffer == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var count = (int)Math.Min(numberOfBytesToRead, int.MaxValue);
        long n;
        if (overlapped != null && open.Kind == FileKind.Disk)
        {
            n = open.Host.ReadAt(buffer, count, overlapped->Position);
            if (n == 0)
            {
                overlapped->Internal = 0xC0000011; // STATUS_END_OF_FILE
                overlapped->InternalHigh = 0;
                return FileShim.Fail(Win32Error.ERROR_HANDLE_EOF);
            }
        }
        else
            n = open.Host.Read(buffer, count, untilFull: open.Kind == FileKind.Disk);
        if (n < 0)
            return FileShim.Fail((int)-n);
        if (n == 0 && open.Kind == FileKind.Pipe)
            return FileShim.Fail(Win32Error.ERROR_BROKEN_PIPE);
        if (overlapped != null)
        {
            overlapped->Internal = 0;
            overlapped->InternalHigh = (nuint)n;
        }
        if (numberOfBytesRead != null)
            *numberOfBytesRead = (uint)n;
        return 1;
    }

    /// <summary>BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped)</summary>
    [ShimExport("WriteFile")]
    public static int WriteFile(nint file, byte* buffer, uint numberOfBytesToWrite, uint* numberOfBytesWritten, OVERLAPPED* overlapped)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        if (numberOfBytesWritten != null)
            *numberOfBytesWritten = 0;
        if (open.Kind == FileKind.Directory)
            return FileShim.Fail(Win32Error.ERROR_INVALID_FUNCTION);
        if (!open.CanWrite)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        if (numberOfBytesToWrite == 0)
            return 1;
        if (buffer == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var count = (int)Math.Min(numberOfBytesToWrite, int.MaxValue);
        var n = overlapped != null && open.Kind == FileKind.Disk && overlapped->Position >= 0
                && (open.Access & FileAccessRights.FILE_WRITE_DATA) != 0
            ? open.Host.WriteAt(buffer, count, overlapped->Position)
            : open.Host.Write(buffer, count);
        if (n < 0)
            return FileShim.Fail((int)-n);
        if (overlapped != null)
        {
            overlapped->Internal = 0;
            overlapped->InternalHigh = (nuint)n;
        }
        if (numberOfBytesWritten != null)
            *numberOfBytesWritten = (uint)n;
        return 1;
    }

    /// <summary>BOOL SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove, PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod)</summary>
    [ShimExport("SetFilePointerEx")]
    public static int SetFilePointerEx(nint file, long distanceToMove, long* newFilePointer, uint moveMethod)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        var position = Seek(open, distanceToMove, moveMethod);
        if (position < 0)
            return FileShim.Fail((int)-position);
        if (newFilePointer != null)
            *newFilePointer = position;
        return 1;
    }

    /// <summary>
    /// DWORD SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh, DWORD dwMoveMethod) —
    /// the low 32 bits of the new position (the high ones through lpDistanceToMoveHigh); on failure
    /// INVALID_SET_FILE_POINTER with the error (a success whose low part is 0xFFFFFFFF sets NO_ERROR).
    /// </summary>
    [ShimExport("SetFilePointer")]
    public static uint SetFilePointer(nint file, int distanceToMove, int* distanceToMoveHigh, uint moveMethod)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return INVALID_SET_FILE_POINTER;
        long distance = distanceToMoveHigh != null ? ((long)*distanceToMoveHigh << 32) | (uint)distanceToMove : distanceToMove;
        var position = Seek(open, distance, moveMethod);
        if (position < 0)
        {
            LastError.Set((int)-position);
            return INVALID_SET_FILE_POINTER;
        }
        if (distanceToMoveHigh != null)
            *distanceToMoveHigh = (int)(position >> 32);
        else if (position > uint.MaxValue)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return INVALID_SET_FILE_POINTER;
        }
        if ((uint)position == INVALID_SET_FILE_POINTER)
            LastError.Set(0);
        return (uint)position;
    }

    private static long Seek(OpenFile open, long distance, uint method)
    {
        if (method > FILE_END)
            return -Win32Error.ERROR_INVALID_PARAMETER;
        if (open.Kind is FileKind.Pipe or FileKind.Character)
            return open.Kind == FileKind.Character ? 0 : -Win32Error.ERROR_INVALID_FUNCTION;
        return open.Host.Seek(distance, (int)method);
    }

    /// <summary>DWORD GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh) — INVALID_FILE_SIZE with an error on failure.</summary>
    [ShimExport("GetFileSize")]
    public static uint GetFileSize(nint file, uint* fileSizeHigh)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return INVALID_FILE_SIZE;
        var error = open.Host.Stat(out var stat);
        if (error != 0)
        {
            LastError.Set(error);
            return INVALID_FILE_SIZE;
        }
        var size = open.Kind == FileKind.Disk ? stat.Size : 0;
        if (fileSizeHigh != null)
            *fileSizeHigh = (uint)((ulong)size >> 32);
        if ((uint)size == INVALID_FILE_SIZE)
            LastError.Set(0);
        return (uint)size;
    }

    /// <summary>BOOL GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)</summary>
    [ShimExport("GetFileSizeEx")]
    public static int GetFileSizeEx(nint file, long* fileSize)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        var error = open.Host.Stat(out var stat);
        if (error != 0)
            return FileShim.Fail(error);
        if (fileSize == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *fileSize = open.Kind == FileKind.Disk ? stat.Size : 0;
        return 1;
    }

    /// <summary>BOOL SetEndOfFile(HANDLE hFile) — the size becomes the file pointer (truncating, or extending with zeros).</summary>
    [ShimExport("SetEndOfFile")]
    public static int SetEndOfFile(nint file)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        if (open.Kind != FileKind.Disk)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if ((open.Access & FileAccessRights.FILE_WRITE_DATA) == 0)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        var position = open.Host.Seek(0, (int)FILE_CURRENT);
        if (position < 0)
            return FileShim.Fail((int)-position);
        var error = open.Host.SetLength(position);
        return error == 0 ? 1 : FileShim.Fail(error);
    }

    /// <summary>BOOL FlushFileBuffers(HANDLE hFile) — needs write access (ERROR_ACCESS_DENIED otherwise).</summary>
    [ShimExport("FlushFileBuffers")]
    public static int FlushFileBuffers(nint file)
    {
        if (!FileShim.TryGetFile(file, out var open))
            return 0;
        if (!open.CanWrite)
            return FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
        var error = open.Host.Flush();
        return error == 0 ? 1 : FileShim.Fail(error);
    }
}
