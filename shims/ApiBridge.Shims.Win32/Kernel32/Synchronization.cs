using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Sync;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Events, mutexes and semaphores: Create*W/ExW, Open*W, SetEvent, ResetEvent, ReleaseMutex, ReleaseSemaphore; waits
/// are <see cref="Waits"/>'. Contracts (Microsoft docs, Wine's dlls/kernel32/tests/sync.c): creating succeeds with the
/// last error 0, or ERROR_ALREADY_EXISTS when the name was live (a new handle to that object, whose initial state
/// is not applied); a live name of another kind is NULL with ERROR_INVALID_HANDLE; Open* of a name that is not live
/// is NULL with ERROR_FILE_NOT_FOUND, and a NULL name ERROR_INVALID_PARAMETER. ReleaseMutex by a thread that does not
/// own it is ERROR_NOT_OWNER; ReleaseSemaphore past the maximum ERROR_TOO_MANY_POSTS, with a count below 1
/// ERROR_INVALID_PARAMETER. A handle of another kind is ERROR_INVALID_HANDLE.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class Synchronization
{
    public const uint CREATE_EVENT_MANUAL_RESET = 0x1, CREATE_EVENT_INITIAL_SET = 0x2, CREATE_MUTEX_INITIAL_OWNER = 0x1;

    /// <summary>HANDLE CreateEventW(LPSECURITY_ATTRIBUTES, BOOL bManualReset, BOOL bInitialState, LPCWSTR lpName)</summary>
    [ShimExport("CreateEventW")]
    public static nint CreateEventW(nint attributes, int manualReset, int initialState, char* name) =>
        Create(FileShim.Wide(name), n => new EventObject(n, manualReset != 0, initialState != 0));

    /// <summary>HANDLE CreateEventExW(LPSECURITY_ATTRIBUTES, LPCWSTR lpName, DWORD dwFlags, DWORD dwDesiredAccess)</summary>
    [ShimExport("CreateEventExW")]
    public static nint CreateEventExW(nint attributes, char* name, uint flags, uint desiredAccess) =>
        Create(FileShim.Wide(name), n => new EventObject(n, (flags & CREATE_EVENT_MANUAL_RESET) != 0, (flags & CREATE_EVENT_INITIAL_SET) != 0));

    /// <summary>HANDLE OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)</summary>
    [ShimExport("OpenEventW")]
    public static nint OpenEventW(uint desiredAccess, int inheritHandle, char* name) => Open<EventObject>(FileShim.Wide(name));

    /// <summary>BOOL SetEvent(HANDLE hEvent)</summary>
    [ShimExport("SetEvent")]
    public static int SetEvent(nint handle)
    {
        if (!TryGet<EventObject>(handle, out var target))
            return 0;
        target.Event.Set();
        return 1;
    }

    /// <summary>BOOL ResetEvent(HANDLE hEvent)</summary>
    [ShimExport("ResetEvent")]
    public static int ResetEvent(nint handle)
    {
        if (!TryGet<EventObject>(handle, out var target))
            return 0;
        target.Event.Reset();
        return 1;
    }

    /// <summary>HANDLE CreateMutexW(LPSECURITY_ATTRIBUTES, BOOL bInitialOwner, LPCWSTR lpName)</summary>
    [ShimExport("CreateMutexW")]
    public static nint CreateMutexW(nint attributes, int initialOwner, char* name) =>
        Create(FileShim.Wide(name), n => new MutexObject(n, initialOwner != 0));

    /// <summary>HANDLE CreateMutexExW(LPSECURITY_ATTRIBUTES, LPCWSTR lpName, DWORD dwFlags, DWORD dwDesiredAccess)</summary>
    [ShimExport("CreateMutexExW")]
    public static nint CreateMutexExW(nint attributes, char* name, uint flags, uint desiredAccess) =>
        Create(FileShim.Wide(name), n => new MutexObject(n, (flags & CREATE_MUTEX_INITIAL_OWNER) != 0));

    /// <summary>HANDLE OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)</summary>
    [ShimExport("OpenMutexW")]
    public static nint OpenMutexW(uint desiredAccess, int inheritHandle, char* name) => Open<MutexObject>(FileShim.Wide(name));

    /// <summary>BOOL ReleaseMutex(HANDLE hMutex)</summary>
    [ShimExport("ReleaseMutex")]
    public static int ReleaseMutex(nint handle)
    {
        if (!TryGet<MutexObject>(handle, out var target))
            return 0;
        try
        {
            target.Mutex.ReleaseMutex();
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
    public static nint OpenSemaphoreW(uint desiredAccess, int inheritHandle, char* name) => Open<SemaphoreObject>(FileShim.Wide(name));

    /// <summary>BOOL ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount)</summary>
    [ShimExport("ReleaseSemaphore")]
    public static int ReleaseSemaphore(nint handle, int releaseCount, int* previousCount)
    {
        if (!TryGet<SemaphoreObject>(handle, out var target))
            return 0;
        if (releaseCount < 1)
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        try
        {
            var previous = target.Semaphore.Release(releaseCount);
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
        return Create(name, n => new SemaphoreObject(n, initialCount, maximumCount));
    }

    private static nint Create<T>(string? name, Func<string?, T> make) where T : SyncObject
    {
        if (string.IsNullOrEmpty(name))
        {
            var handle = Bridge.Handles.Add(make(null).Open());
            LastError.Set(0);
            return handle;
        }
        var opened = NamedObjects.CreateOrOpen(name, () => make(name), out var existed);
        if (opened is null)
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE); // the name belongs to an object of another kind
            return 0;
        }
        var value = Bridge.Handles.Add(opened);
        LastError.Set(existed ? Win32Error.ERROR_ALREADY_EXISTS : 0);
        return value;
    }

    private static nint Open<T>(string? name) where T : SyncObject
    {
        if (name is null)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        var opened = NamedObjects.Open<T>(name, out var wrongKind);
        if (opened is null)
        {
            LastError.Set(wrongKind ? Win32Error.ERROR_INVALID_HANDLE : Win32Error.ERROR_FILE_NOT_FOUND);
            return 0;
        }
        return Bridge.Handles.Add(opened);
    }

    private static bool TryGet<T>(nint handle, out T target) where T : SyncObject
    {
        if (Bridge.Handles.TryGet<SyncHandle>(handle, out var entry) && entry.Object is T typed)
        {
            target = typed;
            return true;
        }
        LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
        target = null!;
        return false;
    }

    private static int Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }
}
