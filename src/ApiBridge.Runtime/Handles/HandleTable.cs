namespace ApiBridge.Runtime.Handles;

/// <summary>
/// The process's one table of guest-visible handles (files, find searches, processes, threads, pipes, registry keys).
/// Thread-safe. A value is never handed out twice while it is live, and lookups of unknown, closed or
/// wrong-kind handles fail cleanly so shims can answer ERROR_INVALID_HANDLE / EBADF instead of crashing or
/// touching another object.
/// </summary>
public sealed class HandleTable
{
    // Windows hands out handle values that are multiples of 4; guests sometimes rely on the low two bits being
    // free (they tag them). Bridge-allocated values start high so they never collide with host file descriptors,
    // which file services may use as handle values so that FileStream over a SafeFileHandle works on the host.
    private const long FirstAllocated = 0x10000;
    private const long Step = 4;

    // Closed values are reused (as Windows does) but only after many others, so that a guest's stale handle
    // (a double CloseHandle, a use after close) meets ERROR_INVALID_HANDLE rather than someone else's object.
    private const int ReuseAfter = 4096;

    private readonly object gate = new();
    private readonly Dictionary<nint, object> entries = new();
    private readonly Queue<nint> freeValues = new();
    private long nextValue = FirstAllocated;

    /// <summary>Number of live handles.</summary>
    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    /// <summary>Stores <paramref name="target"/> under a new handle value.</summary>
    public nint Add(object target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (gate)
        {
            var value = freeValues.Count > ReuseAfter ? freeValues.Dequeue() : (nint)AllocateValue();
            entries.Add(value, target);
            return value;
        }
    }

    /// <summary>Stores <paramref name="target"/> under a value chosen by the caller (a host descriptor); false when it is taken.</summary>
    public bool TryAddAt(nint value, object target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (gate)
            return entries.TryAdd(value, target);
    }

    /// <summary>The object behind <paramref name="handle"/> when it is live and of kind <typeparamref name="T"/>.</summary>
    public bool TryGet<T>(nint handle, out T target) where T : class
    {
        lock (gate)
        {
            if (entries.TryGetValue(handle, out var found) && found is T typed)
            {
                target = typed;
                return true;
            }
        }
        target = null!;
        return false;
    }

    /// <summary>Removes the handle and returns what it referred to; false when it was not live.</summary>
    public bool TryRemove(nint handle, out object target)
    {
        lock (gate)
        {
            if (!entries.Remove(handle, out target!))
                return false;
            if (handle >= FirstAllocated)
                freeValues.Enqueue(handle);
            return true;
        }
    }

    private long AllocateValue()
    {
        var value = nextValue;
        nextValue += Step;
        return value;
    }
}
