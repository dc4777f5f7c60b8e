using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Sync;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Critical sections and condition variables over the guest's structures (<see cref="CriticalSectionTable"/>). As on
/// Windows: EnterCriticalSection is recursive for its owner and LeaveCriticalSection must be called once per enter by
/// that thread; SleepConditionVariableCS leaves the section (entered once) while it sleeps and enters it again before
/// returning; a timeout is FALSE with ERROR_TIMEOUT. These calls report no errors (Windows raises exceptions for
/// misuse); leaving a section the thread does not own is ignored rather than corrupting it.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class CriticalSections
{
    public const int ERROR_TIMEOUT = 1460;
    public const uint INFINITE = 0xFFFFFFFF;

    /// <summary>void InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection)</summary>
    [ShimExport("InitializeCriticalSection")]
    public static void InitializeCriticalSection(void* section) => CriticalSectionTable.Reset((nint)section);

    /// <summary>BOOL InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount)</summary>
    [ShimExport("InitializeCriticalSectionAndSpinCount")]
    public static int InitializeCriticalSectionAndSpinCount(void* section, uint spinCount)
    {
        CriticalSectionTable.Reset((nint)section);
        return 1;
    }

    /// <summary>void EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection) — waits for the owner to leave.</summary>
    [ShimExport("EnterCriticalSection")]
    public static void EnterCriticalSection(void* section) => Monitor.Enter(CriticalSectionTable.Section((nint)section));

    /// <summary>BOOL TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection) — FALSE when another thread owns it.</summary>
    [ShimExport("TryEnterCriticalSection")]
    public static int TryEnterCriticalSection(void* section) => Monitor.TryEnter(CriticalSectionTable.Section((nint)section)) ? 1 : 0;

    /// <summary>void LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection)</summary>
    [ShimExport("LeaveCriticalSection")]
    public static void LeaveCriticalSection(void* section)
    {
        var monitor = CriticalSectionTable.Section((nint)section);
        if (Monitor.IsEntered(monitor))
            Monitor.Exit(monitor);
    }

    /// <summary>void DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection)</summary>
    [ShimExport("DeleteCriticalSection")]
    public static void DeleteCriticalSection(void* section) => CriticalSectionTable.Delete((nint)section);

    /// <summary>void InitializeConditionVariable(PCONDITION_VARIABLE ConditionVariable) — CONDITION_VARIABLE_INIT (a zero pointer).</summary>
    [ShimExport("InitializeConditionVariable")]
    public static void InitializeConditionVariable(nint* condition)
    {
        if (condition != null)
            *condition = 0;
        CriticalSectionTable.Condition((nint)condition);
    }

    /// <summary>
    /// BOOL SleepConditionVariableCS(PCONDITION_VARIABLE ConditionVariable, PCRITICAL_SECTION CriticalSection, DWORD
    /// dwMilliseconds) — TRUE when woken (or spuriously, which callers must allow for), FALSE with ERROR_TIMEOUT.
    /// </summary>
    [ShimExport("SleepConditionVariableCS")]
    public static int SleepConditionVariableCS(nint* condition, void* section, uint milliseconds)
    {
        var variable = CriticalSectionTable.Condition((nint)condition);
        var monitor = CriticalSectionTable.Section((nint)section);
        var sleeper = variable.Enqueue();
        Monitor.Exit(monitor);
        bool woken;
        try
        {
            woken = variable.Sleep(sleeper, milliseconds == INFINITE ? Timeout.Infinite : (int)Math.Min(milliseconds, int.MaxValue));
        }
        finally
        {
            Monitor.Enter(monitor);
        }
        return woken ? 1 : FileShim.Fail(ERROR_TIMEOUT);
    }

    /// <summary>void WakeConditionVariable(PCONDITION_VARIABLE ConditionVariable) — wakes the longest sleeper, if any.</summary>
    [ShimExport("WakeConditionVariable")]
    public static void WakeConditionVariable(nint* condition) => CriticalSectionTable.Condition((nint)condition).Wake(all: false);

    /// <summary>void WakeAllConditionVariable(PCONDITION_VARIABLE ConditionVariable)</summary>
    [ShimExport("WakeAllConditionVariable")]
    public static void WakeAllConditionVariable(nint* condition) => CriticalSectionTable.Condition((nint)condition).Wake(all: true);
}
