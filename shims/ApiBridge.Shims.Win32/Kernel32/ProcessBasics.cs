using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.Tracing;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>The calling process's and thread's identity, pseudo-handles, and ExitProcess.</summary>
[ShimLibrary("kernel32", "env")]
public static class ProcessBasics
{
    /// <summary>The pseudo-handle GetCurrentProcess returns: (HANDLE)-1.</summary>
    public static readonly IntPtr CurrentProcessPseudoHandle = -1;

    /// <summary>The pseudo-handle GetCurrentThread returns: (HANDLE)-2.</summary>
    public static readonly IntPtr CurrentThreadPseudoHandle = -2;

    /// <summary>DWORD GetCurrentProcessId(void)</summary>
    [ShimExport("GetCurrentProcessId")]
    public static uint GetCurrentProcessId() => (uint)(global::ApiBridge.Shims.Win32.Processes.GuestStartup.WindowsProcessId ?? Bridge.Environment.ProcessId);

    /// <summary>DWORD GetCurrentThreadId(void)</summary>
    [ShimExport("GetCurrentThreadId")]
    public static uint GetCurrentThreadId() => (uint)Bridge.Environment.CurrentThreadId;

    /// <summary>HANDLE GetCurrentProcess(void) — always the pseudo-handle -1, which needs no closing.</summary>
    [ShimExport("GetCurrentProcess")]
    public static IntPtr GetCurrentProcess() => CurrentProcessPseudoHandle;

    /// <summary>HANDLE GetCurrentThread(void) — always the pseudo-handle -2, which needs no closing.</summary>
    [ShimExport("GetCurrentThread")]
    public static IntPtr GetCurrentThread() => CurrentThreadPseudoHandle;

    /// <summary>void ExitProcess(UINT uExitCode) — flushes relay tracing, then ends the process with the code.</summary>
    [ShimExport("ExitProcess")]
    public static void ExitProcess(uint exitCode)
    {
        Relay.Flush();
        Bridge.Environment.Exit(unchecked((int)exitCode));
    }
}
