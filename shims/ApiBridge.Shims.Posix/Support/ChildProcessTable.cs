using System.Diagnostics;
using ApiBridge.Shims.Posix.Native;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The children a guest started with posix_spawn, for waitpid: .NET's <see cref="Process"/> on every host (on
/// Linux the runtime reaps the children it starts, so the host's own waitpid must not be mixed in). A child can
/// also be a stand-in that never ran (<see cref="AddEnded"/>): what a fork+exec whose exec failed leaves the parent.
/// Also the figures getrusage(RUSAGE_CHILDREN) reports: the sum of the children the guest has waited for.
/// </summary>
public sealed class ChildProcessTable
{
    /// <summary>
    /// Stand-in pids start above Linux's largest possible pid (PID_MAX_LIMIT, 2^22) and are odd, while Windows
    /// pids are multiples of 4: no real process of either host can have one, so kill and waitpid never reach one.
    /// </summary>
    public const int FirstStandInPid = (1 << 22) + 1;

    private readonly object gate = new();
    private readonly Dictionary<int, Child> children = new();
    private int nextStandIn = FirstStandInPid;

    public sealed class Child
    {
        private readonly int endedStatus;

        public Child(Process process) => Process = process;

        private Child(int exitStatus) => endedStatus = exitStatus;

        /// <summary>The host process; null for a stand-in that never ran.</summary>
        public Process? Process { get; }

        /// <summary>The signal a guest's kill ended it with, if any.</summary>
        public int TerminatedBySignal { get; set; }

        public bool IsStandIn => Process is null;

        public bool HasExited => Process?.HasExited ?? true;

        public int ExitCode => Process?.ExitCode ?? endedStatus;

        public void WaitForExit() => Process?.WaitForExit();

        public void Release() => Process?.Dispose();

        internal static Child Ended(int exitStatus) => new(exitStatus);

        /// <summary>
        /// The pumps carrying the child's stdout and stderr to the guest's descriptors (<see cref="StandardStreamPump"/>):
        /// waitpid lets them finish, so a file or pipe holds the child's whole output once the guest has waited for it.
        /// </summary>
        public Task[] OutputPumps { get; set; } = [];

        /// <summary>The child's share of the host's children totals, set as .NET reports its end (Linux; <see cref="ChildUsage"/>).</summary>
        public TaskCompletionSource<Rusage> EndUsage { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// Waits for the output pumps once the child has ended. A grandchild that inherited the stream can keep it
        /// open long after; waitpid does not wait for that (the child has ended), so the wait is bounded.
        /// </summary>
        public void FinishOutput()
        {
            if (OutputPumps.Length > 0)
                Task.WaitAll(OutputPumps, TimeSpan.FromSeconds(5));
        }
    }

    private Rusage waited;

    public Child Add(Process process)
    {
        var child = new Child(process);
        lock (gate)
            children[process.Id] = child;
        return child;
    }

    /// <summary>Counts a reaped child's usage into the waited-for children's totals (times add up, ru_maxrss is the largest).</summary>
    public void AddWaited(in Rusage usage)
    {
        lock (gate)
        {
            waited.ru_utime = Add(waited.ru_utime, usage.ru_utime);
            waited.ru_stime = Add(waited.ru_stime, usage.ru_stime);
            waited.ru_maxrss = Math.Max(waited.ru_maxrss, usage.ru_maxrss);
            waited.ru_minflt += usage.ru_minflt;
            waited.ru_majflt += usage.ru_majflt;
            waited.ru_inblock += usage.ru_inblock;
            waited.ru_oublock += usage.ru_oublock;
            waited.ru_nvcsw += usage.ru_nvcsw;
            waited.ru_nivcsw += usage.ru_nivcsw;
        }
    }

    /// <summary>The totals of every child waited for so far (getrusage(RUSAGE_CHILDREN)).</summary>
    public Rusage Waited
    {
        get { lock (gate) return waited; }
    }

    private static Timeval Add(Timeval a, Timeval b)
    {
        var microseconds = a.tv_usec + b.tv_usec;
        return new Timeval { tv_sec = a.tv_sec + b.tv_sec + microseconds / 1_000_000, tv_usec = microseconds % 1_000_000 };
    }

    /// <summary>A child that has already exited with <paramref name="exitStatus"/> without running; returns its pid.</summary>
    public int AddEnded(int exitStatus)
    {
        lock (gate)
        {
            var pid = nextStandIn;
            nextStandIn += 2;
            children[pid] = Child.Ended(exitStatus);
            return pid;
        }
    }

    public Child? Find(int pid)
    {
        lock (gate)
            return children.TryGetValue(pid, out var child) ? child : null;
    }

    public IReadOnlyList<KeyValuePair<int, Child>> All()
    {
        lock (gate)
            return children.ToList();
    }

    public void Remove(int pid)
    {
        lock (gate)
            children.Remove(pid);
    }
}
