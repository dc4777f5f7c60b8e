using System.Diagnostics;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// OpenThread and GetThreadTimes. A thread id is the host's (gettid on Linux, as GetCurrentThreadId returns it): a
/// thread of the calling process, or the main thread of a child the bridge started. A handle OpenThread gives for a
/// thread of the calling process is not signalled when that thread ends (the host tells the bridge nothing then), so
/// a wait on it only times out; a child's main thread waits like its process.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class Threads
{
    /// <summary>
    /// HANDLE OpenThread(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwThreadId) — a new handle (close it with
    /// CloseHandle); id 0 or an id no thread of this process or of a child has: NULL, ERROR_INVALID_PARAMETER (as
    /// Windows maps STATUS_INVALID_CID).
    /// </summary>
    [ShimExport("OpenThread")]
    public static nint OpenThread(uint desiredAccess, int inheritHandle, uint threadId)
    {
        if (threadId != 0 && IsOwnThread((int)threadId))
            return Bridge.Handles.Add(new ProcessHandle(ProcessObject.Current, isThread: true) { ThreadId = (int)threadId });
        if (threadId != 0 && ProcessObject.FindByThread((int)threadId) is { } child)
            return Bridge.Handles.Add(new ProcessHandle(child, isThread: true));
        LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
        return 0;
    }

    /// <summary>
    /// BOOL GetThreadTimes(HANDLE hThread, LPFILETIME lpCreationTime, LPFILETIME lpExitTime, LPFILETIME lpKernelTime,
    /// LPFILETIME lpUserTime) — creation (and exit) as FILETIME moments since 1601 UTC, the CPU times as durations in
    /// 100 ns units; exit is 0 while the thread runs. A child's main thread that has ended reports the child's start and
    /// end and no CPU time, as GetProcessTimes does.
    /// </summary>
    [ShimExport("GetThreadTimes")]
    public static int GetThreadTimes(nint thread, FILETIME* creationTime, FILETIME* exitTime, FILETIME* kernelTime, FILETIME* userTime)
    {
        if (!KernelObjects.TryGetThread(thread, out var process, out var threadId))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (creationTime == null || exitTime == null || kernelTime == null || userTime == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        DateTime? created = null, ended = null;
        TimeSpan kernel = TimeSpan.Zero, user = TimeSpan.Zero;
        if (!process.IsCurrent && process.HasExited)
        {
            created = process.StartedAt;
            ended = process.ExitedAt;
        }
        else if (HostThread(process, threadId) is { } figures)
        {
            (created, kernel, user) = figures;
        }
        else if (!process.IsCurrent)
        {
            // Ended between the two looks: what an ended child reports.
            created = process.StartedAt;
            ended = process.ExitedAt ?? DateTime.UtcNow;
        }
        *creationTime = FILETIME.FromValue(created is { } c ? (ulong)c.ToFileTimeUtc() : 0);
        *exitTime = FILETIME.FromValue(ended is { } e ? (ulong)e.ToFileTimeUtc() : 0);
        *kernelTime = FILETIME.FromValue((ulong)kernel.Ticks);
        *userTime = FILETIME.FromValue((ulong)user.Ticks);
        return 1;
    }

    /// <summary>
    /// BOOL GetThreadIOPendingFlag(HANDLE hThread, PBOOL lpIOIsPending) — always FALSE: the bridge completes every I/O
    /// before the call that started it returns (see GetOverlappedResult), so no thread ever has I/O pending.
    /// </summary>
    [ShimExport("GetThreadIOPendingFlag")]
    public static int GetThreadIOPendingFlag(nint thread, int* ioIsPending)
    {
        if (!KernelObjects.TryGetThread(thread, out _, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (ioIsPending == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *ioIsPending = 0;
        return 1;
    }

    /// <summary>
    /// DWORD ResumeThread(HANDLE hThread) — the thread's previous suspend count, which is always 0: the bridge starts no
    /// thread suspended (CreateProcessW refuses CREATE_SUSPENDED) and suspends none, so there is nothing to resume.
    /// </summary>
    [ShimExport("ResumeThread")]
    public static uint ResumeThread(nint thread)
    {
        if (!KernelObjects.TryGetThread(thread, out _, out _))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return uint.MaxValue;
        }
        return 0;
    }

    /// <summary>A live thread of the calling process: Linux lists it under /proc/self/task, Windows in the process's threads.</summary>
    private static bool IsOwnThread(int threadId)
    {
        if (threadId == Bridge.Environment.CurrentThreadId)
            return true;
        if (OperatingSystem.IsLinux())
            return Directory.Exists("/proc/self/task/" + threadId);
        using var self = Process.GetCurrentProcess();
        return self.Threads.Cast<ProcessThread>().Any(t => t.Id == threadId);
    }

    /// <summary>The host's start time and CPU accounting of a live thread, or null when it is gone.</summary>
    private static (DateTime Created, TimeSpan Kernel, TimeSpan User)? HostThread(ProcessObject process, int threadId)
    {
        try
        {
            using var host = process.IsCurrent ? Process.GetCurrentProcess() : Process.GetProcessById(process.Pid);
            foreach (ProcessThread t in host.Threads)
            {
                if (t.Id == threadId)
                    return (t.StartTime.ToUniversalTime(), t.PrivilegedProcessorTime, t.UserProcessorTime);
            }
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // The process or thread ended during the look-up.
        }
        return null;
    }
}
