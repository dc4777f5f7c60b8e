using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Sync.Shared;

/// <summary>
/// Who owns a shared mutex, and whether that thread still runs. A thread is its host process id and Linux thread id;
/// it is alive while <c>/proc/PID/task/TID</c> exists, which the kernel removes when the thread (or its whole process)
/// ends: that is how a mutex is found abandoned by a thread or a process that ended holding it, with no process left
/// to say so. (An id the kernel has given to a new thread since would look alive: ids are reused only after the
/// kernel's pid space wraps, 4 million by default.)
/// </summary>
internal static class HostThreads
{
    [ThreadStatic]
    private static int tid;

    /// <summary>The calling thread (on other hosts, which do not share these objects, its managed id stands in for the tid).</summary>
    public static ThreadIdentity Current => new(Environment.ProcessId,
        tid != 0 ? tid : (tid = OperatingSystem.IsLinux() ? GetTid() : Environment.CurrentManagedThreadId));

    public static bool IsAlive(ThreadIdentity thread) =>
        thread.IsNone || Directory.Exists($"/proc/{thread.Process}/task/{thread.Thread}");

    [DllImport("libc.so.6", EntryPoint = "gettid")]
    private static extern int GetTid();
}
