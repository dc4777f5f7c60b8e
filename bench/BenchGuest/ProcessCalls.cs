using System.Runtime.InteropServices;

namespace BenchGuest;

/// <summary>Process-identity calls as a Windows program makes them: constant per-process answers.</summary>
public static class ProcessCalls
{
    [DllImport("kernel32.dll")]
    private static extern uint GetCurrentProcessId();

    [DllImport("kernel32.dll")]
    private static extern IntPtr GetCurrentProcess();

    public static uint ProcessId() => GetCurrentProcessId();

    public static IntPtr Process() => GetCurrentProcess();
}
