using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// LockFile/UnlockFile over the process's <see cref="ByteRangeLocks"/>: an overlapping lock ERROR_LOCK_VIOLATION,
/// unlocking a range this handle did not lock exactly ERROR_NOT_LOCKED, a handle that is no file ERROR_INVALID_HANDLE.
/// Locks held by other processes are not seen (the table is per process, like the share table).
/// </summary>
[ShimLibrary("kernel32", "file")]
public static class FileLocks
{
    public const int ERROR_NOT_LOCKED = 158;

    /// <summary>BOOL LockFile(HANDLE hFile, DWORD dwFileOffsetLow, DWORD dwFileOffsetHigh, DWORD nNumberOfBytesToLockLow, DWORD nNumberOfBytesToLockHigh)</summary>
    [ShimExport("LockFile")]
    public static int LockFile(nint file, uint offsetLow, uint offsetHigh, uint lengthLow, uint lengthHigh)
    {
        if (!FileShim.TryGetFile(file, out var open) || open.Kind == FileKind.Directory)
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        return ByteRangeLocks.Process.TryLock(open, Join(offsetHigh, offsetLow), Join(lengthHigh, lengthLow))
            ? 1 : FileShim.Fail(Win32Error.ERROR_LOCK_VIOLATION);
    }

    /// <summary>BOOL UnlockFile(HANDLE hFile, DWORD dwFileOffsetLow, DWORD dwFileOffsetHigh, DWORD nNumberOfBytesToUnlockLow, DWORD nNumberOfBytesToUnlockHigh)</summary>
    [ShimExport("UnlockFile")]
    public static int UnlockFile(nint file, uint offsetLow, uint offsetHigh, uint lengthLow, uint lengthHigh)
    {
        if (!FileShim.TryGetFile(file, out var open) || open.Kind == FileKind.Directory)
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        return ByteRangeLocks.Process.Unlock(open, Join(offsetHigh, offsetLow), Join(lengthHigh, lengthLow))
            ? 1 : FileShim.Fail(ERROR_NOT_LOCKED);
    }

    private static ulong Join(uint high, uint low) => ((ulong)high << 32) | low;
}
