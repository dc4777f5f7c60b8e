using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary><c>CONSOLE_SCREEN_BUFFER_INFO</c> (wincon.h), 22 bytes: dwSize, dwCursorPosition (COORDs), wAttributes, srWindow (SMALL_RECT), dwMaximumWindowSize.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct CONSOLE_SCREEN_BUFFER_INFO
{
    public short SizeX, SizeY;
    public short CursorX, CursorY;
    public ushort Attributes;
    public short WindowLeft, WindowTop, WindowRight, WindowBottom;
    public short MaximumWindowX, MaximumWindowY;
}
