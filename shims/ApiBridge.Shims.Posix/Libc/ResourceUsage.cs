using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using HostProcess = System.Diagnostics.Process;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// wait4/wait3 (waitpid with resource usage) and getrusage. The bridge's children are .NET processes, which the
/// runtime reaps itself, so the host's own wait4 cannot report them: the usage of a reaped child is what
/// <see cref="ChildUsage"/> could learn of it — on Windows its user and kernel time and peak working set, read from
/// its process handle; on Linux its share of the host's children totals — and getrusage(RUSAGE_CHILDREN) adds up
/// the children the guest has waited for (times summed, ru_maxrss the largest). The caller's own usage is the
/// host's getrusage on Linux; on a Windows host the process's (or, for RUSAGE_THREAD, the thread's) user and
/// kernel time and its peak working set as ru_maxrss.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class ResourceUsage
{
    public const int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;

    /// <summary>
    /// pid_t wait4(pid_t pid, int *wstatus, int options, struct rusage *rusage) — waitpid's answer (and errors); the
    /// usage is written only when a child was reaped (a WNOHANG call that finds none leaves it alone, as Linux does).
    /// </summary>
    [ShimExport("wait4")]
    public static int wait4(int pid, int* wstatus, int options, Rusage* rusage) => Process.Wait(pid, wstatus, options, rusage);

    /// <summary>pid_t wait3(int *wstatus, int options, struct rusage *rusage) — wait4(-1, …).</summary>
    [ShimExport("wait3")]
    public static int wait3(int* wstatus, int options, Rusage* rusage) => wait4(-1, wstatus, options, rusage);

    /// <summary>int getrusage(int who, struct rusage *usage) — EINVAL for another who.</summary>
    [ShimExport("getrusage")]
    public static int getrusage(int who, Rusage* usage)
    {
        if (who is not (RUSAGE_SELF or RUSAGE_CHILDREN or RUSAGE_THREAD))
            return Fail(Errno.EINVAL);
        if (usage == null)
            return Fail(Errno.EFAULT);
        if (who == RUSAGE_CHILDREN)
        {
            *usage = PosixServices.Children.Waited;
            return 0;
        }
        if (HostLibc.Available)
            return HostLibc.getrusage(who, usage) == 0 ? 0 : Fail(HostLibc.Errno);
        *usage = default;
        if (who == RUSAGE_SELF)
        {
            using var self = HostProcess.GetCurrentProcess();
            usage->ru_utime = Rusage.FromTicks(self.UserProcessorTime.Ticks);
            usage->ru_stime = Rusage.FromTicks(self.PrivilegedProcessorTime.Ticks);
            usage->ru_maxrss = self.PeakWorkingSet64 / 1024;
        }
        else if (who == RUSAGE_THREAD)
        {
            long creation, exit, kernel, user;
            if (HostNative.GetThreadTimes(HostNative.GetCurrentThread(), &creation, &exit, &kernel, &user) != 0)
            {
                usage->ru_utime = Rusage.FromTicks(user);
                usage->ru_stime = Rusage.FromTicks(kernel);
            }
        }
        return 0;
    }
}
