using System.Collections.Concurrent;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// SetHandleInformation/GetHandleInformation: the per-handle flags HANDLE_FLAG_INHERIT (kept and read back; children
/// get only their standard handles, so it changes no inheritance) and HANDLE_FLAG_PROTECT_FROM_CLOSE (CloseHandle
/// then fails with ERROR_INVALID_HANDLE, as NtClose refuses such a handle). The flags live until the handle is closed.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class HandleInformation
{
    public const uint HANDLE_FLAG_INHERIT = 0x1, HANDLE_FLAG_PROTECT_FROM_CLOSE = 0x2;

    private static readonly ConcurrentDictionary<nint, uint> Flags = new();

    /// <summary>BOOL SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags) — only the bits in dwMask change.</summary>
    [ShimExport("SetHandleInformation")]
    public static int SetHandleInformation(nint handle, uint mask, uint flags)
    {
        if (!IsOpen(handle))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        mask &= HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE;
        Flags.AddOrUpdate(handle, flags & mask, (_, old) => (old & ~mask) | (flags & mask));
        return 1;
    }

    /// <summary>BOOL GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags)</summary>
    [ShimExport("GetHandleInformation")]
    public static int GetHandleInformation(nint handle, uint* flags)
    {
        if (!IsOpen(handle))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (flags == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *flags = Flags.TryGetValue(handle, out var value) ? value : 0;
        return 1;
    }

    /// <summary>Whether CloseHandle must refuse this handle.</summary>
    internal static bool IsProtected(nint handle) => Flags.TryGetValue(handle, out var value) && (value & HANDLE_FLAG_PROTECT_FROM_CLOSE) != 0;

    /// <summary>Called by CloseHandle: a later handle with this value starts with no flags.</summary>
    internal static void Forget(nint handle) => Flags.TryRemove(handle, out _);

    private static bool IsOpen(nint handle) => handle is not (0 or -1 or -2) && Bridge.Handles.TryGet<object>(handle, out _);
}
