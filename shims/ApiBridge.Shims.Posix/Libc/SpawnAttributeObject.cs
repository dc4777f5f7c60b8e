using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// posix_spawnattr_*: the getters and setters of a posix_spawnattr_t, on glibc's layout of it
/// (<see cref="SpawnAttributes"/>), so posix_spawn reads back what the guest set. They only touch the guest's
/// object, the same on every host, and return an error number (errno untouched) as glibc's do: setflags refuses
/// unknown bits and setschedpolicy a policy other than SCHED_OTHER, SCHED_FIFO and SCHED_RR with EINVAL. Which
/// flags posix_spawn can honour is posix_spawn's business (see <see cref="Process"/>).
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class SpawnAttributeObject
{
    private const int SCHED_OTHER = 0, SCHED_FIFO = 1, SCHED_RR = 2;

    /// <summary>int posix_spawnattr_init(posix_spawnattr_t *attr) — no flags, empty signal sets, group 0.</summary>
    [ShimExport("posix_spawnattr_init")]
    public static int posix_spawnattr_init(SpawnAttributes* attr)
    {
        if (attr == null)
            return Errno.EINVAL; // glibc would fault on NULL
        *attr = default;
        return 0;
    }

    /// <summary>int posix_spawnattr_destroy(posix_spawnattr_t *attr) — nothing to free; 0.</summary>
    [ShimExport("posix_spawnattr_destroy")]
    public static int posix_spawnattr_destroy(SpawnAttributes* attr) => attr == null ? Errno.EINVAL : 0;

    /// <summary>int posix_spawnattr_getflags(const posix_spawnattr_t *attr, short *flags)</summary>
    [ShimExport("posix_spawnattr_getflags")]
    public static int posix_spawnattr_getflags(SpawnAttributes* attr, short* flags)
    {
        if (attr == null || flags == null)
            return Errno.EINVAL;
        *flags = attr->Flags;
        return 0;
    }

    /// <summary>
    /// int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags) — EINVAL for a bit spawn.h does not define.
    /// The parameter is C's short, as guests declare it (the binder matches integers by size).
    /// </summary>
    [ShimExport("posix_spawnattr_setflags")]
    public static int posix_spawnattr_setflags(SpawnAttributes* attr, short flags)
    {
        if (attr == null || (flags & ~SpawnAttributes.AllFlags) != 0)
            return Errno.EINVAL;
        attr->Flags = flags;
        return 0;
    }

    /// <summary>int posix_spawnattr_getpgroup(const posix_spawnattr_t *attr, pid_t *pgroup)</summary>
    [ShimExport("posix_spawnattr_getpgroup")]
    public static int posix_spawnattr_getpgroup(SpawnAttributes* attr, int* pgroup)
    {
        if (attr == null || pgroup == null)
            return Errno.EINVAL;
        *pgroup = attr->ProcessGroup;
        return 0;
    }

    /// <summary>int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup) — used with POSIX_SPAWN_SETPGROUP (0: a group of the child's own).</summary>
    [ShimExport("posix_spawnattr_setpgroup")]
    public static int posix_spawnattr_setpgroup(SpawnAttributes* attr, int pgroup)
    {
        if (attr == null)
            return Errno.EINVAL;
        attr->ProcessGroup = pgroup;
        return 0;
    }

    /// <summary>int posix_spawnattr_getsigdefault(const posix_spawnattr_t *attr, sigset_t *sigdefault)</summary>
    [ShimExport("posix_spawnattr_getsigdefault")]
    public static int posix_spawnattr_getsigdefault(SpawnAttributes* attr, byte* sigdefault) =>
        CopySet(attr == null ? null : attr->SignalsToDefault, sigdefault);

    /// <summary>int posix_spawnattr_setsigdefault(posix_spawnattr_t *attr, const sigset_t *sigdefault)</summary>
    [ShimExport("posix_spawnattr_setsigdefault")]
    public static int posix_spawnattr_setsigdefault(SpawnAttributes* attr, byte* sigdefault) =>
        CopySet(sigdefault, attr == null ? null : attr->SignalsToDefault);

    /// <summary>int posix_spawnattr_getsigmask(const posix_spawnattr_t *attr, sigset_t *sigmask)</summary>
    [ShimExport("posix_spawnattr_getsigmask")]
    public static int posix_spawnattr_getsigmask(SpawnAttributes* attr, byte* sigmask) =>
        CopySet(attr == null ? null : attr->SignalMask, sigmask);

    /// <summary>int posix_spawnattr_setsigmask(posix_spawnattr_t *attr, const sigset_t *sigmask)</summary>
    [ShimExport("posix_spawnattr_setsigmask")]
    public static int posix_spawnattr_setsigmask(SpawnAttributes* attr, byte* sigmask) =>
        CopySet(sigmask, attr == null ? null : attr->SignalMask);

    /// <summary>int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *attr, int *schedpolicy)</summary>
    [ShimExport("posix_spawnattr_getschedpolicy")]
    public static int posix_spawnattr_getschedpolicy(SpawnAttributes* attr, int* schedpolicy)
    {
        if (attr == null || schedpolicy == null)
            return Errno.EINVAL;
        *schedpolicy = attr->SchedulingPolicy;
        return 0;
    }

    /// <summary>int posix_spawnattr_setschedpolicy(posix_spawnattr_t *attr, int schedpolicy) — SCHED_OTHER, SCHED_FIFO or SCHED_RR; else EINVAL.</summary>
    [ShimExport("posix_spawnattr_setschedpolicy")]
    public static int posix_spawnattr_setschedpolicy(SpawnAttributes* attr, int schedpolicy)
    {
        if (attr == null || schedpolicy is not (SCHED_OTHER or SCHED_FIFO or SCHED_RR))
            return Errno.EINVAL;
        attr->SchedulingPolicy = schedpolicy;
        return 0;
    }

    /// <summary>int posix_spawnattr_getschedparam(const posix_spawnattr_t *attr, struct sched_param *schedparam)</summary>
    [ShimExport("posix_spawnattr_getschedparam")]
    public static int posix_spawnattr_getschedparam(SpawnAttributes* attr, int* schedparam)
    {
        if (attr == null || schedparam == null)
            return Errno.EINVAL;
        *schedparam = attr->SchedulingPriority;
        return 0;
    }

    /// <summary>int posix_spawnattr_setschedparam(posix_spawnattr_t *attr, const struct sched_param *schedparam)</summary>
    [ShimExport("posix_spawnattr_setschedparam")]
    public static int posix_spawnattr_setschedparam(SpawnAttributes* attr, int* schedparam)
    {
        if (attr == null || schedparam == null)
            return Errno.EINVAL;
        attr->SchedulingPriority = *schedparam;
        return 0;
    }

    /// <summary>Copies a whole sigset_t (128 bytes), as glibc's memcpy does.</summary>
    private static int CopySet(byte* from, byte* to)
    {
        if (from == null || to == null)
            return Errno.EINVAL;
        Buffer.MemoryCopy(from, to, SpawnAttributes.SigsetSize, SpawnAttributes.SigsetSize);
        return 0;
    }
}
