using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// The terminal queries the console shims need on a Linux host: the window size (TIOCGWINSZ) and how many bytes of
/// input wait (FIONREAD). Only used when <see cref="Posix.Available"/>.
/// </summary>
internal static unsafe class PosixTerminal
{
    private const ulong TIOCGWINSZ = 0x5413, FIONREAD = 0x541B;

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Rows, Columns, XPixels, YPixels;
    }

    [DllImport("libc.so.6", SetLastError = true, EntryPoint = "ioctl")]
    private static extern int SysIoctl(int fd, ulong request, void* argument);

    /// <summary>The terminal's columns and rows; false when it does not say (not a terminal, or a size of 0).</summary>
    public static bool TryGetWindowSize(int fd, out int columns, out int rows)
    {
        WinSize size;
        columns = rows = 0;
        if (SysIoctl(fd, TIOCGWINSZ, &size) != 0 || size.Columns == 0 || size.Rows == 0)
            return false;
        (columns, rows) = (size.Columns, size.Rows);
        return true;
    }

    /// <summary>Bytes ready to be read without blocking; 0 when the descriptor cannot say.</summary>
    public static int BytesAvailable(int fd)
    {
        int count;
        return SysIoctl(fd, FIONREAD, &count) == 0 ? count : 0;
    }
}
