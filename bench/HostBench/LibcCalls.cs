using System.Runtime.InteropServices;

namespace HostBench;

/// <summary>libc as a Linux program declares it.</summary>
internal static unsafe class Libc
{
    public const int O_RDONLY = 0, O_RDWR = 2, CLOCK_MONOTONIC = 1;

    [StructLayout(LayoutKind.Explicit, Size = 144)]
    public struct Stat
    {
        [FieldOffset(48)] public long Size;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds, Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern nint pread(int fd, byte* buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern nint pwrite(int fd, byte* buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern int stat(string path, out Stat buffer);

    [DllImport("libc")]
    public static extern int clock_gettime(int clock, out Timespec time);
}
