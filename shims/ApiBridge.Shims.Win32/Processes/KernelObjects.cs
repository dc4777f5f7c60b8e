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
    /// What a wait on <paramref name="handle"/> waits for: a process or thread (set when it ends; the current process
    /// and thread never are), a file or pipe (always signalled, as a synchronous file handle is), an event, mutex or
    /// semaphore (its own wait handle: a wait acquires it); null for a handle that is not live or not waitable (find
    /// handles, registry keys).
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
        if (Bridge.Handles.TryGet<Sync.SyncHandle>(handle, out var sync))
        {
            identity = sync.Object; // two handles of one event are one object, for bWaitAll's duplicate check
            return sync.Object.WaitHandle;
        }
        identity = null;
        return null;
    }
}
