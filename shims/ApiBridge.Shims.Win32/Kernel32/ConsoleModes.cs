using System.Collections.Concurrent;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetConsoleMode / SetConsoleMode, which logging and terminal libraries call as soon as they believe they run on
/// Windows (to turn on ENABLE_VIRTUAL_TERMINAL_PROCESSING). A handle is a console when its host descriptor is a
/// terminal; any other handle — a file, a pipe, NUL, redirected output — fails with ERROR_INVALID_HANDLE, as on
/// Windows (and Wine), so such libraries take their "not a console" path. A console's mode starts at Windows' defaults
/// and keeps what the guest sets (the host terminal already interprets escape sequences).
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class ConsoleModes
{
    public const uint DefaultInputMode = 0x1F7;  // PROCESSED, LINE, ECHO, INSERT, QUICK_EDIT, EXTENDED, AUTO_POSITION
    public const uint DefaultOutputMode = 0x3;   // PROCESSED_OUTPUT, WRAP_AT_EOL_OUTPUT

    private static readonly ConcurrentDictionary<nint, uint> Modes = new();

    /// <summary>BOOL GetConsoleMode(HANDLE hConsoleHandle, LPDWORD lpMode)</summary>
    [ShimExport("GetConsoleMode")]
    public static int GetConsoleMode(nint console, uint* mode)
    {
        if (!IsConsole(console, out var file))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (mode == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *mode = ModeOf(console, file);
        return 1;
    }

    /// <summary>BOOL SetConsoleMode(HANDLE hConsoleHandle, DWORD dwMode)</summary>
    [ShimExport("SetConsoleMode")]
    public static int SetConsoleMode(nint console, uint mode)
    {
        if (!IsConsole(console, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        Modes[console] = mode;
        return 1;
    }

    /// <summary>A console handle's current mode (ReadConsoleW asks whether it is in line mode).</summary>
    internal static uint ModeOf(nint console, OpenFile file) =>
        Modes.GetValueOrDefault(console, file.CanRead ? DefaultInputMode : DefaultOutputMode);

    /// <summary>A closed handle's mode is dropped: the value (a host descriptor) may name another file next.</summary>
    internal static void Forget(nint handle) => Modes.TryRemove(handle, out _);

    private static bool IsConsole(nint handle, out OpenFile file) => ConsoleHandles.IsConsole(handle, out file);
}
