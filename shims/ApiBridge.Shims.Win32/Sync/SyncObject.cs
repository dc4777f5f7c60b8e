namespace ApiBridge.Shims.Win32.Sync;

/// <summary>
/// An event, mutex or semaphore: its name (null when unnamed) and how many guest handles refer to it. When the last
/// handle closes, the object and its name go, as on Windows. Two kinds: <see cref="LocalSyncObject"/>, a .NET wait
/// handle within the process, and <see cref="Shared.SharedObject"/>, a named object every process of the prefix sees.
/// </summary>
internal abstract class SyncObject(string? name)
{
    private int handles;

    public string? Name { get; } = name;

    /// <summary>A new guest handle to this object.</summary>
    public SyncHandle Open()
    {
        Interlocked.Increment(ref handles);
        return new SyncHandle(this);
    }

    /// <summary>One guest handle closed; the last one retires the object.</summary>
    public abstract void Close();

    /// <summary>True when that was the last handle.</summary>
    internal bool DropHandle() => Interlocked.Decrement(ref handles) == 0;
}

/// <summary>
/// An object of this process alone: the .NET wait handle that carries Windows' semantics for it. A named one is found
/// again by <see cref="NamedObjects"/> while it lives (on hosts without <see cref="Shared.SharedNamespace"/>).
/// </summary>
internal abstract class LocalSyncObject(string? name) : SyncObject(name)
{
    /// <summary>What waits wait on.</summary>
    public abstract WaitHandle WaitHandle { get; }

    /// <summary>A named one is retired under the name table's lock, so that no CreateEvent of the same name opens it again in between.</summary>
    public override void Close()
    {
        if (Name is not null)
            NamedObjects.Close(this);
        else if (DropHandle())
            WaitHandle.Dispose();
    }
}

internal sealed class EventObject : LocalSyncObject
{
    public EventObject(string? name, bool manualReset, bool initialState) : base(name) =>
        Event = new(initialState, manualReset ? EventResetMode.ManualReset : EventResetMode.AutoReset);

    /// <summary>An event the host made (<see cref="HostNamedObjects"/>): its kernel object carries the reset mode.</summary>
    public EventObject(string name, EventWaitHandle host) : base(name) => Event = host;

    public EventWaitHandle Event { get; }

    public override WaitHandle WaitHandle => Event;
}

internal sealed class MutexObject : LocalSyncObject
{
    // .NET's Mutex has Windows' semantics: owned by a thread, recursive, abandoned when its owner ends.
    public MutexObject(string? name, bool initiallyOwned) : base(name) => Mutex = new(initiallyOwned);

    public MutexObject(string name, Mutex host) : base(name) => Mutex = host;

    public Mutex Mutex { get; }

    public override WaitHandle WaitHandle => Mutex;
}

internal sealed class SemaphoreObject : LocalSyncObject
{
    public SemaphoreObject(string? name, int initialCount, int maximumCount) : base(name) => Semaphore = new(initialCount, maximumCount);

    public SemaphoreObject(string name, Semaphore host) : base(name) => Semaphore = host;

    public Semaphore Semaphore { get; }

    public override WaitHandle WaitHandle => Semaphore;
}

/// <summary>The handle table's entry for a synchronization object: closing it (CloseHandle disposes it) closes one reference.</summary>
internal sealed class SyncHandle(SyncObject target) : IDisposable
{
    private int closed;

    public SyncObject Object { get; } = target;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref closed, 1) == 0)
            Object.Close();
    }
}
