using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Native;
using HostProcess = System.Diagnostics.Process;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The resource usage of a child that ended, for wait4 and getrusage(RUSAGE_CHILDREN). .NET reaps the children it
/// starts itself, so the host's own wait4 never sees them; what the host can still tell differs:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Windows: the process handle outlives the process, so its user and kernel time and its peak working set
/// (GetProcessMemoryInfo) are read from it when the guest waits.</item>
/// <item>Linux: a reaped child's figures exist only in the kernel's totals for the caller's waited-for children
/// (the host's getrusage(RUSAGE_CHILDREN)), which grow as the runtime reaps each child. Each child's share is the
/// growth seen when .NET reports it ended (its Exited event). Exact for one child at a time; two ending at the same
/// instant, or a child the process started otherwise (Process.Start, exec) ending in between, can shift time from
/// one to the other. ru_maxrss is the kernel's: the largest of the children so far, so exact for the largest and
/// an upper bound for a smaller one that ends after it.</item>
/// </list>
/// </remarks>
internal static unsafe class ChildUsage
{
    private static readonly object Gate = new();
    private static Rusage lastTotal;
    private static bool counting;

    /// <summary>Before a child starts (Linux): takes the baseline the first child's share is measured from.</summary>
    public static void BeforeStart()
    {
        if (!HostLibc.Available)
            return;
        lock (Gate)
        {
            if (counting)
                return;
            Rusage total;
            if (HostLibc.getrusage(-1, &total) == 0)
                lastTotal = total;
            counting = true;
        }
    }

    /// <summary>After the child started (Linux): its share is taken as .NET reports its end.</summary>
    public static void Watch(ChildProcessTable.Child child)
    {
        if (!HostLibc.Available || child.Process is null)
            return;
        child.Process.Exited += (_, _) => child.EndUsage.TrySetResult(TakeShare());
        child.Process.EnableRaisingEvents = true; // raises Exited at once for a child that already ended
    }

    /// <summary>What wait4 reports for a child that ended (waited for: the guest is reaping it).</summary>
    public static Rusage Collect(ChildProcessTable.Child child)
    {
        if (child.Process is null)
            return default; // a stand-in that never ran used nothing
        if (HostLibc.Available)
        {
            // .NET raises Exited just after reaping; a second is far more than that takes.
            var ended = child.EndUsage.Task;
            return ended.Wait(TimeSpan.FromSeconds(1)) ? ended.Result : default;
        }
        return OperatingSystem.IsWindows() ? FromHandle(child.Process) : default;
    }

    private static Rusage TakeShare()
    {
        lock (Gate)
        {
            Rusage total;
            if (HostLibc.getrusage(-1, &total) != 0)
                return default;
            var share = new Rusage
            {
                ru_utime = Difference(total.ru_utime, lastTotal.ru_utime),
                ru_stime = Difference(total.ru_stime, lastTotal.ru_stime),
                ru_maxrss = total.ru_maxrss,
                ru_minflt = total.ru_minflt - lastTotal.ru_minflt,
                ru_majflt = total.ru_majflt - lastTotal.ru_majflt,
                ru_inblock = total.ru_inblock - lastTotal.ru_inblock,
                ru_oublock = total.ru_oublock - lastTotal.ru_oublock,
                ru_nvcsw = total.ru_nvcsw - lastTotal.ru_nvcsw,
                ru_nivcsw = total.ru_nivcsw - lastTotal.ru_nivcsw,
            };
            lastTotal = total;
            return share;
        }
    }

    private static Timeval Difference(Timeval later, Timeval earlier)
    {
        var microseconds = (later.tv_sec - earlier.tv_sec) * 1_000_000 + (later.tv_usec - earlier.tv_usec);
        if (microseconds < 0)
            microseconds = 0;
        return new Timeval { tv_sec = microseconds / 1_000_000, tv_usec = microseconds % 1_000_000 };
    }

    private static Rusage FromHandle(HostProcess process)
    {
        var usage = default(Rusage);
        try
        {
            usage.ru_utime = Rusage.FromTicks(process.UserProcessorTime.Ticks);
            usage.ru_stime = Rusage.FromTicks(process.PrivilegedProcessorTime.Ticks);
            var counters = new MemoryCounters { Size = (uint)sizeof(MemoryCounters) };
            if (K32GetProcessMemoryInfo(process.Handle, &counters, counters.Size) != 0)
            {
                usage.ru_maxrss = (long)(counters.PeakWorkingSetSize / 1024);
                usage.ru_minflt = counters.PageFaultCount; // Windows counts soft and hard faults together
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // The handle is gone (disposed elsewhere): nothing more the host can tell.
        }
        return usage;
    }

    /// <summary>PROCESS_MEMORY_COUNTERS (x64).</summary>
    private struct MemoryCounters
    {
        public uint Size, PageFaultCount;
        public nuint PeakWorkingSetSize, WorkingSetSize, QuotaPeakPagedPoolUsage, QuotaPagedPoolUsage,
            QuotaPeakNonPagedPoolUsage, QuotaNonPagedPoolUsage, PagefileUsage, PeakPagefileUsage;
    }

    [DllImport("kernel32", EntryPoint = "K32GetProcessMemoryInfo")]
    private static extern int K32GetProcessMemoryInfo(IntPtr process, MemoryCounters* counters, uint size);
}
