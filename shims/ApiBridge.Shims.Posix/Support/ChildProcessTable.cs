using System.Diagnostics;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The children a guest started with posix_spawn, for waitpid: .NET's <see cref="Process"/> on every host (on
/// Linux the runtime reaps the children it starts, so the host's own waitpid must not be mixed in). A child can
/// also be a stand-in that never ran (<see cref="AddEnded"/>): what a fork+exec whose exec failed leaves the parent.
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
    }

    public void Add(Process process)
    {
        lock (gate)
            children[process.Id] = new Child(process);
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
