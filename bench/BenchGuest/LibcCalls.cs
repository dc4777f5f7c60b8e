using System.Runtime.InteropServices;

namespace BenchGuest;

/// <summary>libc calls as a Linux program makes them (string paths, byte* buffers, out structs).</summary>
public static unsafe class LibcCalls
{
    private const int O_RDONLY = 0, O_RDWR = 2, SEEK_SET = 0, CLOCK_MONOTONIC = 1;

    [StructLayout(LayoutKind.Explicit, Size = 144)]
    private struct Stat
    {
        [FieldOffset(48)] public long Size;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern nint pread(int fd, byte* buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    private static extern nint pwrite(int fd, byte* buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat(string path, out Stat buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out Timespec time);

    public static int OpenReadWrite(string path) => open(path, O_RDWR);

    public static int Close(int fd) => close(fd);

    public static int OpenClose(string path)
    {
        var fd = open(path, O_RDONLY);
        return fd < 0 ? fd : close(fd);
    }

    public static nint ReadBlock(int fd, byte[] buffer, long offset)
    {
        fixed (byte* data = buffer)
            return pread(fd, data, buffer.Length, offset);
    }

    public static nint WriteBlock(int fd, byte[] buffer, long offset)
    {
        fixed (byte* data = buffer)
            return pwrite(fd, data, buffer.Length, offset);
    }

    public static long Size(string path) => stat(path, out var buffer) == 0 ? buffer.Size : -1;

    public static long MonotonicNanoseconds()
    {
        clock_gettime(CLOCK_MONOTONIC, out var time);
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }
}
