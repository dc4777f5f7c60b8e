using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Sync.Shared;

/// <summary>
/// Who owns a shared mutex, and whether that thread still runs. A thread is its host process id and Linux thread id;
/// it is alive while <c>/proc/PID/task/TID</c> exists and is not a zombie (an ended process its parent has not reaped
/// yet keeps its main thread's entry, in state Z): that is how a mutex is found abandoned by a thread or a process
/// that ended holding it, with no process left to say so. (An id the kernel has given to a new thread since would
/// look alive: ids are reused only once the kernel's id space, <c>pid_max</c>, wraps.)
/// </summary>
internal static class HostThreads
{
    [ThreadStatic]
    private static int tid;

    /// <summary>The calling thread (on other hosts, which do not share these objects, its managed id stands in for the tid).</summary>
    public static ThreadIdentity Current => new(Environment.ProcessId,
        tid != 0 ? tid : (tid = OperatingSystem.IsLinux() ? GetTid() : Environment.CurrentManagedThreadId));

    public static bool IsAlive(ThreadIdentity thread)
    {
        if (thread.IsNone)
            return true;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{thread.Process}/task/{thread.Thread}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone (or never this user's)
        }
        // "tid (comm) S ...": the state follows the last ')' (comm may hold any character).
        var state = stat.LastIndexOf(')') is var end and >= 0 && end + 2 < stat.Length ? stat[end + 2] : 'X';
        return state is not ('Z' or 'X' or 'x');
    }

    [DllImport("libc.so.6", EntryPoint = "gettid")]
    private static extern int GetTid();
}
