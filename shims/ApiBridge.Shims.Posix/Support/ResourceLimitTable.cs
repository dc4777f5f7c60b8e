using ApiBridge.Shims.Posix.Native;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// A Windows host's resource limits of the guest process (Windows has no rlimits): Linux's defaults for an ordinary
/// user's login, kept per process and changed by setrlimit under Linux's rules for a caller without
/// CAP_SYS_RESOURCE — the soft limit at most the hard one (EINVAL), the hard one only lowered (EPERM). RLIMIT_NOFILE
/// is the descriptor table's size (<see cref="FileDescriptorTable.Limit"/>), which cannot grow. Public for the tests,
/// which run it on a Linux host.
/// </summary>
public sealed class ResourceLimitTable
{
    public const int RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3, RLIMIT_CORE = 4,
        RLIMIT_RSS = 5, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9, RLIMIT_LOCKS = 10,
        RLIMIT_SIGPENDING = 11, RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13, RLIMIT_RTPRIO = 14, RLIMIT_RTTIME = 15;

    /// <summary>RLIM_NLIMITS: a resource number at or past it is EINVAL.</summary>
    public const int Count = 16;

    private const ulong Inf = Rlimit.Infinity;

    private readonly Rlimit[] limits =
    [
        new(Inf, Inf), // CPU
        new(Inf, Inf), // FSIZE
        new(Inf, Inf), // DATA
        new(8UL << 20, Inf), // STACK: 8 MiB, the soft limit of every Linux distribution's login
        new(0, Inf), // CORE: no core files unless asked for (systemd's default)
        new(Inf, Inf), // RSS
        new(Inf, Inf), // NPROC: Windows sets no process count
        new(FileDescriptorTable.Limit, FileDescriptorTable.Limit), // NOFILE
        new(8UL << 20, 8UL << 20), // MEMLOCK: Linux 5.16's 8 MiB
        new(Inf, Inf), // AS
        new(Inf, Inf), // LOCKS
        new(63_471, 63_471), // SIGPENDING: what Linux derives for an 8 GiB machine; no signal is ever queued here
        new(819_200, 819_200), // MSGQUEUE: the kernel's default
        new(0, 0), // NICE: an unprivileged user may not raise priority
        new(0, 0), // RTPRIO: no real-time scheduling (every thread is SCHED_OTHER)
        new(Inf, Inf), // RTTIME
    ];

    /// <summary>The limits of <paramref name="resource"/>, or EINVAL.</summary>
    public int Get(int resource, out Rlimit limit)
    {
        limit = default;
        if ((uint)resource >= Count)
            return Errno.EINVAL;
        lock (limits)
            limit = limits[resource];
        return 0;
    }

    /// <summary>
    /// Sets the limits (old gets the previous ones), checked as Linux's do_prlimit checks: EINVAL for an unknown
    /// resource or a soft limit above the hard one, EPERM for a hard limit raised, EPERM for RLIMIT_NOFILE above
    /// the table (Linux's nr_open check).
    /// </summary>
    public int Set(int resource, in Rlimit value, out Rlimit old)
    {
        old = default;
        if ((uint)resource >= Count || value.rlim_cur > value.rlim_max)
            return Errno.EINVAL;
        lock (limits)
        {
            var current = limits[resource];
            if (value.rlim_max > current.rlim_max)
                return Errno.EPERM;
            if (resource == RLIMIT_NOFILE && value.rlim_max > FileDescriptorTable.Limit)
                return Errno.EPERM;
            old = current;
            limits[resource] = value;
        }
        return 0;
    }
}
