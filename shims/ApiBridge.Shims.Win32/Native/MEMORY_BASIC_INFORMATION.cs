using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary><c>MEMORY_BASIC_INFORMATION</c> (winnt.h) on x64, 48 bytes: RegionSize at 24, State at 32, Protect 36, Type 40.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MEMORY_BASIC_INFORMATION
{
    public nint BaseAddress;
    public nint AllocationBase;
    public uint AllocationProtect;
    public ushort PartitionId;
    public nint RegionSize;
    public uint State;
    public uint Protect;
    public uint Type;
}

/// <summary>Page protections, allocation types and states of winnt.h.</summary>
public static class MemoryConstants
{
    public const uint PAGE_NOACCESS = 0x01, PAGE_READONLY = 0x02, PAGE_READWRITE = 0x04, PAGE_WRITECOPY = 0x08,
        PAGE_EXECUTE = 0x10, PAGE_EXECUTE_READ = 0x20, PAGE_EXECUTE_READWRITE = 0x40, PAGE_EXECUTE_WRITECOPY = 0x80,
        PAGE_GUARD = 0x100, PAGE_NOCACHE = 0x200, PAGE_WRITECOMBINE = 0x400;

    public const uint MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_DECOMMIT = 0x4000, MEM_RELEASE = 0x8000,
        MEM_FREE = 0x10000, MEM_PRIVATE = 0x20000, MEM_MAPPED = 0x40000, MEM_RESET = 0x80000, MEM_TOP_DOWN = 0x100000,
        MEM_WRITE_WATCH = 0x200000, MEM_PHYSICAL = 0x400000, MEM_RESET_UNDO = 0x1000000, MEM_LARGE_PAGES = 0x20000000,
        MEM_IMAGE = 0x1000000;

    /// <summary>Windows' 64 KiB allocation granularity and 4 KiB page.</summary>
    public const long Granularity = 0x10000, PageSize = 0x1000;

    /// <summary>The top of x64's user address range (lpMaximumApplicationAddress).</summary>
    public const long MaximumApplicationAddress = 0x7FFFFFFEFFFF;
}
