using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetProcessTimes and K32EnumProcesses. Times are FILETIMEs: the creation and exit moments since 1601 (UTC), the
/// kernel and user CPU time as durations in 100 ns units. The current process and running children report the host's
/// accounting; a child that has ended reports when it started and ended, and no CPU time (Linux keeps no per-child
/// figures once it is reaped).
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class ProcessTimes
{
    /// <summary>BOOL GetProcessTimes(HANDLE hProcess, LPFILETIME lpCreationTime, LPFILETIME lpExitTime, LPFILETIME lpKernelTime, LPFILETIME lpUserTime)</summary>
    [ShimExport("GetProcessTimes")]
    public static int GetProcessTimes(nint process, FILETIME* creationTime, FILETIME* exitTime, FILETIME* kernelTime, FILETIME* userTime)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (creationTime == null || exitTime == null || kernelTime == null || userTime == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        TimeSpan kernel = TimeSpan.Zero, user = TimeSpan.Zero;
        if (target.IsCurrent || !target.HasExited)
        {
            try
            {
                using var host = target.IsCurrent ? System.Diagnostics.Process.GetCurrentProcess() : System.Diagnostics.Process.GetProcessById(target.Pid);
                kernel = host.PrivilegedProcessorTime;
                user = host.UserProcessorTime;
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Ended between the check and the look-up: no CPU figures, as for any ended child.
            }
        }
        *creationTime = FILETIME.FromValue((ulong)target.StartedAt.ToFileTimeUtc());
        *exitTime = FILETIME.FromValue(target.ExitedAt is { } ended ? (ulong)ended.ToFileTimeUtc() : 0);
        *kernelTime = FILETIME.FromValue((ulong)kernel.Ticks);
        *userTime = FILETIME.FromValue((ulong)user.Ticks);
        return 1;
    }

    /// <summary>
    /// BOOL K32EnumProcesses(DWORD *lpidProcess, DWORD cb, LPDWORD lpcbNeeded) — the ids of the host's processes (all
    /// of /proc on Linux), as many as fit in cb bytes; *lpcbNeeded is the bytes written (a full buffer means: call
    /// again with a larger one, as on Windows).
    /// </summary>
    [ShimExport("K32EnumProcesses")]
    public static int K32EnumProcesses(uint* processIds, uint bytes, uint* bytesNeeded)
    {
        if (bytesNeeded == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var ids = System.Diagnostics.Process.GetProcesses().Select(p =>
        {
            using (p)
                return (uint)p.Id;
        }).Order().ToArray();
        var fits = (int)Math.Min((uint)ids.Length, bytes / sizeof(uint));
        if (fits > 0 && processIds == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        for (var i = 0; i < fits; i++)
            processIds[i] = ids[i];
        *bytesNeeded = (uint)(fits * sizeof(uint));
        return 1;
    }
}
