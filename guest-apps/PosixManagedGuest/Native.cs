using System.Runtime.InteropServices;

namespace PosixManagedGuest;

/// <summary>The guest's only P/Invokes: enough of libc to write a file and set its mode, declared as ordinary Linux code does.</summary>
internal static class Libc
{
    public const int O_WRONLY = 0x1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;

    [DllImport("libc", SetLastError = true)]
    public static extern int open(string pathname, int flags, uint mode);

    [DllImport("libc", SetLastError = true)]
    public static extern nint write(int fd, byte[] buf, nuint count);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int chmod(string pathname, uint mode);
}
