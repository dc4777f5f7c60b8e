using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// What the scheduling calls set and read back: per process its priority class, background mode, priority boost,
/// affinity and working-set limits; per thread (by id) its priority, boost, affinity and ideal processor. Windows keeps
/// these in the kernel; the bridge keeps what the guest set (and passes what the host can honour on to it), so a guest
/// reads back what it wrote, as on Windows.
/// </summary>
public sealed class SchedulingState
{
    public const uint NORMAL_PRIORITY_CLASS = 0x20;

    private static readonly ConditionalWeakTable<ProcessObject, SchedulingState> Processes = new();
    private static readonly ConcurrentDictionary<int, ThreadState> ThreadStates = new();

    public static SchedulingState Of(ProcessObject process) => Processes.GetValue(process, _ => new SchedulingState());

    public static ThreadState OfThread(int threadId) => ThreadStates.GetOrAdd(threadId, _ => new ThreadState());

    public object Gate { get; } = new();
    public uint PriorityClass { get; set; } = NORMAL_PRIORITY_CLASS;
    public bool Background { get; set; }
    public bool BoostDisabled { get; set; }
    public ulong? Affinity { get; set; }
    public (nuint Minimum, nuint Maximum, uint Flags)? WorkingSet { get; set; }

    public sealed class ThreadState
    {
        public object Gate { get; } = new();
        public int Priority { get; set; }
        public bool Background { get; set; }
        public bool BoostDisabled { get; set; }
        public ulong? Affinity { get; set; }
        public uint IdealProcessor { get; set; }
    }
}
