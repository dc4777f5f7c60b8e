using System.Runtime.InteropServices;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Native.MemoryConstants;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// The regions VirtualAlloc reserved on a Linux host: each is one anonymous mapping, 64 KiB aligned as Windows aligns
/// reservations, with a protection per 4 KiB page (0 while the page is only reserved). A reserved page is PROT_NONE;
/// committing gives it the page protection, decommitting takes it away again and drops its contents (madvise
/// MADV_DONTNEED), so a page committed again reads zeros, as Windows gives it.
/// </summary>
internal static unsafe class VirtualRegions
{
    public sealed class Region(nint @base, long size, uint allocationProtect)
    {
        public nint Base { get; } = @base;
        public long Size { get; } = size;
        public uint AllocationProtect { get; } = allocationProtect;
        public uint[] Protect { get; } = new uint[size / PageSize];
        public bool Contains(nint address, long length) => address >= Base && address + length <= Base + Size;
    }

    private static readonly object Gate = new();
    private static readonly SortedList<long, Region> Regions = new();

    public static Region? Find(nint address)
    {
        lock (Gate)
        {
            // The last region starting at or below the address.
            var keys = Regions.Keys;
            int low = 0, high = keys.Count - 1, found = -1;
            while (low <= high)
            {
                var middle = (low + high) / 2;
                if (keys[middle] <= address) { found = middle; low = middle + 1; }
                else high = middle - 1;
            }
            if (found < 0)
                return null;
            var region = Regions.Values[found];
            return region.Contains(address, 1) ? region : null;
        }
    }

    /// <summary>Reserves <paramref name="size"/> bytes at <paramref name="at"/> (64 KiB aligned) or anywhere; 0 and the Win32 error on failure.</summary>
    public static Region? Reserve(nint at, long size, uint allocationProtect, out int error)
    {
        error = 0;
        nint address;
        if (at != 0)
        {
            address = Mmap(at, (nuint)size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
            if (address == -1 || address != at)
            {
                if (address != -1)
                    Munmap(address, (nuint)size);
                error = Win32Error.ERROR_INVALID_ADDRESS; // the range is not free
                return null;
            }
        }
        else
        {
            // Map one granule more, then cut the ends so the region starts on a 64 KiB boundary.
            var mapped = Mmap(0, (nuint)(size + Granularity), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
            if (mapped == -1)
            {
                error = Win32Error.ERROR_NOT_ENOUGH_MEMORY;
                return null;
            }
            address = (nint)(((long)mapped + Granularity - 1) & ~(Granularity - 1));
            if (address > mapped)
                Munmap(mapped, (nuint)(address - mapped));
            var tail = (long)mapped + size + Granularity - ((long)address + size);
            if (tail > 0)
                Munmap((nint)((long)address + size), (nuint)tail);
        }
        var region = new Region(address, size, allocationProtect);
        lock (Gate)
            Regions.Add(address, region);
        return region;
    }

    /// <summary>Commits pages of a region with a page protection; 0 or the Win32 error.</summary>
    public static int Commit(Region region, nint address, long length, uint protect)
    {
        if (Mprotect(address, (nuint)length, HostProtection(protect)) != 0)
            return Win32Error.ERROR_NOT_ENOUGH_MEMORY;
        lock (Gate)
            Array.Fill(region.Protect, protect, (int)((address - region.Base) / PageSize), (int)(length / PageSize));
        return 0;
    }

    public static void Decommit(Region region, nint address, long length)
    {
        Mprotect(address, (nuint)length, PROT_NONE);
        Madvise(address, (nuint)length, MADV_DONTNEED);
        lock (Gate)
            Array.Fill(region.Protect, 0u, (int)((address - region.Base) / PageSize), (int)(length / PageSize));
    }

    public static void Release(Region region)
    {
        lock (Gate)
            Regions.Remove(region.Base);
        Munmap(region.Base, (nuint)region.Size);
    }

    /// <summary>VirtualQuery inside a region: the run of pages from the address's page with the same state and protection.</summary>
    public static MEMORY_BASIC_INFORMATION Describe(Region region, nint address)
    {
        lock (Gate)
        {
            var first = (int)((address - region.Base) / PageSize);
            var protect = region.Protect[first];
            var last = first;
            while (last + 1 < region.Protect.Length && region.Protect[last + 1] == protect)
                last++;
            return new MEMORY_BASIC_INFORMATION
            {
                BaseAddress = region.Base + first * (nint)PageSize,
                AllocationBase = region.Base,
                AllocationProtect = region.AllocationProtect,
                RegionSize = (last - first + 1) * (nint)PageSize,
                State = protect == 0 ? MEM_RESERVE : MEM_COMMIT,
                Protect = protect,
                Type = MEM_PRIVATE,
            };
        }
    }

    /// <summary>The host protection for a Windows page protection (GUARD and cache bits dropped); -1 when it is not one.</summary>
    public static int HostProtection(uint protect) => (protect & 0xFF) switch
    {
        PAGE_NOACCESS => PROT_NONE,
        PAGE_READONLY => PROT_READ,
        PAGE_READWRITE or PAGE_WRITECOPY => PROT_READ | PROT_WRITE,
        PAGE_EXECUTE => PROT_EXEC,
        PAGE_EXECUTE_READ => PROT_READ | PROT_EXEC,
        PAGE_EXECUTE_READWRITE or PAGE_EXECUTE_WRITECOPY => PROT_READ | PROT_WRITE | PROT_EXEC,
        _ => -1,
    };

    public const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    public const int MAP_SHARED = 0x1, MAP_PRIVATE = 0x2, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000, MAP_FIXED_NOREPLACE = 0x100000;
    private const int MADV_DONTNEED = 4;

    [DllImport("libc", SetLastError = true, EntryPoint = "mmap")]
    public static extern nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [DllImport("libc", SetLastError = true, EntryPoint = "munmap")]
    public static extern int Munmap(nint address, nuint length);

    [DllImport("libc", SetLastError = true, EntryPoint = "mprotect")]
    private static extern int Mprotect(nint address, nuint length, int protection);

    [DllImport("libc", SetLastError = true, EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}
