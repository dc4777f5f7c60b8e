using System.Text;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// WriteConsoleW and ReadConsoleW: UTF-16 text to and from the host terminal, which speaks UTF-8. Unlike WriteFile
/// they work on consoles only: a redirected stream, file or pipe fails with ERROR_INVALID_HANDLE, as on Windows —
/// which is why callers such as the runtime fall back to WriteFile when the handle is not a console.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class ConsoleIo
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>BOOL WriteConsoleW(HANDLE hConsoleOutput, const VOID* lpBuffer, DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten, LPVOID lpReserved)</summary>
    [ShimExport("WriteConsoleW")]
    public static int WriteConsoleW(nint console, char* buffer, uint count, uint* written, void* reserved)
    {
        if (!ConsoleHandles.IsOutput(console, out var file))
            return 0;
        if (buffer == null && count != 0)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        if (!WriteText(file, new ReadOnlySpan<char>(buffer, (int)count)))
            return 0;
        if (written != null)
            *written = count;
        return 1;
    }

    /// <summary>
    /// BOOL ReadConsoleW(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead, LPDWORD lpNumberOfCharsRead, PCONSOLE_READCONSOLE_CONTROL pInputControl).
    /// The control structure's wake-up characters are not honoured (the terminal's line discipline ends a line).
    /// </summary>
    [ShimExport("ReadConsoleW")]
    public static int ReadConsoleW(nint console, char* buffer, uint count, uint* read, void* inputControl)
    {
        if (!ConsoleHandles.IsInput(console, out var file))
            return 0;
        if (buffer == null && count != 0)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var lineMode = (ConsoleModes.ModeOf(console, file) & ConsoleInput.ENABLE_LINE_INPUT) != 0;
        var n = ConsoleInput.Read(console, file, new Span<char>(buffer, (int)count), lineMode);
        if (n < 0)
            return FileShim.Fail(-n);
        if (read != null)
            *read = (uint)n;
        return 1;
    }

    /// <summary>BOOL GetNumberOfConsoleInputEvents(HANDLE hConsoleInput, LPDWORD lpcNumberOfEvents) — one event per character waiting.</summary>
    [ShimExport("GetNumberOfConsoleInputEvents")]
    public static int GetNumberOfConsoleInputEvents(nint console, uint* events)
    {
        if (!ConsoleHandles.IsInput(console, out var file))
            return 0;
        if (events == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *events = (uint)ConsoleInput.Waiting(console, file);
        return 1;
    }

    /// <summary>Writes text to a console as UTF-8; false with the last error set when the host write fails.</summary>
    internal static bool WriteText(OpenFile file, ReadOnlySpan<char> text)
    {
        var bytes = Utf8.GetBytes(text.ToArray());
        fixed (byte* start = bytes)
        {
            for (var done = 0; done < bytes.Length;)
            {
                var n = file.Host.Write(start + done, bytes.Length - done);
                if (n < 0)
                {
                    FileShim.Fail((int)-n);
                    return false;
                }
                done += (int)n;
            }
        }
        return true;
    }
}
