namespace ApiBridge.Shims.Win32.Sync;

/// <summary>
/// An event, mutex or semaphore: the .NET wait handle that carries Windows' semantics for it, its name (null when
/// unnamed), and how many guest handles refer to it. When the last handle closes, the object and its name go, as on
/// Windows; a named object is found again by <see cref="NamedObjects"/> while it lives.
/// </summary>
internal abstract class SyncObject(string? name)
{
    private int handles;

    public string? Name { get; } = name;

    /// <summary>What waits wait on.</summary>
    public abstract WaitHandle WaitHandle { get; }

    /// <summary>A new guest handle to this object.</summary>
    public SyncHandle Open()
    {
        Interlocked.Increment(ref handles);
        return new SyncHandle(this);
    }

    /// <summary>
    /// One guest handle closed; the last one retires the object. A named one is retired under the name table's lock,
    /// so that no CreateEvent of the same name opens it again in between.
    /// </summary>
    public void Close()
    {
        if (Name is not null)
            NamedObjects.Close(this);
        else if (DropHandle())
            WaitHandle.Dispose();
    }

    /// <summary>True when that was the last handle.</summary>
    internal bool DropHandle() => Interlocked.Decrement(ref handles) == 0;
}

internal sealed class EventObject(string? name, bool manualReset, bool initialState) : SyncObject(name)
{
    public EventWaitHandle Event { get; } = new(initialState, manualReset ? EventResetMode.ManualReset : EventResetMode.AutoReset);

    public override WaitHandle WaitHandle => Event;
}

internal sealed class MutexObject(string? name, bool initiallyOwned) : SyncObject(name)
{
    // .NET's Mutex has Windows' semantics: owned by a thread, recursive, abandoned when its owner ends.
    public Mutex Mutex { get; } = new(initiallyOwned);

    public override WaitHandle WaitHandle => Mutex;
}

internal sealed class SemaphoreObject(string? name, int initialCount, int maximumCount) : SyncObject(name)
{
    public Semaphore Semaphore { get; } = new(initialCount, maximumCount);

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
