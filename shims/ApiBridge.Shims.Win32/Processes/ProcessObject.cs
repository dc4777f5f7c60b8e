using System.Collections.Concurrent;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// A process as the bridge's kernel object: the current process, or a child it started. Signalled (for the wait
/// functions) when the child has ended; its exit code is STILL_ACTIVE (259) until then. Handles refer to it through
/// <see cref="ProcessHandle"/> entries; it stays findable by pid (OpenProcess) while a handle is open or it runs.
/// </summary>
public sealed class ProcessObject
{
    public const uint STILL_ACTIVE = 259;

    private static readonly ConcurrentDictionary<int, ProcessObject> ByPid = new();
    private static readonly Lazy<ProcessObject> current = new(() => new ProcessObject(Environment.ProcessId, isCurrent: true));

    private readonly ManualResetEvent exited = new(false);
    private readonly object gate = new();
    private Action<uint>? kill;
    private uint exitCode = STILL_ACTIVE;
    private uint? terminatedWith;
    private int handles;
    private bool hasExited;

    private ProcessObject(int pid, bool isCurrent)
    {
        Pid = pid;
        IsCurrent = isCurrent;
        StartedAt = isCurrent ? System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime() : DateTime.UtcNow;
    }

    /// <summary>When the process started (a child: when the bridge started it), for GetProcessTimes.</summary>
    public DateTime StartedAt { get; }

    /// <summary>When the bridge learnt that the process ended; null while it runs.</summary>
    public DateTime? ExitedAt
    {
        get { lock (gate) return exitedAt; }
    }

    private DateTime? exitedAt;

    /// <summary>The calling process (what GetCurrentProcess's pseudo-handle and OpenProcess of its own id refer to).</summary>
    public static ProcessObject Current => current.Value;

    /// <summary>The host process id, which is also the Windows one the guest sees.</summary>
    public int Pid { get; }

    /// <summary>The id of a child's main thread: the host's on a Windows host; on Linux the pid (a main thread's id is its pid).</summary>
    public int ThreadId { get; private init; }

    public bool IsCurrent { get; }

    /// <summary>Set when the process has ended; never for the current process.</summary>
    public WaitHandle Exited => exited;

    public bool HasExited
    {
        get { lock (gate) return hasExited; }
    }

    /// <summary>The exit code, STILL_ACTIVE while it runs.</summary>
    public uint ExitCode
    {
        get { lock (gate) return exitCode; }
    }

    /// <summary>
    /// A child started by the bridge: registered by pid; <paramref name="kill"/> ends it (and what it started) with the
    /// code TerminateProcess gave.
    /// </summary>
    internal static ProcessObject Started(int pid, Action<uint> kill, int? threadId = null)
    {
        var process = new ProcessObject(pid, isCurrent: false) { kill = kill, ThreadId = threadId ?? pid };
        ByPid[pid] = process;
        return process;
    }

    /// <summary>The child whose main thread has this id, or null (OpenThread of a child's thread).</summary>
    public static ProcessObject? FindByThread(int threadId) =>
        ByPid.Values.FirstOrDefault(process => !process.IsCurrent && process.ThreadId == threadId);

    /// <summary>
    /// A child's program as the guest names it (a Windows path, a guest's assembly shown as its <c>.exe</c>), set when
    /// it starts, for K32GetModuleFileNameExW; null for the current process (its path is <see cref="GuestProgram"/>'s).
    /// </summary>
    public string? ImagePath { get; internal set; }

    /// <summary>The process with this id that the bridge knows (the current one, or a child still referenced), or null.</summary>
    public static ProcessObject? Find(int pid)
    {
        if (pid == Current.Pid || pid == GuestStartup.WindowsProcessId)
            return Current;
        return ByPid.TryGetValue(pid, out var process) ? process : null;
    }

    /// <summary>Called once by the waiter when the host reports the end: the code the guest will read.</summary>
    internal void SetExited(uint code)
    {
        lock (gate)
        {
            if (hasExited)
                return;
            hasExited = true;
            exitedAt = DateTime.UtcNow;
            exitCode = terminatedWith ?? code;
            if (handles == 0)
                ByPid.TryRemove(new KeyValuePair<int, ProcessObject>(Pid, this));
        }
        exited.Set();
    }

    /// <summary>TerminateProcess: false when it has already ended (Windows: ERROR_ACCESS_DENIED).</summary>
    internal bool Terminate(uint code)
    {
        Action<uint>? action;
        lock (gate)
        {
            if (hasExited || IsCurrent)
                return !hasExited && IsCurrent;
            terminatedWith ??= code;
            action = kill;
        }
        action?.Invoke(code);
        return true;
    }

    internal void AddHandle()
    {
        lock (gate)
            handles++;
    }

    internal void ReleaseHandle()
    {
        lock (gate)
        {
            if (--handles == 0 && hasExited)
                ByPid.TryRemove(new KeyValuePair<int, ProcessObject>(Pid, this));
        }
    }
}
