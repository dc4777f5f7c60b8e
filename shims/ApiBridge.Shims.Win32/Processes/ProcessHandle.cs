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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref closed, 1) == 0)
            Process.ReleaseHandle();
    }
}
