using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The overlapped-I/O calls, over file I/O that always completes before ReadFile/WriteFile return (they fill the
/// OVERLAPPED's Internal status and InternalHigh byte count as Windows does for a synchronous handle):
/// GetOverlappedResult reads that result back; CancelIoEx and CancelSynchronousIo find nothing pending
/// (ERROR_NOT_FOUND, Windows' answer when there is no request to cancel); SetFileCompletionNotificationModes
/// accepts its modes, there being no completion port to notify.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class AsyncIo
{
    private const nuint STATUS_SUCCESS = 0, STATUS_PENDING = 0x103, STATUS_END_OF_FILE = 0xC0000011;

    /// <summary>BOOL GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped, LPDWORD lpNumberOfBytesTransferred, BOOL bWait)</summary>
    [ShimExport("GetOverlappedResult")]
    public static int GetOverlappedResult(nint file, OVERLAPPED* overlapped, uint* bytesTransferred, int wait)
    {
        if (!FileShim.TryGetFile(file, out _))
            return 0;
        if (overlapped == null)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if (overlapped->Internal == STATUS_PENDING)
            return FileShim.Fail(Win32Error.ERROR_IO_INCOMPLETE);
        if (bytesTransferred != null)
            *bytesTransferred = (uint)overlapped->InternalHigh;
        return overlapped->Internal switch
        {
            STATUS_SUCCESS => 1,
            STATUS_END_OF_FILE => FileShim.Fail(Win32Error.ERROR_HANDLE_EOF),
            _ => FileShim.Fail(Win32Error.ERROR_GEN_FAILURE),
        };
    }

    /// <summary>BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)</summary>
    [ShimExport("CancelIoEx")]
    public static int CancelIoEx(nint file, OVERLAPPED* overlapped) =>
        FileShim.TryGetFile(file, out _) ? FileShim.Fail(Win32Error.ERROR_NOT_FOUND) : 0;

    /// <summary>BOOL CancelIo(HANDLE hFile) — nothing is pending, so nothing to cancel: TRUE.</summary>
    [ShimExport("CancelIo")]
    public static int CancelIo(nint file) => FileShim.TryGetFile(file, out _) ? 1 : 0;

    /// <summary>BOOL CancelSynchronousIo(HANDLE hThread)</summary>
    [ShimExport("CancelSynchronousIo")]
    public static int CancelSynchronousIo(nint thread)
    {
        if (!KernelObjects.TryGetProcess(thread, allowThread: true, out _, out var isThread) || !isThread)
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        return FileShim.Fail(Win32Error.ERROR_NOT_FOUND);
    }

    /// <summary>BOOL SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags)</summary>
    [ShimExport("SetFileCompletionNotificationModes")]
    public static int SetFileCompletionNotificationModes(nint file, uint flags) => FileShim.TryGetFile(file, out _) ? 1 : 0;
}
