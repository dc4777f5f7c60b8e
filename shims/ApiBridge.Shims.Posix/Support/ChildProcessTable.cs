using System.Diagnostics;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The children a guest started with posix_spawn, for waitpid: .NET's <see cref="Process"/> on every host (on
/// Linux the runtime reaps the children it starts, so the host's own waitpid must not be mixed in).
/// </summary>
public sealed class ChildProcessTable
{
    private readonly object gate = new();
    private readonly Dictionary<int, Child> children = new();

    public sealed class Child(Process process)
    {
        public Process Process { get; } = process;

        /// <summary>The signal a guest's kill ended it with, if any.</summary>
        public int TerminatedBySignal { get; set; }
    }

    public void Add(Process process)
    {
        lock (gate)
            children[process.Id] = new Child(process);
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
