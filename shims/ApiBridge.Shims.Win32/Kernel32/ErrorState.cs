using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>kernel32's per-thread last error: the same value generated adapters publish to the runtime.</summary>
[ShimLibrary("kernel32", "env")]
public static class ErrorState
{
    /// <summary>DWORD GetLastError(void)</summary>
    [ShimExport("GetLastError")]
    public static uint GetLastError() => (uint)LastError.Value;

    /// <summary>void SetLastError(DWORD dwErrCode)</summary>
    [ShimExport("SetLastError")]
    public static void SetLastError(uint errorCode) => LastError.Value = (int)errorCode;
}
