using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Processes;
using ApiBridge.Shims.Win32.Sync;
using ApiBridge.Shims.Win32.Sync.Shared;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// WaitForSingleObject(Ex) and WaitForMultipleObjects(Ex) on the objects the bridge knows (see
/// <see cref="KernelObjects.WaitTarget"/>): a process or a child's thread is signalled when it has ended; the
/// current process and thread never are; file and pipe handles always are; events, mutexes and semaphores as
/// Windows defines them (a wait acquires an auto-reset event, a mutex or a semaphore count; a mutex whose owner
/// thread ended is WAIT_ABANDONED_0 + its index, and the waiter owns it). Contracts (Microsoft docs, Wine's
/// sync.c tests): WAIT_OBJECT_0 (+ the lowest signalled index), WAIT_TIMEOUT (258), INFINITE; a handle that is not
/// live or not waitable: WAIT_FAILED with ERROR_INVALID_HANDLE; 0 or more than MAXIMUM_WAIT_OBJECTS (64) handles,
/// or the same object twice with bWaitAll: WAIT_FAILED with ERROR_INVALID_PARAMETER. Alertable waits are plain
/// waits (the bridge queues no APCs). A set with a named object shared by the prefix's processes
/// (<see cref="SharedObject"/>) is waited on by <see cref="PolledWait"/>.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class Waits
{
    public const uint WAIT_OBJECT_0 = 0, WAIT_ABANDONED_0 = 0x80, WAIT_TIMEOUT = 258, WAIT_FAILED = 0xFFFFFFFF, INFINITE = 0xFFFFFFFF;
    public const int MAXIMUM_WAIT_OBJECTS = 64;

    /// <summary>DWORD WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)</summary>
    [ShimExport("WaitForSingleObject")]
    public static uint WaitForSingleObject(nint handle, uint milliseconds)
    {
        if (Shared(handle) is { } shared)
            return PolledWait.Wait([shared], waitAll: false, milliseconds);
        var target = KernelObjects.WaitTarget(handle, out _);
        if (target is null)
            return Failed(Win32Error.ERROR_INVALID_HANDLE);
        try
        {
            return Wait(milliseconds, remaining => target.WaitOne(remaining)) ? WAIT_OBJECT_0 : WAIT_TIMEOUT;
        }
        catch (AbandonedMutexException)
        {
            return WAIT_ABANDONED_0; // the mutex is this thread's now, as on Windows
        }
    }

    /// <summary>DWORD WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable)</summary>
    [ShimExport("WaitForSingleObjectEx")]
    public static uint WaitForSingleObjectEx(nint handle, uint milliseconds, int alertable) => WaitForSingleObject(handle, milliseconds);

    /// <summary>DWORD WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll, DWORD dwMilliseconds)</summary>
    [ShimExport("WaitForMultipleObjects")]
    public static uint WaitForMultipleObjects(uint count, nint* handles, int waitAll, uint milliseconds)
    {
        if (count == 0 || count > MAXIMUM_WAIT_OBJECTS)
            return Failed(Win32Error.ERROR_INVALID_PARAMETER);
        if (handles == null)
            return Failed(Win32Error.ERROR_NOACCESS);
        var targets = new WaitHandle[count];
        var identities = new HashSet<object>();
        var distinct = new List<WaitHandle>();
        var polled = new object[count];
        var anyShared = false;
        for (var i = 0; i < count; i++)
        {
            if (Shared(handles[i]) is { } shared)
            {
                if (!identities.Add(shared) && waitAll != 0)
                    return Failed(Win32Error.ERROR_INVALID_PARAMETER);
                polled[i] = shared;
                anyShared = true;
                continue;
            }
            var target = KernelObjects.WaitTarget(handles[i], out var identity);
            if (target is null)
                return Failed(Win32Error.ERROR_INVALID_HANDLE);
            if (!identities.Add(identity!) && waitAll != 0)
                return Failed(Win32Error.ERROR_INVALID_PARAMETER);
            polled[i] = targets[i] = target;
            if (!distinct.Contains(target))
                distinct.Add(target);
        }
        if (anyShared)
            return PolledWait.Wait(polled, waitAll != 0, milliseconds);
        var set = distinct.ToArray();
        try
        {
            if (waitAll != 0)
                return Wait(milliseconds, remaining => WaitHandle.WaitAll(set, remaining)) ? WAIT_OBJECT_0 : WAIT_TIMEOUT;
            // WaitAny acquires exactly one object (an auto-reset event, a mutex, a semaphore count), the lowest-indexed
            // signalled one, as Windows does: its index is the answer, and nothing may be waited on again after it.
            var satisfied = WaitHandle.WaitTimeout;
            if (!Wait(milliseconds, remaining => (satisfied = WaitHandle.WaitAny(set, remaining)) != WaitHandle.WaitTimeout))
                return WAIT_TIMEOUT;
            return WAIT_OBJECT_0 + (uint)Array.IndexOf(targets, set[satisfied]);
        }
        catch (AbandonedMutexException abandoned)
        {
            // WaitAny names the abandoned mutex; WaitAll reports the first handle, as Windows returns WAIT_ABANDONED_0 then.
            var index = abandoned.MutexIndex >= 0 && waitAll == 0 ? Array.IndexOf(targets, set[abandoned.MutexIndex]) : 0;
            return WAIT_ABANDONED_0 + (uint)index;
        }
    }

    /// <summary>DWORD WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll, DWORD dwMilliseconds, BOOL bAlertable)</summary>
    [ShimExport("WaitForMultipleObjectsEx")]
    public static uint WaitForMultipleObjectsEx(uint count, nint* handles, int waitAll, uint milliseconds, int alertable) =>
        WaitForMultipleObjects(count, handles, waitAll, milliseconds);

    /// <summary>The named object every process of the prefix shares behind <paramref name="handle"/>, if it is one.</summary>
    private static SharedObject? Shared(nint handle) =>
        Bridge.Handles.TryGet<SyncHandle>(handle, out var entry) ? entry.Object as SharedObject : null;

    private static uint Failed(int error)
    {
        LastError.Set(error);
        return WAIT_FAILED;
    }

    /// <summary>Runs <paramref name="wait"/> for a DWORD timeout (INFINITE, or longer than .NET's int milliseconds in slices).</summary>
    private static bool Wait(uint milliseconds, Func<int, bool> wait)
    {
        if (milliseconds == INFINITE)
            return wait(Timeout.Infinite);
        var left = (long)milliseconds;
        while (true)
        {
            var slice = (int)Math.Min(left, int.MaxValue);
            if (wait(slice))
                return true;
            left -= slice;
            if (left <= 0)
                return false;
        }
    }
}
