using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Processes;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// What the machine is, as a 64-bit Windows process sees it: GetSystemInfo, GetNativeSystemInfo, GlobalMemoryStatusEx,
/// IsWow64Process(2), GetComputerNameW/ExW. Values come from the host (processor count and architecture, /proc/meminfo,
/// the guest environment's COMPUTERNAME); the constants are x64 Windows' own (4 KiB pages, 64 KiB allocation
/// granularity, the user address range 0x10000–0x7FFFFFFEFFFF). A bridged process is never WOW64.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class SystemInformation
{
    public const ushort PROCESSOR_ARCHITECTURE_INTEL = 0, PROCESSOR_ARCHITECTURE_ARM = 5, PROCESSOR_ARCHITECTURE_AMD64 = 9, PROCESSOR_ARCHITECTURE_ARM64 = 12;
    public const ushort IMAGE_FILE_MACHINE_UNKNOWN = 0, IMAGE_FILE_MACHINE_AMD64 = 0x8664, IMAGE_FILE_MACHINE_ARM64 = 0xAA64;
    public const uint PROCESSOR_AMD_X8664 = 8664, PROCESSOR_INTEL_PENTIUM = 586;

    /// <summary>The user-mode address range of a 64-bit Windows process.</summary>
    private const long MinimumApplicationAddress = 0x10000, MaximumApplicationAddress = 0x7FFF_FFFE_FFFF;

    /// <summary>void GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)</summary>
    [ShimExport("GetSystemInfo")]
    public static void GetSystemInfo(SYSTEM_INFO* info)
    {
        if (info is not null)
            *info = Describe();
    }

    /// <summary>void GetNativeSystemInfo(LPSYSTEM_INFO lpSystemInfo) — the same as GetSystemInfo: the process is the machine's own architecture.</summary>
    [ShimExport("GetNativeSystemInfo")]
    public static void GetNativeSystemInfo(SYSTEM_INFO* info) => GetSystemInfo(info);

    /// <summary>BOOL GlobalMemoryStatusEx(LPMEMORYSTATUSEX lpBuffer) — FALSE with ERROR_INVALID_PARAMETER unless dwLength is sizeof(MEMORYSTATUSEX).</summary>
    [ShimExport("GlobalMemoryStatusEx")]
    public static int GlobalMemoryStatusEx(MEMORYSTATUSEX* buffer)
    {
        if (buffer is null || buffer->dwLength != sizeof(MEMORYSTATUSEX))
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        if (OperatingSystem.IsWindows())
            return HostGlobalMemoryStatusEx(buffer);
        var memory = HostMemory.Read();
        buffer->ullTotalPhys = memory.TotalPhysical;
        buffer->ullAvailPhys = memory.AvailablePhysical;
        buffer->dwMemoryLoad = memory.TotalPhysical == 0 ? 0 : (uint)(100 - memory.AvailablePhysical * 100 / memory.TotalPhysical);
        // The commit limit is physical memory plus the page file: swap plays the page file's part.
        buffer->ullTotalPageFile = memory.TotalPhysical + memory.TotalSwap;
        buffer->ullAvailPageFile = memory.AvailablePhysical + memory.FreeSwap;
        buffer->ullTotalVirtual = (ulong)(MaximumApplicationAddress - MinimumApplicationAddress + 1) & ~0xFFFFUL;
        buffer->ullAvailVirtual = buffer->ullTotalVirtual - (ulong)Math.Min(Environment.WorkingSet, (long)buffer->ullTotalVirtual);
        buffer->ullAvailExtendedVirtual = 0;
        return 1;
    }

    /// <summary>BOOL IsWow64Process(HANDLE hProcess, PBOOL Wow64Process) — FALSE for every process the guest can name.</summary>
    [ShimExport("IsWow64Process")]
    public static int IsWow64Process(nint process, int* wow64)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out _, out _))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return 0;
        }
        if (wow64 is null)
        {
            LastError.Set(Win32Error.ERROR_NOACCESS);
            return 0;
        }
        *wow64 = 0;
        return 1;
    }

    /// <summary>
    /// BOOL IsWow64Process2(HANDLE hProcess, USHORT *pProcessMachine, USHORT *pNativeMachine) — the process machine is
    /// IMAGE_FILE_MACHINE_UNKNOWN (not WOW64), the native one the host's.
    /// </summary>
    [ShimExport("IsWow64Process2")]
    public static int IsWow64Process2(nint process, ushort* processMachine, ushort* nativeMachine)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out _, out _))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return 0;
        }
        if (processMachine is null)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        *processMachine = IMAGE_FILE_MACHINE_UNKNOWN;
        if (nativeMachine is not null)
            *nativeMachine = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? IMAGE_FILE_MACHINE_ARM64 : IMAGE_FILE_MACHINE_AMD64;
        return 1;
    }

    private static SYSTEM_INFO Describe()
    {
        var processors = (uint)Environment.ProcessorCount;
        var (architecture, type) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => (PROCESSOR_ARCHITECTURE_ARM64, 0u),
            Architecture.X86 => (PROCESSOR_ARCHITECTURE_INTEL, PROCESSOR_INTEL_PENTIUM),
            Architecture.Arm => (PROCESSOR_ARCHITECTURE_ARM, 0u),
            _ => (PROCESSOR_ARCHITECTURE_AMD64, PROCESSOR_AMD_X8664),
        };
        return new SYSTEM_INFO
        {
            wProcessorArchitecture = architecture,
            dwPageSize = (uint)Environment.SystemPageSize,
            lpMinimumApplicationAddress = (nint)MinimumApplicationAddress,
            lpMaximumApplicationAddress = (nint)MaximumApplicationAddress,
            dwActiveProcessorMask = processors >= (uint)(8 * sizeof(nuint)) ? nuint.MaxValue : ((nuint)1 << (int)processors) - 1,
            dwNumberOfProcessors = processors,
            dwProcessorType = type,
            dwAllocationGranularity = 0x10000,
            wProcessorLevel = 6, // the processor family x64 Windows reports for current Intel and AMD parts
            wProcessorRevision = 0,
        };
    }

    [DllImport("kernel32.dll", EntryPoint = "GlobalMemoryStatusEx", SetLastError = true)]
    private static extern int HostGlobalMemoryStatusExImport(MEMORYSTATUSEX* buffer);

    private static int HostGlobalMemoryStatusEx(MEMORYSTATUSEX* buffer)
    {
        var result = HostGlobalMemoryStatusExImport(buffer);
        if (result == 0)
            LastError.Set(Marshal.GetLastPInvokeError());
        return result;
    }
}
