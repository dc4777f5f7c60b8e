using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Sync;
using ApiBridge.Shims.Win32.Sync.Shared;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Events, mutexes and semaphores: Create*W/ExW, Open*W, SetEvent, ResetEvent, ReleaseMutex, ReleaseSemaphore; waits
/// are <see cref="Waits"/>'. Contracts (Microsoft docs, Wine's dlls/kernel32/tests/sync.c): creating succeeds with the
/// last error 0, or ERROR_ALREADY_EXISTS when the name was live (a new handle to that object, whose initial state
/// is not applied); a live name of another kind is NULL with ERROR_INVALID_HANDLE; Open* of a name that is not live
/// is NULL with ERROR_FILE_NOT_FOUND, and a NULL name ERROR_INVALID_PARAMETER. ReleaseMutex by a thread that does not
/// own it is ERROR_NOT_OWNER; ReleaseSemaphore past the maximum ERROR_TOO_MANY_POSTS, with a count below 1
/// ERROR_INVALID_PARAMETER. A handle of another kind is ERROR_INVALID_HANDLE. Named objects live in the prefix's
/// <see cref="SharedNamespace"/> on a Linux host, so every guest process of the prefix sees them, as the processes
/// of a Windows session do, and are the host's own on a Windows host (<see cref="HostNamedObjects"/>); unnamed ones
/// are the process's own .NET wait handles.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class Synchronization
{
    public const uint CREATE_EVENT_MANUAL_RESET = 0x1, CREATE_EVENT_INITIAL_SET = 0x2, CREATE_MUTEX_INITIAL_OWNER = 0x1;

    /// <summary>HANDLE CreateEventW(LPSECURITY_ATTRIBUTES, BOOL bManualReset, BOOL bInitialState, LPCWSTR lpName)</summary>
    [ShimExport("CreateEventW")]
    public static nint CreateEventW(nint attributes, int manualReset, int initialState, char* name) =>
        Create(FileShim.Wide(name), n => new EventObject(n, manualReset != 0, initialState != 0),
            () => SharedState.NewEvent(manualReset != 0, initialState != 0));

    /// <summary>HANDLE CreateEventExW(LPSECURITY_ATTRIBUTES, LPCWSTR lpName, DWORD dwFlags, DWORD dwDesiredAccess)</summary>
    [ShimExport("CreateEventExW")]
    public static nint CreateEventExW(nint attributes, char* name, uint flags, uint desiredAccess) =>
        Create(FileShim.Wide(name), n => new EventObject(n, (flags & CREATE_EVENT_MANUAL_RESET) != 0, (flags & CREATE_EVENT_INITIAL_SET) != 0),
            () => SharedState.NewEvent((flags & CREATE_EVENT_MANUAL_RESET) != 0, (flags & CREATE_EVENT_INITIAL_SET) != 0));

    /// <summary>HANDLE OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)</summary>
    [ShimExport("OpenEventW")]
    public static nint OpenEventW(uint desiredAccess, int inheritHandle, char* name) => Open<EventObject>(FileShim.Wide(name), SharedKind.Event);

    /// <summary>BOOL SetEvent(HANDLE hEvent)</summary>
    [ShimExport("SetEvent")]
    public static int SetEvent(nint handle)
    {
        if (!TryGet<EventObject>(handle, SharedKind.Event, out var local, out var shared))
            return 0;
        if (shared is not null)
            shared.SetEvent(true);
        else
            local!.Event.Set();
        return 1;
    }

    /// <summary>BOOL ResetEvent(HANDLE hEvent)</summary>
    [ShimExport("ResetEvent")]
    public static int ResetEvent(nint handle)
    {
        if (!TryGet<EventObject>(handle, SharedKind.Event, out var local, out var shared))
            return 0;
        if (shared is not null)
            shared.SetEvent(false);
        else
            local!.Event.Reset();
        return 1;
    }

    /// <summary>HANDLE CreateMutexW(LPSECURITY_ATTRIBUTES, BOOL bInitialOwner, LPCWSTR lpName)</summary>
    [ShimExport("CreateMutexW")]
    public static nint CreateMutexW(nint attributes, int initialOwner, char* name) =>
        Create(FileShim.Wide(name), n => new MutexObject(n, initialOwner != 0),
            () => SharedState.NewMutex(initialOwner != 0 ? HostThreads.Current : null));

    /// <summary>HANDLE CreateMutexExW(LPSECURITY_ATTRIBUTES, LPCWSTR lpName, DWORD dwFlags, DWORD dwDesiredAccess)</summary>
    [ShimExport("CreateMutexExW")]
    public static nint CreateMutexExW(nint attributes, char* name, uint flags, uint desiredAccess) =>
        Create(FileShim.Wide(name), n => new MutexObject(n, (flags & CREATE_MUTEX_INITIAL_OWNER) != 0),
            () => SharedState.NewMutex((flags & CREATE_MUTEX_INITIAL_OWNER) != 0 ? HostThreads.Current : null));

    /// <summary>HANDLE OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)</summary>
    [ShimExport("OpenMutexW")]
    public static nint OpenMutexW(uint desiredAccess, int inheritHandle, char* name) => Open<MutexObject>(FileShim.Wide(name), SharedKind.Mutex);

    /// <summary>BOOL ReleaseMutex(HANDLE hMutex)</summary>
    [ShimExport("ReleaseMutex")]
    public static int ReleaseMutex(nint handle)
    {
        if (!TryGet<MutexObject>(handle, SharedKind.Mutex, out var local, out var shared))
            return 0;
        if (shared is not null)
            return shared.ReleaseMutex() ? 1 : Fail(Win32Error.ERROR_NOT_OWNER);
        try
        {
            local!.Mutex.ReleaseMutex();
            return 1;
        }
        catch (ApplicationException)
        {
            LastError.Set(Win32Error.ERROR_NOT_OWNER); // .NET's "unsynchronized block": this thread does not own it
            return 0;
        }
    }

    /// <summary>HANDLE CreateSemaphoreW(LPSECURITY_ATTRIBUTES, LONG lInitialCount, LONG lMaximumCount, LPCWSTR lpName)</summary>
    [ShimExport("CreateSemaphoreW")]
    public static nint CreateSemaphoreW(nint attributes, int initialCount, int maximumCount, char* name) =>
        CreateSemaphore(initialCount, maximumCount, FileShim.Wide(name));

    /// <summary>HANDLE CreateSemaphoreExW(LPSECURITY_ATTRIBUTES, LONG lInitialCount, LONG lMaximumCount, LPCWSTR lpName, DWORD dwFlags, DWORD dwDesiredAccess)</summary>
    [ShimExport("CreateSemaphoreExW")]
    public static nint CreateSemaphoreExW(nint attributes, int initialCount, int maximumCount, char* name, uint flags, uint desiredAccess) =>
        CreateSemaphore(initialCount, maximumCount, FileShim.Wide(name));

    /// <summary>HANDLE OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)</summary>
    [ShimExport("OpenSemaphoreW")]
    public static nint OpenSemaphoreW(uint desiredAccess, int inheritHandle, char* name) => Open<SemaphoreObject>(FileShim.Wide(name), SharedKind.Semaphore);

    /// <summary>BOOL ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount)</summary>
    [ShimExport("ReleaseSemaphore")]
    public static int ReleaseSemaphore(nint handle, int releaseCount, int* previousCount)
    {
        if (!TryGet<SemaphoreObject>(handle, SharedKind.Semaphore, out var local, out var shared))
            return 0;
        if (releaseCount < 1)
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if (shared is not null)
        {
            if (!shared.ReleaseSemaphore(releaseCount, out var before))
                return Fail(Win32Error.ERROR_TOO_MANY_POSTS);
            if (previousCount is not null)
                *previousCount = before;
            return 1;
        }
        try
        {
            var previous = local!.Semaphore.Release(releaseCount);
            if (previousCount is not null)
                *previousCount = previous;
            return 1;
        }
        catch (SemaphoreFullException)
        {
            return Fail(Win32Error.ERROR_TOO_MANY_POSTS);
        }
    }

    private static nint CreateSemaphore(int initialCount, int maximumCount, string? name)
    {
        if (maximumCount <= 0 || initialCount < 0 || initialCount > maximumCount)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        return Create(name, n => new SemaphoreObject(n, initialCount, maximumCount), () => SharedState.NewSemaphore(initialCount, maximumCount));
    }

    private static nint Create<T>(string? name, Func<string?, T> make, Func<SharedState> shared) where T : LocalSyncObject
    {
        if (string.IsNullOrEmpty(name))
        {
            var handle = Bridge.Handles.Add(make(null).Open());
            LastError.Set(0);
            return handle;
        }
        SyncHandle? opened;
        bool existed;
        if (SharedNamespace.Current is { } prefix)
        {
            if (!TryShared(() => prefix.CreateOrOpen(name, shared(), create: true, out var lookup) is { } h ? (h, lookup) : (null, lookup), out opened, out var found))
                return 0;
            existed = found == NameLookup.Existing;
        }
        else if (OperatingSystem.IsWindows())
        {
            opened = HostNamedObjects.Create(name, shared(), out var error);
            LastError.Set(error); // ERROR_ALREADY_EXISTS, or why the host refused
            return opened is null ? 0 : Bridge.Handles.Add(opened);
        }
        else
        {
            opened = NamedObjects.CreateOrOpen(name, () => make(name), out existed);
        }
        if (opened is null)
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE); // the name belongs to an object of another kind
            return 0;
        }
        var value = Bridge.Handles.Add(opened);
        LastError.Set(existed ? Win32Error.ERROR_ALREADY_EXISTS : 0);
        return value;
    }

    private static nint Open<T>(string? name, SharedKind kind) where T : LocalSyncObject
    {
        if (name is null)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        SyncHandle? opened;
        bool wrongKind;
        if (SharedNamespace.Current is { } prefix)
        {
            var probe = new SharedState { Kind = kind };
            if (!TryShared(() => prefix.CreateOrOpen(name, probe, create: false, out var lookup) is { } h ? (h, lookup) : (null, lookup), out opened, out var found))
                return 0;
            wrongKind = found == NameLookup.WrongKind;
        }
        else if (OperatingSystem.IsWindows())
        {
            opened = HostNamedObjects.Open(name, kind, out var error);
            if (opened is null)
                LastError.Set(error);
            return opened is null ? 0 : Bridge.Handles.Add(opened);
        }
        else
        {
            opened = NamedObjects.Open<T>(name, out wrongKind);
        }
        if (opened is null)
        {
            LastError.Set(wrongKind ? Win32Error.ERROR_INVALID_HANDLE : Win32Error.ERROR_FILE_NOT_FOUND);
            return 0;
        }
        return Bridge.Handles.Add(opened);
    }

    /// <summary>A shared-namespace lookup; false (ERROR_ACCESS_DENIED) when the prefix's object files cannot be used.</summary>
    private static bool TryShared(Func<(SyncHandle? Handle, NameLookup Lookup)> lookup, out SyncHandle? handle, out NameLookup found)
    {
        try
        {
            (handle, found) = lookup();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LastError.Set(Win32Error.ERROR_ACCESS_DENIED);
            (handle, found) = (null, NameLookup.Missing);
            return false;
        }
    }

    /// <summary>The object behind a handle when it is of the kind asked: a local one, or a shared one of that kind.</summary>
    private static bool TryGet<T>(nint handle, SharedKind kind, out T? local, out SharedObject? shared) where T : LocalSyncObject
    {
        local = null;
        shared = null;
        if (Bridge.Handles.TryGet<SyncHandle>(handle, out var entry))
        {
            if (entry.Object is T typed)
                local = typed;
            else if (entry.Object is SharedObject named && named.Kind == kind)
                shared = named;
            if (local is not null || shared is not null)
                return true;
        }
        LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
        return false;
    }

    private static int Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }
}
