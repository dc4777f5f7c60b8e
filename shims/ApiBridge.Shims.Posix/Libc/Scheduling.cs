using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using HostProcess = System.Diagnostics.Process;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// The scheduler queries and CPU affinity: sched_get_priority_max/min, sched_getscheduler, sched_getcpu,
/// sched_getaffinity/sched_setaffinity. A Linux host answers itself. On a Windows host every guest thread runs under
/// SCHED_OTHER (Windows' priority classes are nice's business, see SystemInfo), the priority ranges are Linux's, and
/// affinity is the process's affinity mask (Windows keeps one per process; Linux's per-thread mask of the caller is
/// the process's there) — a cpu_set_t of bits, one per processor.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class Scheduling
{
    public const int SCHED_OTHER = 0, SCHED_FIFO = 1, SCHED_RR = 2, SCHED_BATCH = 3, SCHED_IDLE = 5, SCHED_DEADLINE = 6;

    /// <summary>int sched_get_priority_max(int policy) — 99 for the real-time policies, 0 for the others; EINVAL for an unknown policy.</summary>
    [ShimExport("sched_get_priority_max")]
    public static int sched_get_priority_max(int policy) =>
        HostLibc.Available ? Host(HostLibc.sched_get_priority_max(policy)) : PriorityLimit(policy, max: true);

    /// <summary>int sched_get_priority_min(int policy) — 1 for the real-time policies, 0 for the others; EINVAL for an unknown policy.</summary>
    [ShimExport("sched_get_priority_min")]
    public static int sched_get_priority_min(int policy) =>
        HostLibc.Available ? Host(HostLibc.sched_get_priority_min(policy)) : PriorityLimit(policy, max: false);

    /// <summary>Linux's priority range of a policy, as a Windows host answers it (public for the tests, which hold it against Linux's).</summary>
    public static int PriorityLimit(int policy, bool max) => policy switch
    {
        SCHED_FIFO or SCHED_RR => max ? 99 : 1,
        SCHED_OTHER or SCHED_BATCH or SCHED_IDLE or SCHED_DEADLINE => 0,
        _ => Fail(Errno.EINVAL),
    };

    /// <summary>int sched_getscheduler(pid_t pid) — the policy of pid (0: the caller); negative EINVAL; no such process ESRCH.</summary>
    [ShimExport("sched_getscheduler")]
    public static int sched_getscheduler(int pid)
    {
        if (HostLibc.Available)
            return Host(HostLibc.sched_getscheduler(pid));
        if (pid < 0)
            return Fail(Errno.EINVAL);
        return pid == 0 || Exists(pid) ? SCHED_OTHER : Fail(Errno.ESRCH);
    }

    /// <summary>int sched_getcpu(void) — the processor the calling thread is running on (it may move right after).</summary>
    [ShimExport("sched_getcpu")]
    public static int sched_getcpu() => HostLibc.Available ? Host(HostLibc.sched_getcpu()) : Thread.GetCurrentProcessorId();

    /// <summary>
    /// int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask) — the processors pid (0: the caller) may
    /// run on; the set must hold a bit per processor and be a whole number of longs (EINVAL), the bytes past the
    /// processors are zeroed; ESRCH for no such process.
    /// </summary>
    [ShimExport("sched_getaffinity")]
    public static int sched_getaffinity(int pid, nuint cpusetsize, byte* mask)
    {
        if (HostLibc.Available)
            return Host(HostLibc.sched_getaffinity(pid, cpusetsize, mask));
        if (cpusetsize * 8 < (nuint)System.Environment.ProcessorCount || cpusetsize % 8 != 0)
            return Fail(Errno.EINVAL);
        if (mask == null)
            return Fail(Errno.EFAULT);
        if (!TryProcess(pid, out var process))
            return Fail(Errno.ESRCH);
        using (process)
        {
            var bits = (ulong)process.ProcessorAffinity;
            new Span<byte>(mask, (int)cpusetsize).Clear();
            for (var i = 0; i < Math.Min(64, (int)cpusetsize * 8); i++)
            {
                if ((bits & (1UL << i)) != 0)
                    mask[i / 8] |= (byte)(1 << (i % 8));
            }
        }
        return 0;
    }

    /// <summary>
    /// int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask) — bits for processors that do not
    /// exist are ignored; a set naming none that does: EINVAL; ESRCH for no such process, EPERM for one not the guest's.
    /// </summary>
    [ShimExport("sched_setaffinity")]
    public static int sched_setaffinity(int pid, nuint cpusetsize, byte* mask)
    {
        if (HostLibc.Available)
            return Host(HostLibc.sched_setaffinity(pid, cpusetsize, mask));
        if (mask == null)
            return Fail(Errno.EFAULT);
        ulong bits = 0;
        var count = Math.Min(System.Environment.ProcessorCount, 64);
        for (var i = 0; i < count && (nuint)(i / 8) < cpusetsize; i++)
        {
            if ((mask[i / 8] & (1 << (i % 8))) != 0)
                bits |= 1UL << i;
        }
        if (bits == 0)
            return Fail(Errno.EINVAL);
        if (!TryProcess(pid, out var process))
            return Fail(Errno.ESRCH);
        using (process)
        {
            try
            {
                process.ProcessorAffinity = (nint)bits;
                return 0;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
            {
                return Fail(Errno.EPERM);
            }
        }
    }

    private static bool TryProcess(int pid, out HostProcess process)
    {
        try
        {
            process = pid == 0 || pid == Bridge.Environment.ProcessId ? HostProcess.GetCurrentProcess() : HostProcess.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            process = null!;
            return false;
        }
    }

    /// <summary>
    /// int sched_rr_get_interval(pid_t pid, struct timespec *tp) — the round-robin time slice of pid (0: the caller);
    /// negative EINVAL, no such process ESRCH. A Windows host's threads are all SCHED_OTHER, for which Linux's
    /// CFS answers 0 here.
    /// </summary>
    [ShimExport("sched_rr_get_interval")]
    public static int sched_rr_get_interval(int pid, Native.Timespec* tp)
    {
        if (HostLibc.Available)
            return Host(HostLibc.sched_rr_get_interval(pid, tp));
        if (pid < 0)
            return Fail(Errno.EINVAL);
        if (pid != 0 && !Exists(pid))
            return Fail(Errno.ESRCH);
        if (tp == null)
            return Fail(Errno.EFAULT);
        *tp = default;
        return 0;
    }

    internal static bool Exists(int pid)
    {
        if (!TryProcess(pid, out var process))
            return false;
        process.Dispose();
        return true;
    }

    private static int Host(int result) => result < 0 ? Fail(HostLibc.Errno) : result;
}
