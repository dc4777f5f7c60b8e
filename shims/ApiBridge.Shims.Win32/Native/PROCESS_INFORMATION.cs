using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary><c>PROCESS_INFORMATION</c> (processthreadsapi.h): 24 bytes on 64-bit Windows.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PROCESS_INFORMATION
{
    public nint hProcess;
    public nint hThread;
    public uint dwProcessId;
    public uint dwThreadId;
}
