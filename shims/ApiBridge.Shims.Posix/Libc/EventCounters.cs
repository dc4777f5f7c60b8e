using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// eventfd(2): a descriptor of the guest's table over a bridge-kept 64-bit counter (<see cref="EventCounter"/>), the
/// same on both hosts. read and write move 8-byte values; threads of the guest block on it as on Linux. What it cannot
/// do: a host program or native code cannot wait on it, since it is no host object (poll and epoll are not bridged).
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class EventCounters
{
    public const int EFD_SEMAPHORE = 1, EFD_NONBLOCK = O_NONBLOCK, EFD_CLOEXEC = O_CLOEXEC;

    /// <summary>int eventfd(unsigned int initval, int flags) — flags EFD_CLOEXEC, EFD_NONBLOCK, EFD_SEMAPHORE; any other: EINVAL.</summary>
    [ShimExport("eventfd")]
    public static int eventfd(uint initval, int flags)
    {
        if ((flags & ~(EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC)) != 0)
            return Fail(Errno.EINVAL);
        var description = OpenFileDescription.ForEventCounter(O_RDWR | (flags & EFD_NONBLOCK), new EventCounter(initval, (flags & EFD_SEMAPHORE) != 0));
        var fd = PosixServices.Descriptors.Add(description, closeOnExec: (flags & EFD_CLOEXEC) != 0);
        return fd < 0 ? Fail(Errno.EMFILE) : fd;
    }

    /// <summary>read(2) of an eventfd: fewer than 8 bytes EINVAL; the count (or 1) as 8 bytes; 0 blocks, or EAGAIN when nonblocking.</summary>
    internal static nint Read(OpenFileDescription d, EventCounter counter, byte* buf, nuint count)
    {
        if (count < 8)
            return FailN(Errno.EINVAL);
        if (buf == null)
            return FailN(Errno.EFAULT);
        var error = counter.Take((d.Flags & O_NONBLOCK) != 0, out var taken);
        if (error != 0)
            return FailN((int)-error);
        *(ulong*)buf = taken;
        return 8;
    }

    /// <summary>write(2) of an eventfd: fewer than 8 bytes or 0xffffffffffffffff EINVAL; adds, blocking (or EAGAIN) while it would overflow.</summary>
    internal static nint Write(OpenFileDescription d, EventCounter counter, byte* buf, nuint count)
    {
        if (count < 8)
            return FailN(Errno.EINVAL);
        if (buf == null)
            return FailN(Errno.EFAULT);
        var error = counter.Add(*(ulong*)buf, (d.Flags & O_NONBLOCK) != 0);
        return error != 0 ? FailN((int)-error) : 8;
    }
}
