using System.Globalization;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Native.MemoryConstants;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// VirtualQuery outside VirtualAlloc's regions on a Linux host, from /proc/self/maps: a mapping is committed memory
/// with the protection of its permissions (a PROT_NONE mapping is reserved, as Windows shows a guard reservation),
/// file-backed ones MEM_IMAGE when executable code of a shared object and MEM_MAPPED otherwise, anonymous ones
/// MEM_PRIVATE; a gap is MEM_FREE up to the next mapping. The host's mappings are not split as Windows would split
/// them, so a region is what the kernel lists.
/// </summary>
internal static class HostAddressSpace
{
    public static MEMORY_BASIC_INFORMATION Describe(nint address)
    {
        var page = (long)address & ~(PageSize - 1);
        long nextStart = MaximumApplicationAddress + 1;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var dash = fields[0].IndexOf('-');
            var start = long.Parse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = long.Parse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (end <= page)
                continue;
            if (start > page)
            {
                nextStart = start;
                break;
            }
            var protect = Protection(fields[1]);
            var path = fields.Length > 5 ? fields[5].Trim() : "";
            var fileBacked = fields.Length > 4 && fields[4] != "0";
            return new MEMORY_BASIC_INFORMATION
            {
                BaseAddress = (nint)page,
                AllocationBase = (nint)start,
                AllocationProtect = protect == PAGE_NOACCESS ? PAGE_NOACCESS : protect,
                RegionSize = (nint)(end - page),
                State = protect == PAGE_NOACCESS ? MEM_RESERVE : MEM_COMMIT,
                Protect = protect == PAGE_NOACCESS ? 0 : protect,
                Type = !fileBacked ? MEM_PRIVATE : path.Contains(".so", StringComparison.Ordinal) || path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? MEM_IMAGE : MEM_MAPPED,
            };
        }
        return new MEMORY_BASIC_INFORMATION
        {
            BaseAddress = (nint)page,
            RegionSize = (nint)(nextStart - page),
            State = MEM_FREE,
            Protect = PAGE_NOACCESS,
        };
    }

    private static uint Protection(string permissions)
    {
        bool read = permissions[0] == 'r', write = permissions[1] == 'w', execute = permissions[2] == 'x';
        return (read || write, write, execute) switch
        {
            (false, _, false) => PAGE_NOACCESS,
            (true, false, false) => PAGE_READONLY,
            (true, true, false) => PAGE_READWRITE,
            (false, _, true) => PAGE_EXECUTE,
            (true, false, true) => PAGE_EXECUTE_READ,
            (true, true, true) => PAGE_EXECUTE_READWRITE,
        };
    }
}
