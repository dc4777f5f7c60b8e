namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// One entry of <see cref="ApiBridge.Runtime.Bridge.Handles"/> for a process or thread handle. Several handles (the
/// one CreateProcessW returned, OpenProcess's, DuplicateHandle's) share one <see cref="ProcessObject"/>; closing a
/// handle releases only its own reference. A child's thread handle is a pseudo object that waits like its process.
/// </summary>
public sealed class ProcessHandle : IDisposable
{
    private int closed;

    public ProcessHandle(ProcessObject process, bool isThread)
    {
        Process = process;
        IsThread = isThread;
        process.AddHandle();
    }

    public ProcessObject Process { get; }

    /// <summary>A thread handle (of the child's main thread, or a real handle to the current thread).</summary>
    public bool IsThread { get; }

    /// <summary>
    /// The host thread id of a handle OpenThread gave for a thread of the current process (which need not be the thread
    /// that uses the handle); null for a child's main thread and for a duplicated GetCurrentThread pseudo-handle.
    /// </summary>
    public int? ThreadId { get; init; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref closed, 1) == 0)
            Process.ReleaseHandle();
    }
}
