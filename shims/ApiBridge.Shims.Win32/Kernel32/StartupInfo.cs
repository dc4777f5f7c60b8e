using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetStartupInfoW/A: what the parent put in its STARTUPINFO when a bridged guest started this one (the flags, window
/// position, size and show state, the title — carried by <see cref="GuestStartup"/>), else zeros. lpTitle is the
/// parent's title, else the program's path, as Windows gives a console program; lpDesktop is <c>WinSta0\Default</c>.
/// With STARTF_USESTDHANDLES the hStd* members are this process's standard handles (GetStdHandle).
/// The strings live as long as the process.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class StartupInfo
{
    private static readonly object Gate = new();
    private static nint titleW, desktopW, titleA, desktopA;

    /// <summary>void GetStartupInfoW(LPSTARTUPINFOW lpStartupInfo)</summary>
    [ShimExport("GetStartupInfoW")]
    public static void GetStartupInfoW(STARTUPINFOW* startupInfo)
    {
        if (startupInfo == null)
            return;
        Fill(startupInfo);
        lock (Gate)
        {
            if (titleW == 0)
            {
                titleW = Marshal.StringToHGlobalUni(Title());
                desktopW = Marshal.StringToHGlobalUni(@"WinSta0\Default");
            }
        }
        startupInfo->lpTitle = (char*)titleW;
        startupInfo->lpDesktop = (char*)desktopW;
    }

    /// <summary>void GetStartupInfoA(LPSTARTUPINFOA lpStartupInfo) — strings in UTF-8.</summary>
    [ShimExport("GetStartupInfoA")]
    public static void GetStartupInfoA(STARTUPINFOW* startupInfo)
    {
        if (startupInfo == null)
            return;
        Fill(startupInfo);
        lock (Gate)
        {
            if (titleA == 0)
            {
                titleA = Marshal.StringToCoTaskMemUTF8(Title());
                desktopA = Marshal.StringToCoTaskMemUTF8(@"WinSta0\Default");
            }
        }
        startupInfo->lpTitle = (char*)titleA;
        startupInfo->lpDesktop = (char*)desktopA;
    }

    private static string Title() => GuestStartup.StartupTitle ?? GuestProgram.WindowsPath(Bridge.Environment);

    private static void Fill(STARTUPINFOW* info)
    {
        var f = GuestStartup.StartupFields;
        *info = default;
        info->cb = (uint)sizeof(STARTUPINFOW);
        info->dwFlags = f[0];
        info->wShowWindow = (ushort)f[1];
        info->dwX = f[2];
        info->dwY = f[3];
        info->dwXSize = f[4];
        info->dwYSize = f[5];
        info->dwXCountChars = f[6];
        info->dwYCountChars = f[7];
        info->dwFillAttribute = f[8];
        if ((info->dwFlags & STARTUPINFOW.STARTF_USESTDHANDLES) != 0)
        {
            info->hStdInput = StandardHandles.GetStdHandle(StandardHandles.STD_INPUT_HANDLE);
            info->hStdOutput = StandardHandles.GetStdHandle(StandardHandles.STD_OUTPUT_HANDLE);
            info->hStdError = StandardHandles.GetStdHandle(StandardHandles.STD_ERROR_HANDLE);
        }
    }
}
