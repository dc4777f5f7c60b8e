using System.Runtime.CompilerServices;
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
    /// <remarks>
    /// Guests call this shim directly (cannot fail, no adapter), so what the JIT inlines into the guest is this body:
    /// with the default services and tracing off it is one field test and a constant, as <c>Environment.ProcessId</c>
    /// is one field test and a load (issue 17). Asking a replaced service and tracing stay out of line, where their
    /// IL does not keep the common path from being inlined.
    /// </remarks>
    [ShimExport("GetCurrentProcessId", CannotFail = true)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint GetCurrentProcessId() =>
        Bridge.HasContainer || SelfTracing.GetCurrentProcessId ? GetCurrentProcessIdFromServices() : HostServiceReads.DefaultGuestProcessId;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint GetCurrentProcessIdFromServices()
    {
        var id = HostServiceReads.GuestProcessId();
        if (SelfTracing.GetCurrentProcessId)
            SelfTracing.Log(typeof(ProcessBasics), nameof(GetCurrentProcessId), id);
        return id;
    }

    /// <summary>DWORD GetCurrentThreadId(void)</summary>
    [ShimExport("GetCurrentThreadId", CannotFail = true)]
    public static uint GetCurrentThreadId()
    {
        var id = (uint)Bridge.Environment.CurrentThreadId;
        if (SelfTracing.GetCurrentThreadId)
            SelfTracing.Log(typeof(ProcessBasics), nameof(GetCurrentThreadId), id);
        return id;
    }

    /// <summary>HANDLE GetCurrentProcess(void) — always the pseudo-handle -1, which needs no closing.</summary>
    [ShimExport("GetCurrentProcess", CannotFail = true)]
    public static IntPtr GetCurrentProcess()
    {
        if (SelfTracing.GetCurrentProcess)
            SelfTracing.Log(typeof(ProcessBasics), nameof(GetCurrentProcess), CurrentProcessPseudoHandle);
        return CurrentProcessPseudoHandle;
    }

    /// <summary>HANDLE GetCurrentThread(void) — always the pseudo-handle -2, which needs no closing.</summary>
    [ShimExport("GetCurrentThread", CannotFail = true)]
    public static IntPtr GetCurrentThread()
    {
        if (SelfTracing.GetCurrentThread)
            SelfTracing.Log(typeof(ProcessBasics), nameof(GetCurrentThread), CurrentThreadPseudoHandle);
        return CurrentThreadPseudoHandle;
    }

    /// <summary>void ExitProcess(UINT uExitCode) — flushes relay tracing, then ends the process with the code.</summary>
    [ShimExport("ExitProcess")]
    public static void ExitProcess(uint exitCode)
    {
        Relay.Flush();
        Bridge.Environment.Exit(unchecked((int)exitCode));
    }
}
