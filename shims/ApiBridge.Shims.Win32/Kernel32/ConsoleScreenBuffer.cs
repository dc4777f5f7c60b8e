using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Text;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetConsoleScreenBufferInfo and SetConsoleTextAttribute on the host terminal. The screen buffer is the terminal's
/// window (as Wine's Unix console reports it): its size from TIOCGWINSZ, 80×25 when the terminal does not say.
/// The cursor position is reported as the window's top left: a terminal tells it only by answering an escape
/// sequence on the input stream, which would take the guest's input. Attributes are kept per process (one screen
/// buffer) and given to the terminal as SGR sequences. Any handle that is not a console screen buffer — a redirected
/// stream, a file, an input handle — fails with ERROR_INVALID_HANDLE, as on Windows.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class ConsoleScreenBuffer
{
    /// <summary>A new console's attribute: light grey on black.</summary>
    public const ushort DefaultAttributes = 0x07;

    public const int DefaultColumns = 80, DefaultRows = 25;

    private static int attributes = DefaultAttributes;

    /// <summary>BOOL GetConsoleScreenBufferInfo(HANDLE hConsoleOutput, PCONSOLE_SCREEN_BUFFER_INFO lpConsoleScreenBufferInfo)</summary>
    [ShimExport("GetConsoleScreenBufferInfo")]
    public static int GetConsoleScreenBufferInfo(nint console, CONSOLE_SCREEN_BUFFER_INFO* info)
    {
        if (!ConsoleHandles.IsOutput(console, out var file))
            return 0;
        if (info == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var (columns, rows) = WindowSize(file);
        *info = new CONSOLE_SCREEN_BUFFER_INFO
        {
            SizeX = (short)columns, SizeY = (short)rows,
            Attributes = Attributes,
            WindowRight = (short)(columns - 1), WindowBottom = (short)(rows - 1),
            MaximumWindowX = (short)columns, MaximumWindowY = (short)rows,
        };
        return 1;
    }

    /// <summary>BOOL SetConsoleTextAttribute(HANDLE hConsoleOutput, WORD wAttributes)</summary>
    [ShimExport("SetConsoleTextAttribute")]
    public static int SetConsoleTextAttribute(nint console, ushort wAttributes)
    {
        if (!ConsoleHandles.IsOutput(console, out var file))
            return 0;
        Volatile.Write(ref attributes, wAttributes);
        return ConsoleIo.WriteText(file, ConsoleColors.Sgr(wAttributes)) ? 1 : 0;
    }

    /// <summary>The current attribute (what GetConsoleScreenBufferInfo reports).</summary>
    internal static ushort Attributes => (ushort)Volatile.Read(ref attributes);

    private static (int Columns, int Rows) WindowSize(OpenFile file)
    {
        if (Posix.Available)
            return PosixTerminal.TryGetWindowSize((int)file.Value, out var columns, out var rows) ? (columns, rows) : (DefaultColumns, DefaultRows);
        try
        {
            return (Math.Max(1, Console.WindowWidth), Math.Max(1, Console.WindowHeight));
        }
        catch (IOException)
        {
            return (DefaultColumns, DefaultRows);
        }
    }
}
