using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// unshare and setns. A Linux host does both itself (setns on the host file behind the guest's descriptor). A
/// Windows host has no namespaces: unsharing the descriptor table, file-system attributes or System V semaphore
/// undo lists of a process is allowed and changes nothing the guest can see; every namespace flag is EPERM, what
/// Linux answers a caller without CAP_SYS_ADMIN (and with user namespaces disabled); and no guest descriptor is ever
/// a namespace file, so setns is EINVAL for any open one.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class Namespaces
{
    public const int CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800, CLONE_THREAD = 0x10000,
        CLONE_NEWTIME = 0x80, CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000, CLONE_NEWCGROUP = 0x2000000, CLONE_NEWUTS = 0x4000000,
        CLONE_NEWIPC = 0x8000000, CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000;

    private const int Namespace = CLONE_NEWTIME | CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET;
    private const int Shared = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;

    /// <summary>
    /// int unshare(int flags) — unknown flags EINVAL; CLONE_VM/CLONE_SIGHAND/CLONE_THREAD EINVAL too, since a .NET
    /// process always has more than one thread (Linux refuses them then).
    /// </summary>
    [ShimExport("unshare")]
    public static int unshare(int flags)
    {
        if (HostLibc.Available)
            return HostLibc.unshare(flags) == 0 ? 0 : Fail(HostLibc.Errno);
        if ((flags & ~(Namespace | Shared | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM)) != 0 || (flags & Shared) != 0)
            return Fail(Errno.EINVAL);
        return (flags & Namespace) != 0 ? Fail(Errno.EPERM) : 0;
    }

    /// <summary>int setns(int fd, int nstype) — EBADF for a descriptor not open; EINVAL for one that is no namespace (or another type).</summary>
    [ShimExport("setns")]
    public static int setns(int fd, int nstype)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if (HostLibc.Available && d.Handle is { } handle)
            return HostLibc.setns((int)handle.DangerousGetHandle(), nstype) == 0 ? 0 : Fail(HostLibc.Errno);
        return Fail(Errno.EINVAL);
    }
}
