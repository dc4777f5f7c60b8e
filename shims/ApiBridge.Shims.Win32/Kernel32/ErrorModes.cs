using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The error modes: SetErrorMode/GetErrorMode for the process, SetThreadErrorMode/GetThreadErrorMode per thread.
/// They only choose which system dialogs Windows would show, and a bridged process shows none, so they are state and
/// nothing more — kept as Wine keeps it (checked under wine64): both start at 0, SetErrorMode stores any value and
/// returns the previous one (SEM_NOALIGNMENTFAULTEXCEPT is not sticky there), SetThreadErrorMode refuses any flag but
/// SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX and SEM_NOOPENFILEERRORBOX with ERROR_INVALID_PARAMETER and leaves
/// the old-mode output alone then, and a new thread starts at 0 whatever its creator's mode.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class ErrorModes
{
    public const uint SEM_FAILCRITICALERRORS = 0x1, SEM_NOGPFAULTERRORBOX = 0x2, SEM_NOALIGNMENTFAULTEXCEPT = 0x4, SEM_NOOPENFILEERRORBOX = 0x8000;

    private const uint ThreadModes = SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX;

    private static uint processMode;

    [ThreadStatic]
    private static uint threadMode;

    /// <summary>UINT SetErrorMode(UINT uMode) — the previous mode.</summary>
    [ShimExport("SetErrorMode")]
    public static uint SetErrorMode(uint mode) => Interlocked.Exchange(ref processMode, mode);

    /// <summary>UINT GetErrorMode(void)</summary>
    [ShimExport("GetErrorMode")]
    public static uint GetErrorMode() => Volatile.Read(ref processMode);

    /// <summary>BOOL SetThreadErrorMode(DWORD dwNewMode, LPDWORD lpOldMode)</summary>
    [ShimExport("SetThreadErrorMode")]
    public static int SetThreadErrorMode(uint newMode, uint* oldMode)
    {
        if ((newMode & ~ThreadModes) != 0)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        if (oldMode is not null)
            *oldMode = threadMode;
        threadMode = newMode;
        return 1;
    }

    /// <summary>DWORD GetThreadErrorMode(void)</summary>
    [ShimExport("GetThreadErrorMode")]
    public static uint GetThreadErrorMode() => threadMode;
}
