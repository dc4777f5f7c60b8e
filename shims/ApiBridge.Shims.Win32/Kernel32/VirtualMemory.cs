using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Native.MemoryConstants;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// VirtualAlloc, VirtualFree and VirtualQuery. On a Linux host reservations are anonymous mappings kept in
/// <see cref="VirtualRegions"/> (64 KiB aligned, committed page by page); VirtualQuery describes them page by page
/// and anything else from the host's own mappings (<see cref="HostAddressSpace"/>). On a Windows host the host's
/// functions do the work. Refused as Windows refuses them: size 0, an allocation type without COMMIT or RESERVE, a
/// protection that is not one (or WRITECOPY, which only mapped views take) — ERROR_INVALID_PARAMETER; a commit or
/// decommit outside a reservation, a release of anything but a region's base — ERROR_INVALID_ADDRESS;
/// MEM_LARGE_PAGES — ERROR_PRIVILEGE_NOT_HELD (a guest holds no SeLockMemoryPrivilege); MEM_PHYSICAL and
/// MEM_WRITE_WATCH — ERROR_NOT_SUPPORTED (no AWE, no write tracking on the host).
/// </summary>
[ShimLibrary("kernel32", "memory")]
public static unsafe class VirtualMemory
{
    private const uint KnownTypes = MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO | MEM_TOP_DOWN | MEM_WRITE_WATCH | MEM_PHYSICAL | MEM_LARGE_PAGES;

    /// <summary>LPVOID VirtualAlloc(LPVOID lpAddress, SIZE_T dwSize, DWORD flAllocationType, DWORD flProtect)</summary>
    [ShimExport("VirtualAlloc")]
    public static nint VirtualAlloc(nint address, nint size, uint allocationType, uint protect)
    {
        if (OperatingSystem.IsWindows())
            return Host(HostVirtualAlloc(address, size, allocationType, protect));
        if (size <= 0 || (allocationType & ~KnownTypes) != 0 || (allocationType & (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO)) == 0)
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if ((allocationType & MEM_LARGE_PAGES) != 0)
            return Fail(Win32Error.ERROR_PRIVILEGE_NOT_HELD);
        if ((allocationType & (MEM_PHYSICAL | MEM_WRITE_WATCH)) != 0 || !OperatingSystem.IsLinux())
            return Fail(Win32Error.ERROR_NOT_SUPPORTED);
        if ((allocationType & (MEM_RESET | MEM_RESET_UNDO)) != 0)
            return Reset(address, size, allocationType);
        if (VirtualRegions.HostProtection(protect) < 0 || (protect & 0xFF) is PAGE_WRITECOPY or PAGE_EXECUTE_WRITECOPY
            || (protect & ~0x7FFu) != 0)
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if ((allocationType & MEM_RESERVE) != 0 || address == 0)
        {
            // A reservation starts on the 64 KiB boundary below the address and covers whole pages up to its end.
            var start = address & ~(nint)(Granularity - 1);
            var length = PageUp((long)address + size) - start;
            var region = VirtualRegions.Reserve(start, length, protect, out var error);
            if (region is null)
                return Fail(error);
            if ((allocationType & MEM_COMMIT) != 0 && (error = VirtualRegions.Commit(region, region.Base, region.Size, protect)) != 0)
            {
                VirtualRegions.Release(region);
                return Fail(error);
            }
            return region.Base;
        }
        var (pages, pagesLength) = Pages(address, size);
        var owner = VirtualRegions.Find(pages);
        if (owner is null || !owner.Contains(pages, pagesLength))
            return Fail(Win32Error.ERROR_INVALID_ADDRESS);
        var commitError = VirtualRegions.Commit(owner, pages, pagesLength, protect);
        return commitError == 0 ? pages : Fail(commitError);
    }

    /// <summary>MEM_RESET / MEM_RESET_UNDO: advice about committed pages' contents; the host keeps them, which both allow.</summary>
    private static nint Reset(nint address, nint size, uint allocationType)
    {
        if ((allocationType & (MEM_COMMIT | MEM_RESERVE)) != 0 || (allocationType & MEM_RESET) != 0 && (allocationType & MEM_RESET_UNDO) != 0)
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var (pages, length) = Pages(address, size);
        var owner = VirtualRegions.Find(pages);
        return owner is not null && owner.Contains(pages, length) ? pages : Fail(Win32Error.ERROR_INVALID_ADDRESS);
    }

