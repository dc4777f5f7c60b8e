using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Which handles are consoles. A handle is a console when its host descriptor is a terminal (on a Windows host: the
/// console itself); a file, a pipe, NUL or a redirected stream is not, and every console function fails on it with
/// ERROR_INVALID_HANDLE, as on Windows. A console handle opened for reading is an input handle, one opened for writing
/// a screen buffer (output) handle; a terminal opened for both is both.
/// </summary>
internal static class ConsoleHandles
{
    public static bool IsConsole(nint handle, out OpenFile file) =>
        FileShim.TryGetFile(handle, out file) && file.Kind == FileKind.Character
        && (Posix.Available ? Posix.IsTerminal((int)file.Value) : file.HostPath == "CON" && WindowsConsoleApi.IsConsole(file.Host.HostHandle));

    /// <summary>A screen buffer handle; otherwise ERROR_INVALID_HANDLE is set.</summary>
    public static bool IsOutput(nint handle, out OpenFile file) => Is(handle, out file, f => f.CanWrite);

    /// <summary>A console input handle; otherwise ERROR_INVALID_HANDLE is set.</summary>
    public static bool IsInput(nint handle, out OpenFile file) => Is(handle, out file, f => f.CanRead);

    private static bool Is(nint handle, out OpenFile file, Func<OpenFile, bool> direction)
    {
        if (IsConsole(handle, out file) && direction(file))
            return true;
        ApiBridge.Runtime.LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
        return false;
    }
}
