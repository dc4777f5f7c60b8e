using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary>
/// <c>STARTUPINFOW</c> (processthreadsapi.h): 104 bytes on 64-bit Windows. <c>STARTUPINFOA</c> has the same layout
/// with narrow strings, so the A exports take this structure too.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct STARTUPINFOW
{
    public uint cb;
    public char* lpReserved;
    public char* lpDesktop;
    public char* lpTitle;
    public uint dwX;
    public uint dwY;
    public uint dwXSize;
    public uint dwYSize;
    public uint dwXCountChars;
    public uint dwYCountChars;
    public uint dwFillAttribute;
    public uint dwFlags;
    public ushort wShowWindow;
    public ushort cbReserved2;
    public byte* lpReserved2;
    public nint hStdInput;
    public nint hStdOutput;
    public nint hStdError;

    public const uint STARTF_USESHOWWINDOW = 0x1, STARTF_USESIZE = 0x2, STARTF_USEPOSITION = 0x4, STARTF_USECOUNTCHARS = 0x8,
        STARTF_USEFILLATTRIBUTE = 0x10, STARTF_USESTDHANDLES = 0x100;
}