    /// <summary>
    /// BOOL VirtualFree(LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType) — MEM_RELEASE of a region's base with size 0
    /// frees the region; MEM_DECOMMIT of a range (size 0 from the base: the whole region) takes its pages back.
    /// </summary>
    [ShimExport("VirtualFree")]
    public static int VirtualFree(nint address, nint size, uint freeType)
    {
        if (OperatingSystem.IsWindows())
            return HostVirtualFree(address, size, freeType) ? 1 : FailBool(Marshal.GetLastPInvokeError());
        if (!OperatingSystem.IsLinux())
            return FailBool(Win32Error.ERROR_NOT_SUPPORTED);
        if (freeType == MEM_RELEASE)
        {
            if (size != 0)
                return FailBool(Win32Error.ERROR_INVALID_PARAMETER);
            var region = VirtualRegions.Find(address);
            if (region is null || region.Base != address)
                return FailBool(Win32Error.ERROR_INVALID_ADDRESS);
            VirtualRegions.Release(region);
            return 1;
        }
        if (freeType != MEM_DECOMMIT || size < 0)
            return FailBool(Win32Error.ERROR_INVALID_PARAMETER);
        var owner = VirtualRegions.Find(address);
        if (owner is null)
            return FailBool(Win32Error.ERROR_INVALID_ADDRESS);
        var (pages, length) = size == 0 && address == owner.Base ? (owner.Base, owner.Size) : Pages(address, size);
        if (length == 0 || !owner.Contains(pages, length))
            return FailBool(Win32Error.ERROR_INVALID_ADDRESS);
        VirtualRegions.Decommit(owner, pages, length);
        return 1;
    }

    /// <summary>
    /// SIZE_T VirtualQuery(LPCVOID lpAddress, PMEMORY_BASIC_INFORMATION lpBuffer, SIZE_T dwLength) — 48, the size of
    /// what it wrote; 0 with ERROR_BAD_LENGTH for a shorter buffer and ERROR_INVALID_PARAMETER above the user range.
    /// </summary>
    [ShimExport("VirtualQuery")]
    public static nint VirtualQuery(nint address, MEMORY_BASIC_INFORMATION* buffer, nint length)
    {
        if (OperatingSystem.IsWindows())
            return Host(HostVirtualQuery(address, buffer, length));
        if (length < sizeof(MEMORY_BASIC_INFORMATION))
            return Fail(Win32Error.ERROR_BAD_LENGTH);
        if ((long)address > MaximumApplicationAddress)
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        if (buffer == null)
            return Fail(Win32Error.ERROR_NOACCESS);
        if (!OperatingSystem.IsLinux())
            return Fail(Win32Error.ERROR_NOT_SUPPORTED);
        var region = VirtualRegions.Find(address);
        *buffer = region is not null ? VirtualRegions.Describe(region, address) : HostAddressSpace.Describe(address);
        return sizeof(MEMORY_BASIC_INFORMATION);
    }

    private static long PageUp(long value) => (value + PageSize - 1) & ~(PageSize - 1);

    private static (nint Start, long Length) Pages(nint address, nint size)
    {
        var start = (long)address & ~(PageSize - 1);
        return ((nint)start, PageUp((long)address + size) - start);
    }

    private static nint Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }

    private static int FailBool(int error)
    {
        LastError.Set(error);
        return 0;
    }

    private static nint Host(nint result)
    {
        if (result == 0)
            LastError.Set(Marshal.GetLastPInvokeError());
        return result;
    }

    [DllImport("kernel32", EntryPoint = "VirtualAlloc", SetLastError = true)]
    private static extern nint HostVirtualAlloc(nint address, nint size, uint allocationType, uint protect);

    [DllImport("kernel32", EntryPoint = "VirtualFree", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool HostVirtualFree(nint address, nint size, uint freeType);

    [DllImport("kernel32", EntryPoint = "VirtualQuery", SetLastError = true)]
    private static extern nint HostVirtualQuery(nint address, MEMORY_BASIC_INFORMATION* buffer, nint length);
}
