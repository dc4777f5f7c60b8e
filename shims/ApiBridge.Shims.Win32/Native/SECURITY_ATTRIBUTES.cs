using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary><c>SECURITY_ATTRIBUTES</c> (minwinbase.h): 24 bytes on 64-bit Windows. Only bInheritHandle means anything here.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SECURITY_ATTRIBUTES
{
    public uint nLength;
    public nint lpSecurityDescriptor;
    public int bInheritHandle;
}
