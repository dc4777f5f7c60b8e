using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// On a Windows host, whether a standard handle is a console is the host's own answer: a redirected stream there is a
/// file or pipe, as it is for the guest on Windows.
/// </summary>
internal static unsafe class WindowsConsoleApi
{
    [DllImport("kernel32.dll", EntryPoint = "GetConsoleMode", SetLastError = true)]
    private static extern int HostGetConsoleMode(nint handle, uint* mode);

    public static bool IsConsole(nint hostHandle)
    {
        uint mode;
        return OperatingSystem.IsWindows() && HostGetConsoleMode(hostHandle, &mode) != 0;
    }
}
