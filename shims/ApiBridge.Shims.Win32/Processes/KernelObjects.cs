using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// Looks up the objects behind handles for the process, wait and duplication shims: process and thread handles in
/// <see cref="Bridge.Handles"/>, and the pseudo-handles GetCurrentProcess (-1) and GetCurrentThread (-2), accepted
/// wherever a process or thread handle is.
/// </summary>
public static class KernelObjects
{
    public const nint CurrentProcess = -1, CurrentThread = -2;

    private static readonly ManualResetEvent Never = new(false);
    private static readonly ManualResetEvent Always = new(true);

    /// <summary>The process a handle refers to (a thread handle only when <paramref name="allowThread"/>), or false.</summary>
    public static bool TryGetProcess(nint handle, bool allowThread, out ProcessObject process, out bool isThread)
    {
        isThread = false;
        if (handle == CurrentProcess)
        {
            process = ProcessObject.Current;
            return true;
        }
        if (handle == CurrentThread)
        {
            isThread = true;
            process = ProcessObject.Current;
            return allowThread;
        }
        if (Bridge.Handles.TryGet<ProcessHandle>(handle, out var entry) && (allowThread || !entry.IsThread))
        {
            process = entry.Process;
            isThread = entry.IsThread;
            return true;
        }
        process = null!;
        return false;
    }

    /// <summary>
    /// The thread a handle refers to and its id: the calling thread for the pseudo-handle -2 (and a duplicate of it), the
    /// thread OpenThread named, or a child's main thread; false for anything that is not a thread handle.
    /// </summary>
    public static bool TryGetThread(nint handle, out ProcessObject process, out int threadId)
    {
        threadId = 0;
        if (!TryGetProcess(handle, allowThread: true, out process, out var isThread) || !isThread)
            return false;
        if (handle != CurrentThread && Bridge.Handles.TryGet<ProcessHandle>(handle, out var entry) && entry.ThreadId is { } opened)
            threadId = opened;
        else
            threadId = process.IsCurrent ? Bridge.Environment.CurrentThreadId : process.ThreadId;
        return true;
    }

    /// <summary>
    /// What a wait on <paramref name="handle"/> waits for: a process or thread (set when it ends; the current process
    /// and thread never are), a file or pipe (always signalled, as a synchronous file handle is), an event, mutex or
    /// semaphore of the process (its own wait handle: a wait acquires it); null for a handle that is not live or not
    /// waitable (find handles, registry keys), and for a named object the prefix's processes share, which
    /// <see cref="Sync.Shared.PolledWait"/> waits on.
    /// </summary>
    public static WaitHandle? WaitTarget(nint handle, out object? identity)
    {
        if (TryGetProcess(handle, allowThread: true, out var process, out var isThread))
        {
            identity = isThread ? (object)(process, "thread") : process;
            return process.IsCurrent ? Never : process.Exited;
        }
        if (Bridge.Handles.TryGet<OpenFile>(handle, out var file))
        {
            identity = file;
            return Always;
        }
        if (Bridge.Handles.TryGet<Sync.SyncHandle>(handle, out var sync) && sync.Object is Sync.LocalSyncObject local)
        {
            identity = sync.Object; // two handles of one event are one object, for bWaitAll's duplicate check
            return local.WaitHandle;
        }
        identity = null;
        return null;
    }
}
