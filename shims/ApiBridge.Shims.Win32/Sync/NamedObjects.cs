namespace ApiBridge.Shims.Win32.Sync;

/// <summary>
/// The names of the process's live events, mutexes and semaphores. Names are case-sensitive, as Windows' object
/// namespace is; the "Local\" and "Global\" prefixes name the session's and the machine's namespaces, which are one
/// here. The namespace is the process's own: used where <see cref="Shared.SharedNamespace"/>, which every process of
/// the prefix shares, is not available (hosts other than Linux).
/// </summary>
internal static class NamedObjects
{
    private static readonly Dictionary<string, LocalSyncObject> Live = new(StringComparer.Ordinal);

    /// <summary>
    /// The object named <paramref name="name"/> opened again when it exists (<paramref name="existed"/> true; null when
    /// it is of another kind), else the one <paramref name="create"/> makes, registered under the name.
    /// </summary>
    public static SyncHandle? CreateOrOpen<T>(string name, Func<T> create, out bool existed) where T : LocalSyncObject
    {
        lock (Live)
        {
            if (Live.TryGetValue(Key(name), out var found))
            {
                existed = true;
                return found is T ? found.Open() : null;
            }
            existed = false;
            var made = create();
            Live.Add(Key(name), made);
            return made.Open();
        }
    }

    /// <summary>A new handle to the live object of that name and kind; null with <paramref name="wrongKind"/> set when another kind has it.</summary>
    public static SyncHandle? Open<T>(string name, out bool wrongKind) where T : LocalSyncObject
    {
        lock (Live)
        {
            wrongKind = false;
            if (!Live.TryGetValue(Key(name), out var found))
                return null;
            if (found is not T)
            {
                wrongKind = true;
                return null;
            }
            return found.Open();
        }
    }

    /// <summary>One handle of a named object closed: the last one removes the name and retires the object.</summary>
    public static void Close(LocalSyncObject named)
    {
        lock (Live)
        {
            if (!named.DropHandle())
                return;
            if (Live.TryGetValue(Key(named.Name!), out var current) && ReferenceEquals(current, named))
                Live.Remove(Key(named.Name!));
        }
        named.WaitHandle.Dispose();
    }

    /// <summary>The name without its namespace prefix (Local\ and Global\ are one namespace here).</summary>
    internal static string Key(string name) =>
        name.StartsWith(@"Global\", StringComparison.Ordinal) ? name[7..]
        : name.StartsWith(@"Local\", StringComparison.Ordinal) ? name[6..]
        : name;
}
