using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Native.MemoryConstants;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// VirtualAlloc, VirtualFree and VirtualQuery against Microsoft's documented contracts: 64 KiB aligned reservations,
/// page-by-page commit and decommit, the states and protections VirtualQuery reports, and the refusals' codes.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class VirtualMemoryTests
{
    private static (nint Result, int Error) Alloc(nint address, nint size, uint type, uint protect)
    {
        LastError.Set(0);
        return (VirtualMemory.VirtualAlloc(address, size, type, protect), LastError.Value);
    }

    private static (bool Ok, int Error) Free(nint address, nint size, uint type)
    {
        LastError.Set(0);
        return (VirtualMemory.VirtualFree(address, size, type) != 0, LastError.Value);
    }

    private static MEMORY_BASIC_INFORMATION Query(nint address)
    {
        MEMORY_BASIC_INFORMATION info;
        Assert.Equal(48, (int)VirtualMemory.VirtualQuery(address, &info, sizeof(MEMORY_BASIC_INFORMATION)));
        return info;
    }

    [Fact]
    public void Reserve_and_commit_gives_zeroed_read_write_memory_on_a_64_KiB_boundary()
    {
        Assert.Equal(48, sizeof(MEMORY_BASIC_INFORMATION));
        var (block, error) = Alloc(0, 10_000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        Assert.NotEqual(0, block);
        Assert.Equal(0, error);
        Assert.Equal(0, block % 0x10000);
        Assert.Equal(0, ((byte*)block)[9_999]);
        ((byte*)block)[9_999] = 42;

        var info = Query(block + 5000);
        Assert.Equal((block + 4096, block, PAGE_READWRITE), (info.BaseAddress, info.AllocationBase, info.AllocationProtect));
        Assert.Equal((nint)(12_288 - 4096), info.RegionSize); // three pages, from the queried one
        Assert.Equal((MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE), (info.State, info.Protect, info.Type));
        Assert.Equal((true, 0), Free(block, 0, MEM_RELEASE));
    }

    [Fact]
    public void Pages_are_committed_and_decommitted_inside_a_reservation()
    {
        var (block, _) = Alloc(0, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
        Assert.NotEqual(0, block);
        var reserved = Query(block);
        Assert.Equal((MEM_RESERVE, 0u, (nint)0x10000), (reserved.State, reserved.Protect, reserved.RegionSize));

        Assert.Equal((block + 0x2000, 0), Alloc(block + 0x2010, 100, MEM_COMMIT, PAGE_READWRITE)); // the page holding it
        ((int*)(block + 0x2000))[0] = 7;
        Assert.Equal((MEM_RESERVE, (nint)0x2000), (Query(block).State, Query(block).RegionSize));
        Assert.Equal((MEM_COMMIT, (nint)0x1000), (Query(block + 0x2000).State, Query(block + 0x2000).RegionSize));
        Assert.Equal(MEM_RESERVE, Query(block + 0x3000).State);

        Assert.Equal((true, 0), Free(block + 0x2000, 0x1000, MEM_DECOMMIT));
        Assert.Equal(MEM_RESERVE, Query(block + 0x2000).State);
        Assert.Equal((block + 0x2000, 0), Alloc(block + 0x2000, 0x1000, MEM_COMMIT, PAGE_READONLY));
        Assert.Equal(0, ((int*)(block + 0x2000))[0]); // decommitted contents are gone
        Assert.Equal(PAGE_READONLY, Query(block + 0x2000).Protect);

        Assert.Equal((false, 87), Free(block, 0x10000, MEM_RELEASE));  // release takes size 0
        Assert.Equal((false, 487), Free(block + 0x1000, 0, MEM_RELEASE)); // and the region's base
        Assert.Equal((true, 0), Free(block, 0, MEM_RELEASE));
        var freed = Query(block);
        Assert.True(freed.State == MEM_FREE || freed.AllocationBase != block);
    }

    [Fact]
    public void A_reservation_at_an_address_takes_it_only_when_it_is_free()
    {
        var (block, _) = Alloc(0, 0x20000, MEM_RESERVE, PAGE_NOACCESS);
        Assert.Equal((0, 487), Alloc(block + 0x10000, 0x1000, MEM_RESERVE, PAGE_READWRITE)); // taken
        Assert.Equal((true, 0), Free(block, 0, MEM_RELEASE));
        Assert.Equal((block, 0), Alloc(block + 0x1234, 0x100, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)); // rounded down to 64 KiB
        Assert.Equal((nint)0x2000, Query(block).RegionSize); // up to the page after the last byte asked for
        Assert.Equal((true, 0), Free(block, 0, MEM_RELEASE));
    }

    [Theory]
    [InlineData(0L, MEM_COMMIT, PAGE_READWRITE, 87)]               // size 0
    [InlineData(4096L, 0u, PAGE_READWRITE, 87)]                    // neither commit nor reserve
    [InlineData(4096L, MEM_COMMIT, 3u, 87)]                        // not a protection
    [InlineData(4096L, MEM_COMMIT, PAGE_WRITECOPY, 87)]            // only mapped views take WRITECOPY
    [InlineData(4096L, MEM_COMMIT | MEM_LARGE_PAGES, PAGE_READWRITE, 1314)] // ERROR_PRIVILEGE_NOT_HELD
    public void Refusals_have_windows_codes(long size, uint type, uint protect, int error)
    {
        Assert.Equal((0, error), Alloc(0, (nint)size, type, protect));
    }

    [Fact]
    public void Commit_and_decommit_outside_a_reservation_are_invalid_addresses()
    {
        var outside = Marshal.AllocHGlobal(64);
        Assert.Equal((0, 487), Alloc(outside, 64, MEM_COMMIT, PAGE_READWRITE));
        Assert.Equal((false, 487), Free(outside, 64, MEM_DECOMMIT));
        Assert.Equal((false, 87), Free(outside, 0, MEM_DECOMMIT | MEM_RELEASE));
        Marshal.FreeHGlobal(outside);
    }

    [Fact]
    public void The_hosts_own_memory_is_described_as_windows_would()
    {
        var local = 5;
        var stack = Query((nint)(&local));
        Assert.Equal((MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE), (stack.State, stack.Protect, stack.Type));
        Assert.True(stack.BaseAddress <= (nint)(&local) && (nint)(&local) < stack.BaseAddress + stack.RegionSize);

        var code = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "getpid");
        var image = Query(code);
        Assert.Equal((MEM_COMMIT, PAGE_EXECUTE_READ, MEM_IMAGE), (image.State, image.Protect, image.Type));

        var free = Query(0x10000); // below every mapping Linux allows by default (vm.mmap_min_addr)
        Assert.Equal((MEM_FREE, PAGE_NOACCESS, (nint)0), (free.State, free.Protect, free.AllocationBase));

        MEMORY_BASIC_INFORMATION info;
        LastError.Set(0);
        Assert.Equal(0, (int)VirtualMemory.VirtualQuery((nint)(&local), &info, 47));
        Assert.Equal(24, LastError.Value); // ERROR_BAD_LENGTH
        Assert.Equal(0, (int)VirtualMemory.VirtualQuery(unchecked((nint)0x7FFFFFFF0000), &info, 48));
        Assert.Equal(87, LastError.Value);
    }
}
