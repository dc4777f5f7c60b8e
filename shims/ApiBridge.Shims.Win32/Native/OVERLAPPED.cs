using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary><c>OVERLAPPED</c> (minwinbase.h): 32 bytes on 64-bit Windows. Offset/OffsetHigh give the position of a transfer.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct OVERLAPPED
{
    public nuint Internal;
    public nuint InternalHigh;
    public uint Offset;
    public uint OffsetHigh;
    public nint hEvent;

    public readonly long Position => (long)(((ulong)OffsetHigh << 32) | Offset);
}
