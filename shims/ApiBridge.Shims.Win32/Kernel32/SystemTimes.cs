using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetSystemTimes: CPU time of all processors since the host started, in 100 ns units. On Linux from /proc/stat's
/// first line: idle (idle + iowait), kernel (system + irq + softirq, and idle too, since Windows counts idle time as
/// kernel time), user (user + nice); on a Windows host the host's own answer.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class SystemTimes
{
    /// <summary>BOOL GetSystemTimes(PFILETIME lpIdleTime, PFILETIME lpKernelTime, PFILETIME lpUserTime) — each may be NULL.</summary>
    [ShimExport("GetSystemTimes")]
    public static int GetSystemTimes(FILETIME* idleTime, FILETIME* kernelTime, FILETIME* userTime)
    {
        if (OperatingSystem.IsWindows())
        {
            var ok = HostGetSystemTimes(idleTime, kernelTime, userTime);
            return ok != 0 ? 1 : FileShim.Fail(Marshal.GetLastPInvokeError());
        }
        ulong idle, kernel, user;
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            ulong Field(int i) => i < fields.Length ? ulong.Parse(fields[i]) : 0;
            // cpu user nice system idle iowait irq softirq … in clock ticks of 1/100 s (USER_HZ).
            idle = Field(4) + Field(5);
            kernel = Field(3) + Field(6) + Field(7) + idle;
            user = Field(1) + Field(2);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return FileShim.Fail(Win32Error.ERROR_NOT_SUPPORTED);
        }
        const ulong HundredNanosecondsPerTick = 100_000;
        if (idleTime != null) *idleTime = FILETIME.FromValue(idle * HundredNanosecondsPerTick);
        if (kernelTime != null) *kernelTime = FILETIME.FromValue(kernel * HundredNanosecondsPerTick);
        if (userTime != null) *userTime = FILETIME.FromValue(user * HundredNanosecondsPerTick);
        return 1;
    }

    [DllImport("kernel32.dll", EntryPoint = "GetSystemTimes", SetLastError = true)]
    private static extern int HostGetSystemTimes(FILETIME* idleTime, FILETIME* kernelTime, FILETIME* userTime);
}
