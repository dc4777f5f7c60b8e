using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Sync.Shared;

internal enum SharedKind
{
    None = 0,
    Event = 1,
    Mutex = 2,
    Semaphore = 3,
}

/// <summary>A thread of some process of the prefix: host process id and host thread id (Linux tid).</summary>
internal readonly record struct ThreadIdentity(int Process, int Thread)
{
    public bool IsNone => Process == 0;
}

/// <summary>What one wait did to an object.</summary>
internal enum Acquire
{
    NotSignalled,
    Acquired,
    /// <summary>A mutex whose owner thread ended without releasing it: acquired, and the wait says WAIT_ABANDONED.</summary>
    Abandoned,
}

/// <summary>
/// One named event, mutex or semaphore as every process of the prefix sees it: the bytes of its <see cref="ObjectFile"/>.
/// The rules are Windows' (Microsoft's docs, Wine's server/event.c, mutex.c, semaphore.c), in one place for all
/// processes: a wait acquires an auto-reset event, a semaphore count or a mutex (recursively for its owner); a mutex
/// whose owner thread is gone is acquired as abandoned. Changed only under the file's state lock.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal record struct SharedState
{
    public SharedKind Kind;
    /// <summary>Event: 1 when manual-reset. Semaphore: its maximum count.</summary>
    public int Flag;
    /// <summary>Event: 1 when set. Mutex: how many times its owner holds it. Semaphore: its count.</summary>
    public int Value;
    public int OwnerProcess;
    public int OwnerThread;

    public readonly ThreadIdentity Owner => new(OwnerProcess, OwnerThread);

    public static SharedState NewEvent(bool manualReset, bool initialState) =>
        new() { Kind = SharedKind.Event, Flag = manualReset ? 1 : 0, Value = initialState ? 1 : 0 };

    public static SharedState NewMutex(ThreadIdentity? initialOwner) => initialOwner is { } owner
        ? new() { Kind = SharedKind.Mutex, Value = 1, OwnerProcess = owner.Process, OwnerThread = owner.Thread }
        : new() { Kind = SharedKind.Mutex };

    public static SharedState NewSemaphore(int initialCount, int maximumCount) =>
        new() { Kind = SharedKind.Semaphore, Flag = maximumCount, Value = initialCount };

    /// <summary>Whether a wait by <paramref name="me"/> would acquire the object now (what wait-all checks before taking anything).</summary>
    public readonly bool IsSignalledFor(ThreadIdentity me, Func<ThreadIdentity, bool> alive) => Kind switch
    {
        SharedKind.Event or SharedKind.Semaphore => Value > 0,
        SharedKind.Mutex => Value == 0 || Owner == me || !alive(Owner),
        _ => false,
    };

    /// <summary>One wait's effect: the event reset (auto-reset), the count taken, or the mutex owned (once more).</summary>
    public Acquire TryAcquire(ThreadIdentity me, Func<ThreadIdentity, bool> alive)
    {
        switch (Kind)
        {
            case SharedKind.Event when Value > 0:
                if (Flag == 0)
                    Value = 0;
                return Acquire.Acquired;
            case SharedKind.Semaphore when Value > 0:
                Value--;
                return Acquire.Acquired;
            case SharedKind.Mutex when Value > 0 && Owner == me:
                Value++;
                return Acquire.Acquired;
            case SharedKind.Mutex:
                var abandoned = Value > 0 && !alive(Owner);
                if (Value > 0 && !abandoned)
                    return Acquire.NotSignalled;
                (Value, OwnerProcess, OwnerThread) = (1, me.Process, me.Thread);
                return abandoned ? Acquire.Abandoned : Acquire.Acquired;
            default:
                return Acquire.NotSignalled;
        }
    }

    /// <summary>ReleaseMutex: false (ERROR_NOT_OWNER) unless <paramref name="me"/> owns it.</summary>
    public bool ReleaseMutex(ThreadIdentity me)
    {
        if (Value == 0 || Owner != me)
            return false;
        if (--Value == 0)
            (OwnerProcess, OwnerThread) = (0, 0);
        return true;
    }

    /// <summary>ReleaseSemaphore: false (ERROR_TOO_MANY_POSTS, nothing changed) past the maximum, else the count before.</summary>
    public bool ReleaseSemaphore(int count, out int previous)
    {
        previous = Value;
        if ((long)Value + count > Flag)
            return false;
        Value += count;
        return true;
    }
}
