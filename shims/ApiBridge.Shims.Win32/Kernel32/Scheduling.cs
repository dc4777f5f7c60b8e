using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Processes;
using HostProcess = System.Diagnostics.Process;
using HostPriority = System.Diagnostics.ProcessPriorityClass;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Priority classes, thread priorities, priority boost, processor affinity, the ideal processor and the processor a
/// thread runs on. Values are Windows' and read back as set (<see cref="SchedulingState"/>); the process's class and
/// affinity are also given to the host where it lets an ordinary user (lowering a priority, narrowing an affinity),
/// and otherwise kept only for the guest, as Windows itself quietly gives HIGH for REALTIME without the privilege.
/// The processors are the host's (one group, at most 64).
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class Scheduling
{
    public const uint IDLE_PRIORITY_CLASS = 0x40, BELOW_NORMAL_PRIORITY_CLASS = 0x4000, NORMAL_PRIORITY_CLASS = 0x20,
        ABOVE_NORMAL_PRIORITY_CLASS = 0x8000, HIGH_PRIORITY_CLASS = 0x80, REALTIME_PRIORITY_CLASS = 0x100,
        PROCESS_MODE_BACKGROUND_BEGIN = 0x100000, PROCESS_MODE_BACKGROUND_END = 0x200000;
    public const int THREAD_PRIORITY_IDLE = -15, THREAD_PRIORITY_TIME_CRITICAL = 15, THREAD_PRIORITY_ERROR_RETURN = 0x7FFFFFFF,
        THREAD_MODE_BACKGROUND_BEGIN = 0x10000, THREAD_MODE_BACKGROUND_END = 0x20000;
    public const int ERROR_PROCESS_MODE_ALREADY_BACKGROUND = 402, ERROR_PROCESS_MODE_NOT_BACKGROUND = 403;
    public const uint MAXIMUM_PROCESSORS = 64;

    /// <summary>The host's processors as a mask: one bit each, as GetProcessAffinityMask's system mask.</summary>
    public static ulong SystemMask => Environment.ProcessorCount >= 64 ? ulong.MaxValue : (1UL << Environment.ProcessorCount) - 1;

    /// <summary>DWORD GetPriorityClass(HANDLE hProcess) — 0 with ERROR_INVALID_HANDLE for anything but a process.</summary>
    [ShimExport("GetPriorityClass")]
    public static uint GetPriorityClass(nint process)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return 0;
        }
        var state = SchedulingState.Of(target);
        lock (state.Gate)
            return state.PriorityClass;
    }

    /// <summary>
    /// BOOL SetPriorityClass(HANDLE hProcess, DWORD dwPriorityClass) — one of the six classes (REALTIME becomes HIGH, as
    /// for a user without SeIncreaseBasePriorityPrivilege), or for the calling process PROCESS_MODE_BACKGROUND_BEGIN/END
    /// (ERROR_PROCESS_MODE_ALREADY_BACKGROUND / _NOT_BACKGROUND when already so); anything else ERROR_INVALID_PARAMETER.
    /// </summary>
    [ShimExport("SetPriorityClass")]
    public static int SetPriorityClass(nint process, uint priorityClass)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        var state = SchedulingState.Of(target);
        lock (state.Gate)
        {
            if (priorityClass is PROCESS_MODE_BACKGROUND_BEGIN or PROCESS_MODE_BACKGROUND_END)
            {
                if (!target.IsCurrent)
                    return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
                var begin = priorityClass == PROCESS_MODE_BACKGROUND_BEGIN;
                if (state.Background == begin)
                    return FileShim.Fail(begin ? ERROR_PROCESS_MODE_ALREADY_BACKGROUND : ERROR_PROCESS_MODE_NOT_BACKGROUND);
                state.Background = begin;
                return 1;
            }
            var host = priorityClass switch
            {
                IDLE_PRIORITY_CLASS => HostPriority.Idle,
                BELOW_NORMAL_PRIORITY_CLASS => HostPriority.BelowNormal,
                NORMAL_PRIORITY_CLASS => HostPriority.Normal,
                ABOVE_NORMAL_PRIORITY_CLASS => HostPriority.AboveNormal,
                HIGH_PRIORITY_CLASS or REALTIME_PRIORITY_CLASS => HostPriority.High,
                _ => (HostPriority?)null,
            };
            if (host is null)
                return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
            state.PriorityClass = priorityClass == REALTIME_PRIORITY_CLASS ? HIGH_PRIORITY_CLASS : priorityClass;
            TryOnHost(target, p => p.PriorityClass = host.Value);
            return 1;
        }
    }

    /// <summary>int GetThreadPriority(HANDLE hThread) — THREAD_PRIORITY_ERROR_RETURN with ERROR_INVALID_HANDLE for a non-thread.</summary>
    [ShimExport("GetThreadPriority")]
    public static int GetThreadPriority(nint thread)
    {
        if (!KernelObjects.TryGetThread(thread, out _, out var threadId))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return THREAD_PRIORITY_ERROR_RETURN;
        }
        var state = SchedulingState.OfThread(threadId);
        lock (state.Gate)
            return state.Priority;
    }

    /// <summary>
    /// BOOL SetThreadPriority(HANDLE hThread, int nPriority) — −2…2, IDLE (−15), TIME_CRITICAL (15), or for the calling
    /// thread THREAD_MODE_BACKGROUND_BEGIN/END; anything else ERROR_INVALID_PARAMETER.
    /// </summary>
    [ShimExport("SetThreadPriority")]
    public static int SetThreadPriority(nint thread, int priority)
    {
        if (!KernelObjects.TryGetThread(thread, out _, out var threadId))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        var state = SchedulingState.OfThread(threadId);
        lock (state.Gate)
        {
            if (priority is THREAD_MODE_BACKGROUND_BEGIN or THREAD_MODE_BACKGROUND_END)
            {
                if (threadId != Bridge.Environment.CurrentThreadId)
                    return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
                var begin = priority == THREAD_MODE_BACKGROUND_BEGIN;
                if (state.Background == begin)
                    return FileShim.Fail(begin ? ERROR_PROCESS_MODE_ALREADY_BACKGROUND : ERROR_PROCESS_MODE_NOT_BACKGROUND);
                state.Background = begin;
                return 1;
            }
            if (priority is not (>= -2 and <= 2 or THREAD_PRIORITY_IDLE or THREAD_PRIORITY_TIME_CRITICAL))
                return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
            state.Priority = priority;
            return 1;
        }
    }

    /// <summary>BOOL GetProcessPriorityBoost(HANDLE hProcess, PBOOL pDisablePriorityBoost)</summary>
    [ShimExport("GetProcessPriorityBoost")]
    public static int GetProcessPriorityBoost(nint process, int* disabled)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (disabled == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var state = SchedulingState.Of(target);
        lock (state.Gate)
            *disabled = state.BoostDisabled ? 1 : 0;
        return 1;
    }

    /// <summary>BOOL SetProcessPriorityBoost(HANDLE hProcess, BOOL bDisablePriorityBoost)</summary>
    [ShimExport("SetProcessPriorityBoost")]
    public static int SetProcessPriorityBoost(nint process, int disable)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        var state = SchedulingState.Of(target);
        lock (state.Gate)
            state.BoostDisabled = disable != 0;
        return 1;
    }

    /// <summary>BOOL GetThreadPriorityBoost(HANDLE hThread, PBOOL pDisablePriorityBoost)</summary>
    [ShimExport("GetThreadPriorityBoost")]
    public static int GetThreadPriorityBoost(nint thread, int* disabled)
    {
        if (!KernelObjects.TryGetThread(thread, out _, out var threadId))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (disabled == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        var state = SchedulingState.OfThread(threadId);
        lock (state.Gate)
            *disabled = state.BoostDisabled ? 1 : 0;
        return 1;
    }

    /// <summary>BOOL SetThreadPriorityBoost(HANDLE hThread, BOOL bDisablePriorityBoost)</summary>
    [ShimExport("SetThreadPriorityBoost")]
    public static int SetThreadPriorityBoost(nint thread, int disable)
    {
        if (!KernelObjects.TryGetThread(thread, out _, out var threadId))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        var state = SchedulingState.OfThread(threadId);
        lock (state.Gate)
            state.BoostDisabled = disable != 0;
        return 1;
    }

    /// <summary>BOOL GetProcessAffinityMask(HANDLE hProcess, PDWORD_PTR lpProcessAffinityMask, PDWORD_PTR lpSystemAffinityMask)</summary>
    [ShimExport("GetProcessAffinityMask")]
    public static int GetProcessAffinityMask(nint process, nuint* processMask, nuint* systemMask)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (processMask == null || systemMask == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *processMask = (nuint)ProcessMask(target);
        *systemMask = (nuint)SystemMask;
        return 1;
    }

    /// <summary>
    /// BOOL SetProcessAffinityMask(HANDLE hProcess, DWORD_PTR dwProcessAffinityMask) — a non-empty subset of the system
    /// mask, else ERROR_INVALID_PARAMETER.
    /// </summary>
    [ShimExport("SetProcessAffinityMask")]
    public static int SetProcessAffinityMask(nint process, nint mask)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (mask == 0 || ((ulong)mask & ~SystemMask) != 0)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var state = SchedulingState.Of(target);
        lock (state.Gate)
            state.Affinity = (ulong)mask;
        TryOnHost(target, p => p.ProcessorAffinity = mask);
        return 1;
    }

    /// <summary>
    /// DWORD_PTR SetThreadAffinityMask(HANDLE hThread, DWORD_PTR dwThreadAffinityMask) — the previous mask; a mask
    /// outside the process's: 0 with ERROR_INVALID_PARAMETER.
    /// </summary>
    [ShimExport("SetThreadAffinityMask")]
    public static nint SetThreadAffinityMask(nint thread, nint mask)
    {
        if (!KernelObjects.TryGetThread(thread, out var process, out var threadId))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return 0;
        }
        var allowed = ProcessMask(process);
        if (mask == 0 || ((ulong)mask & ~allowed) != 0)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        var state = SchedulingState.OfThread(threadId);
        lock (state.Gate)
        {
            var previous = state.Affinity ?? allowed;
            state.Affinity = (ulong)mask;
            return (nint)previous;
        }
    }

    /// <summary>
    /// DWORD SetThreadIdealProcessor(HANDLE hThread, DWORD dwIdealProcessor) — the previous ideal processor;
    /// MAXIMUM_PROCESSORS only asks; a processor the host does not have: (DWORD)-1 with ERROR_INVALID_PARAMETER.
    /// </summary>
    [ShimExport("SetThreadIdealProcessor")]
    public static uint SetThreadIdealProcessor(nint thread, uint idealProcessor)
    {
        if (!KernelObjects.TryGetThread(thread, out _, out var threadId))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return uint.MaxValue;
        }
        if (idealProcessor != MAXIMUM_PROCESSORS && idealProcessor >= (uint)Math.Min(Environment.ProcessorCount, 64))
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return uint.MaxValue;
        }
        var state = SchedulingState.OfThread(threadId);
        lock (state.Gate)
        {
            var previous = state.IdealProcessor;
            if (idealProcessor != MAXIMUM_PROCESSORS)
                state.IdealProcessor = idealProcessor;
            return previous;
        }
    }

    /// <summary>void GetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber) — group 0, the processor the thread is on now.</summary>
    [ShimExport("GetCurrentProcessorNumberEx")]
    public static void GetCurrentProcessorNumberEx(byte* processorNumber)
    {
        if (processorNumber == null)
            return;
        *(ushort*)processorNumber = 0; // Group
        processorNumber[2] = (byte)Math.Min(Thread.GetCurrentProcessorId(), 63); // Number
        processorNumber[3] = 0; // Reserved
    }

    private static ulong ProcessMask(ProcessObject process)
    {
        var state = SchedulingState.Of(process);
        lock (state.Gate)
            return state.Affinity ?? SystemMask;
    }

    /// <summary>Applies a setting to the host process where the host allows it; a refusal leaves the guest's value standing.</summary>
    private static void TryOnHost(ProcessObject target, Action<HostProcess> apply)
    {
        try
        {
            using var host = target.IsCurrent ? HostProcess.GetCurrentProcess() : HostProcess.GetProcessById(target.Pid);
            apply(host);
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException
            or ArgumentException or PlatformNotSupportedException)
        {
        }
    }
}
