using System.Collections.Concurrent;

namespace ApiBridge.Shims.Win32.Sync;

/// <summary>
/// The objects behind the guest's CRITICAL_SECTION and CONDITION_VARIABLE structures, found by the structure's
/// address: the guest owns the memory, the bridge keeps the lock and the waiters. A critical section is a monitor
/// (thread-owned and recursive, as Windows'); a condition variable is a list of sleepers woken one or all at a time.
/// </summary>
public static class CriticalSectionTable
{
    private static readonly ConcurrentDictionary<nint, object> Sections = new();
    private static readonly ConcurrentDictionary<nint, ConditionVariable> Conditions = new();

    /// <summary>The monitor of a section (made on first use, as a zeroed static CRITICAL_SECTION works on Windows after Initialize).</summary>
    public static object Section(nint address) => Sections.GetOrAdd(address, _ => new object());

    public static void Reset(nint address) => Sections[address] = new object();

    public static void Delete(nint address) => Sections.TryRemove(address, out _);

    public static ConditionVariable Condition(nint address) => Conditions.GetOrAdd(address, _ => new ConditionVariable());

    /// <summary>Sleepers in arrival order; Wake releases the oldest, WakeAll every one.</summary>
    public sealed class ConditionVariable
    {
        private readonly LinkedList<SemaphoreSlim> sleepers = new();

        /// <summary>Registers a sleeper before the caller leaves its lock, so no wake between the two is lost.</summary>
        public LinkedListNode<SemaphoreSlim> Enqueue()
        {
            lock (sleepers)
                return sleepers.AddLast(new SemaphoreSlim(0, 1));
        }

        /// <summary>Waits to be woken; false on timeout (the sleeper is withdrawn, unless a wake already took it).</summary>
        public bool Sleep(LinkedListNode<SemaphoreSlim> sleeper, int milliseconds)
        {
            if (sleeper.Value.Wait(milliseconds))
                return true;
            lock (sleepers)
            {
                if (sleeper.List is not null)
                {
                    sleepers.Remove(sleeper);
                    return false;
                }
            }
            sleeper.Value.Wait(); // a wake chose it as it timed out: take the wake
            return true;
        }

        public void Wake(bool all)
        {
            lock (sleepers)
            {
                while (sleepers.First is { } first)
                {
                    sleepers.RemoveFirst();
                    first.Value.Release();
                    if (!all)
                        break;
                }
            }
        }
    }
}
