using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Processes;
using HostProcess = System.Diagnostics.Process;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// A process's memory figures (K32GetProcessMemoryInfo: the host's working set, peak and private bytes; page faults
/// from /proc on Linux) and its working-set limits (Get/SetProcessWorkingSetSizeEx: kept for the guest, with Windows'
/// defaults of 200 KiB and 1380 KiB and both limits soft; the host manages its own memory).
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class ProcessMemory
{
    public const uint QUOTA_LIMITS_HARDWS_MIN_ENABLE = 0x1, QUOTA_LIMITS_HARDWS_MIN_DISABLE = 0x2,
        QUOTA_LIMITS_HARDWS_MAX_ENABLE = 0x4, QUOTA_LIMITS_HARDWS_MAX_DISABLE = 0x8;
    public static readonly nuint DefaultMinimum = 204800, DefaultMaximum = 1413120;

    /// <summary>PROCESS_MEMORY_COUNTERS_EX (x64): cb, PageFaultCount, then eight SIZE_T counts and PrivateUsage.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PROCESS_MEMORY_COUNTERS_EX
    {
        public uint cb;
        public uint PageFaultCount;
        public nuint PeakWorkingSetSize;
        public nuint WorkingSetSize;
        public nuint QuotaPeakPagedPoolUsage;
        public nuint QuotaPagedPoolUsage;
        public nuint QuotaPeakNonPagedPoolUsage;
        public nuint QuotaNonPagedPoolUsage;
        public nuint PagefileUsage;
        public nuint PeakPagefileUsage;
        public nuint PrivateUsage;
    }

    /// <summary>sizeof(PROCESS_MEMORY_COUNTERS) on x64: the _EX structure without PrivateUsage.</summary>
    public static readonly int BasicSize = sizeof(PROCESS_MEMORY_COUNTERS_EX) - sizeof(nuint);

    /// <summary>
    /// BOOL K32GetProcessMemoryInfo(HANDLE Process, PPROCESS_MEMORY_COUNTERS ppsmemCounters, DWORD cb) — cb smaller
    /// than PROCESS_MEMORY_COUNTERS: ERROR_INSUFFICIENT_BUFFER; as large as the _EX form, PrivateUsage too.
    /// </summary>
    [ShimExport("K32GetProcessMemoryInfo")]
    public static int K32GetProcessMemoryInfo(nint process, PROCESS_MEMORY_COUNTERS_EX* counters, uint size)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (size < BasicSize)
            return FileShim.Fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        if (counters == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        PROCESS_MEMORY_COUNTERS_EX value = default;
        try
        {
            using var host = target.IsCurrent ? HostProcess.GetCurrentProcess() : HostProcess.GetProcessById(target.Pid);
            value.WorkingSetSize = (nuint)host.WorkingSet64;
            value.PeakWorkingSetSize = (nuint)Math.Max(host.PeakWorkingSet64, host.WorkingSet64);
            value.PagefileUsage = value.PrivateUsage = (nuint)host.PrivateMemorySize64;
            value.PeakPagefileUsage = value.PagefileUsage; // the host keeps no peak of private bytes
            value.QuotaPagedPoolUsage = value.QuotaPeakPagedPoolUsage = (nuint)host.PagedSystemMemorySize64;
            value.QuotaNonPagedPoolUsage = value.QuotaPeakNonPagedPoolUsage = (nuint)host.NonpagedSystemMemorySize64;
            value.PageFaultCount = PageFaults(target.IsCurrent ? Environment.ProcessId : target.Pid);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return FileShim.Fail(ProcessModules.ERROR_PARTIAL_COPY); // it has ended: nothing left to measure
        }
        value.cb = size >= sizeof(PROCESS_MEMORY_COUNTERS_EX) ? (uint)sizeof(PROCESS_MEMORY_COUNTERS_EX) : (uint)BasicSize;
        new ReadOnlySpan<byte>(&value, (int)value.cb).CopyTo(new Span<byte>(counters, (int)value.cb));
        return 1;
    }

    /// <summary>
    /// BOOL GetProcessWorkingSetSizeEx(HANDLE hProcess, PSIZE_T lpMinimumWorkingSetSize, PSIZE_T
    /// lpMaximumWorkingSetSize, PDWORD Flags)
    /// </summary>
    [ShimExport("GetProcessWorkingSetSizeEx")]
    public static int GetProcessWorkingSetSizeEx(nint process, nuint* minimum, nuint* maximum, uint* flags)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (minimum == null || maximum == null || flags == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var state = SchedulingState.Of(target);
        lock (state.Gate)
        {
            var limits = state.WorkingSet ?? (DefaultMinimum, DefaultMaximum, QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_DISABLE);
            (*minimum, *maximum, *flags) = limits;
        }
        return 1;
    }

    /// <summary>
    /// BOOL SetProcessWorkingSetSizeEx(HANDLE hProcess, SIZE_T dwMinimumWorkingSetSize, SIZE_T dwMaximumWorkingSetSize,
    /// DWORD Flags) — both (SIZE_T)-1: trim the working set (nothing kept); a minimum above the maximum, or both
    /// ENABLE and DISABLE of one limit: ERROR_INVALID_PARAMETER.
    /// </summary>
    [ShimExport("SetProcessWorkingSetSizeEx")]
    public static int SetProcessWorkingSetSizeEx(nint process, nint minimumSize, nint maximumSize, uint flags)
    {
        var (minimum, maximum) = ((nuint)minimumSize, (nuint)maximumSize); // SIZE_T
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (minimum == nuint.MaxValue && maximum == nuint.MaxValue)
            return 1;
        if ((flags & ~0xFu) != 0 || (flags & 0x3) == 0x3 || (flags & 0xC) == 0xC || minimum > maximum)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var state = SchedulingState.Of(target);
        lock (state.Gate)
        {
            var old = state.WorkingSet?.Flags ?? QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_DISABLE;
            // A limit not named in Flags keeps its hard/soft setting.
            if ((flags & 0x3) != 0) old = (old & ~0x3u) | (flags & 0x3);
            if ((flags & 0xC) != 0) old = (old & ~0xCu) | (flags & 0xC);
            state.WorkingSet = (minimum, maximum, old);
        }
        return 1;
    }

    /// <summary>Minor plus major faults from /proc/&lt;pid&gt;/stat (fields 10 and 12); 0 where the host has no /proc.</summary>
    private static uint PageFaults(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (uint)(ulong.Parse(fields[7]) + ulong.Parse(fields[9]));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
