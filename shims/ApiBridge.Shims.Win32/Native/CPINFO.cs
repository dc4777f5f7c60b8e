using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary><c>CPINFO</c> (winnls.h), 20 bytes: MaxCharSize, DefaultChar[2], LeadByte[12] (pairs of inclusive ranges, zero-ended).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct CPINFO
{
    public uint MaxCharSize;
    public fixed byte DefaultChar[2];
    public fixed byte LeadByte[12];
}
