using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// getrlimit/setrlimit/prlimit and their *64 forms (the same functions on x86-64, where rlim_t is 64 bits already).
/// A Linux host answers and enforces them itself (prlimit of the host). A Windows host has no resource limits:
/// <see cref="ResourceLimitTable"/> keeps Linux's defaults per process and applies Linux's rules for changing them,
/// but nothing but RLIMIT_NOFILE's size (the descriptor table's) is enforced by them; prlimit of another process is
/// EPERM there (its limits are not the bridge's to change), ESRCH when there is no such process.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class ResourceLimits
{
    /// <summary>
    /// int getrlimit(int resource, struct rlimit *rlim) — EINVAL for an unknown resource. glibc makes it prlimit64 of
    /// the caller, so a NULL rlim asks for nothing and succeeds (no EFAULT), as here.
    /// </summary>
    [ShimExport("getrlimit")]
    [ShimExport("getrlimit64")]
    public static int getrlimit(int resource, Rlimit* rlim) => prlimit(0, resource, null, rlim);

    /// <summary>
    /// int setrlimit(int resource, const struct rlimit *rlim) — EINVAL (unknown resource, soft above hard), EPERM
    /// (hard raised); a NULL rlim, as glibc's prlimit64 of the caller, changes nothing and succeeds.
    /// </summary>
    [ShimExport("setrlimit")]
    [ShimExport("setrlimit64")]
    public static int setrlimit(int resource, Rlimit* rlim) => prlimit(0, resource, rlim, null);

    /// <summary>
    /// int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit) — pid 0 is the
    /// caller; either pointer may be NULL; old_limit gets the limits from before the change.
    /// </summary>
    [ShimExport("prlimit")]
    [ShimExport("prlimit64")]
    public static int prlimit(int pid, int resource, Rlimit* newLimit, Rlimit* oldLimit)
    {
        if (HostLibc.Available)
            return HostLibc.prlimit(pid, resource, newLimit, oldLimit) == 0 ? 0 : Fail(HostLibc.Errno);
        if (pid < 0)
            return Fail(Errno.ESRCH); // the kernel looks a negative pid up and finds nothing
        if (pid != 0 && pid != Bridge.Environment.ProcessId)
            return Fail(Scheduling.Exists(pid) ? Errno.EPERM : Errno.ESRCH);
        return Windows(PosixServices.Limits, resource, newLimit, oldLimit);
    }

    /// <summary>The Windows-host answer over a limit table (public for the tests, which run it on Linux).</summary>
    public static int Windows(ResourceLimitTable table, int resource, Rlimit* newLimit, Rlimit* oldLimit)
    {
        int error;
        Rlimit old;
        if (newLimit != null)
            error = table.Set(resource, *newLimit, out old);
        else
            error = table.Get(resource, out old);
        if (error != 0)
            return Fail(error);
        if (oldLimit != null)
            *oldLimit = old;
        return 0;
    }
}
