using System.Runtime.InteropServices;
using System.Text;

namespace WinConsoleGuest;

[StructLayout(LayoutKind.Sequential)]
internal struct COORD
{
    public short X;
    public short Y;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SMALL_RECT
{
    public short Left, Top, Right, Bottom;
}

[StructLayout(LayoutKind.Sequential)]
internal struct CONSOLE_SCREEN_BUFFER_INFO
{
    public COORD dwSize;
    public COORD dwCursorPosition;
    public ushort wAttributes;
    public SMALL_RECT srWindow;
    public COORD dwMaximumWindowSize;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CPINFO
{
    public uint MaxCharSize;
    public fixed byte DefaultChar[2];
    public fixed byte LeadByte[12];
}

[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
internal struct CPINFOEXW
{
    public uint MaxCharSize;
    [MarshalAs(UnmanagedType.ByValArray, SizeConst = 2)] public byte[] DefaultChar;
    [MarshalAs(UnmanagedType.ByValArray, SizeConst = 12)] public byte[] LeadByte;
    public char UnicodeDefaultChar;
    public uint CodePage;
    [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 260)] public string CodePageName;
}

internal delegate bool ConsoleCtrlHandler(uint ctrlType);

/// <summary>kernel32 console and code-page calls, declared the ways Windows code declares them.</summary>
internal static unsafe partial class Native
{
    public const int STD_INPUT_HANDLE = -10, STD_OUTPUT_HANDLE = -11;

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern IntPtr GetStdHandle(int nStdHandle);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool GetConsoleMode(IntPtr hConsoleHandle, out uint lpMode);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool GetConsoleScreenBufferInfo(IntPtr hConsoleOutput, out CONSOLE_SCREEN_BUFFER_INFO info);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool SetConsoleTextAttribute(IntPtr hConsoleOutput, ushort wAttributes);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern uint GetConsoleCP();

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern uint GetConsoleOutputCP();

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool SetConsoleCP(uint wCodePageID);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool SetConsoleOutputCP(uint wCodePageID);

    [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern bool WriteConsoleW(IntPtr hConsoleOutput, string lpBuffer, uint nNumberOfCharsToWrite, out uint written, IntPtr reserved);

    [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern bool ReadConsoleW(IntPtr hConsoleInput, char* lpBuffer, uint nNumberOfCharsToRead, out uint read, IntPtr inputControl);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool GetNumberOfConsoleInputEvents(IntPtr hConsoleInput, out uint events);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool SetConsoleCtrlHandler(ConsoleCtrlHandler? handler, bool add);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern uint GetACP();

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern uint GetOEMCP();

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool IsValidCodePage(uint codePage);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool GetCPInfo(uint codePage, out CPINFO info);

    [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern bool GetCPInfoExW(uint codePage, uint flags, out CPINFOEXW info);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern int MultiByteToWideChar(uint codePage, uint flags, byte* multiByte, int cbMultiByte, char* wide, int cchWideChar);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern int WideCharToMultiByte(uint codePage, uint flags, char* wide, int cchWideChar, byte* multiByte, int cbMultiByte, byte* defaultChar, int* usedDefaultChar);

    // The string-marshalled shape many wrappers use.
    [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode, EntryPoint = "WideCharToMultiByte")]
    public static extern int WideCharToMultiByteString(uint codePage, uint flags, string wide, int cchWideChar, [Out] byte[]? multiByte, int cbMultiByte, IntPtr defaultChar, out bool usedDefaultChar);
}
