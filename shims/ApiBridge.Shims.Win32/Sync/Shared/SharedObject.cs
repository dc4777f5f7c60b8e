namespace ApiBridge.Shims.Win32.Sync.Shared;

/// <summary>
/// This process's view of a named event, mutex or semaphore that every process of the prefix shares: its
/// <see cref="ObjectFile"/>, opened once per process whatever the number of handles, and the operations of
/// kernel32's exports on its <see cref="SharedState"/>. Its last handle closed gives the name back to the
/// <see cref="SharedNamespace"/>, which drops this process's presence.
/// </summary>
internal sealed class SharedObject(SharedNamespace owner, string key, SharedKind kind, ObjectFile file) : SyncObject(key)
{
    public string Key { get; } = key;

    public SharedKind Kind { get; } = kind;

    internal ObjectFile File { get; } = file;

    public override void Close() => owner.Close(this);

    /// <summary>SetEvent (true) or ResetEvent (false).</summary>
    public void SetEvent(bool set) => File.Update(state => (state with { Value = set ? 1 : 0 }, true));

    public bool ReleaseMutex()
    {
        var me = HostThreads.Current;
        return File.Update(state => state.ReleaseMutex(me) ? (state, true) : (state, false));
    }

    public bool ReleaseSemaphore(int count, out int previous)
    {
        var (released, before) = File.Update(state => state.ReleaseSemaphore(count, out var p) ? (state, (true, p)) : (state, (false, p)));
        previous = before;
        return released;
    }

    /// <summary>One poll of a wait: acquires the object when it is signalled for the calling thread.</summary>
    public Acquire TryAcquire()
    {
        var me = HostThreads.Current;
        return File.Update(state =>
        {
            var result = state.TryAcquire(me, HostThreads.IsAlive);
            return (state, result);
        });
    }
}
