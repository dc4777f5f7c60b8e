using System.Text;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// sysconf and confstr. A Linux host answers itself. A Windows host answers with glibc's (2.36, x86-64) constants for
/// the names whose value does not depend on the machine — POSIX option versions, fixed limits, the C type ranges —
/// and with the host's own numbers for the rest: page size, processors, physical memory, the descriptor table's size
/// (<see cref="FileDescriptorTable.Limit"/>), CreateProcessW's 32 767-character command line as ARG_MAX, no limit
/// (-1, errno untouched) on children and queued signals, 0 ("unknown", as glibc says when the CPU does not tell it)
/// for the cache geometry.
/// </summary>
[ShimLibrary("libc", "env")]
public static unsafe class SystemConfiguration
{
    /// <summary>A name glibc does not know (sysconf answers -1 with EINVAL).</summary>
    private const long No = long.MinValue;

    /// <summary>glibc's sysconf answers by name (0 … 250) on x86-64; the machine's own values are replaced in <see cref="WindowsValue"/>.</summary>
    private static readonly long[] Constants =
    [
        2097152, 96367, 100, 65536, 20000, 16, -1, 1,
        1, 200809, 200809, 200809, 200809, 200809, 200809, 200809,
        200809, 200809, 200809, 200809, 200809, 200809, 200809, -1,
        -1, 20, 2147483647, -1, 32768, 200809, 4096, 32,
        -1, 2147483647, 96367, -1, 99, 2048, 99, 1000,
        255, No, 32, 2048, 32767, 2048, 200809, 200809,
        200809, -1, -1, 200809, 200809, -1, -1, -1,
        -1, -1, -1, -1, 1024, -1, -1, -1,
        -1, -1, -1, 200809, 200809, 1024, 1024, 256,
        32, 4, 1024, 16384, -1, 200809, 200809, 200809,
        200809, 200809, 200809, 2, 2, 6170937, 5244911, 2147483647,
        8192, 700, 4, 1, -1, 1, 1, 200809,
        200809, -1, 1, 1, 1, 8, 127, -128,
        2147483647, -2147483648, 64, 32, 16, 20, 32767, 127,
        -128, 32767, -32768, 255, 4294967295, -1, 65535, 4096,
        2048, 2147483647, 2147483647, 2147483647, 2147483647, -1, -1, 1,
        -1, 1, 1, 1, 200809, 200809, -1, -1,
        -1, 200809, 200809, 200809, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, 200809, -1, -1,
        -1, 200809, 200809, 1, -1, 1, -1, 200809,
        -1, -1, -1, -1, 200809, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, 1, -1, 64, -1, -1, -1,
        -1, 32768, -1, 64, 49152, 12, 64, 1048576,
        8, 64, 532676608, 0, 64, -1, -1, -1,
        No, No, No, No, No, No, No, No,
        No, No, No, No, No, No, No, No,
        No, No, No, No, No, No, No, No,
        No, No, No, No, No, No, No, No,
        No, No, No, 200809, 200809, -1, -1, 1,
        -1, No, -1, -1, -1, -1, -1, No,
        No, 3376, 13504,
    ];

    private const int _SC_ARG_MAX = 0, _SC_CHILD_MAX = 1, _SC_OPEN_MAX = 4, _SC_PAGESIZE = 30, _SC_SIGQUEUE_MAX = 34,
        _SC_NPROCESSORS_CONF = 83, _SC_NPROCESSORS_ONLN = 84, _SC_PHYS_PAGES = 85, _SC_AVPHYS_PAGES = 86,
        _SC_LEVEL1_ICACHE_SIZE = 185, _SC_LEVEL4_CACHE_LINESIZE = 199, _SC_MINSIGSTKSZ = 249, _SC_SIGSTKSZ = 250;

    /// <summary>long sysconf(int name) — the value; -1 with errno untouched for "no limit"/"not supported"; -1 with EINVAL for an unknown name.</summary>
    [ShimExport("sysconf")]
    public static long sysconf(int name)
    {
        if (HostLibc.Available)
        {
            System.Runtime.InteropServices.Marshal.SetLastPInvokeError(0);
            var result = HostLibc.sysconf(name);
            return result == -1 && HostLibc.Errno != 0 ? Fail(HostLibc.Errno) : result;
        }
        var value = WindowsValue(name);
        return value == No ? Fail(Errno.EINVAL) : value;
    }

    /// <summary>What sysconf answers on a Windows host (<see cref="No"/>: EINVAL). Public for the tests, which check it on Linux too.</summary>
    public static long WindowsValue(int name)
    {
        if (name < 0 || name >= Constants.Length || Constants[name] == No)
            return No;
        var page = System.Environment.SystemPageSize;
        return name switch
        {
            _SC_ARG_MAX => 32767,
            _SC_CHILD_MAX or _SC_SIGQUEUE_MAX => -1,
            _SC_OPEN_MAX => FileDescriptorTable.Limit,
            _SC_PAGESIZE => page,
            _SC_NPROCESSORS_CONF or _SC_NPROCESSORS_ONLN => System.Environment.ProcessorCount,
            _SC_PHYS_PAGES => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / page,
            _SC_AVPHYS_PAGES => Math.Max(0, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - GC.GetGCMemoryInfo().MemoryLoadBytes) / page,
            >= _SC_LEVEL1_ICACHE_SIZE and <= _SC_LEVEL4_CACHE_LINESIZE => 0,
            _SC_MINSIGSTKSZ => 2048, // MINSIGSTKSZ and SIGSTKSZ as <signal.h> defines them: no AVX state to add
            _SC_SIGSTKSZ => 8192,
            _ => Constants[name],
        };
    }

    /// <summary>The confstr strings glibc defines (index = name); the others are EINVAL.</summary>
    private static readonly string[] Strings =
    [
        "/bin:/usr/bin", "POSIX_V6_LP64_OFF64", "glibc 2.36", "NPTL 2.36", "XBS5_LP64_OFF64", "POSIX_V7_LP64_OFF64",
    ];

    /// <summary>
    /// size_t confstr(int name, char *buf, size_t size) — the string's length with its terminator (buf gets as much
    /// as fits, terminated; NULL or 0 only asks); 0 with EINVAL for an unknown name. The same on every host: these are
    /// the C library's own strings (the library the guest was built against, glibc 2.36 as on this bridge's Linux).
    /// </summary>
    [ShimExport("confstr")]
    public static nuint confstr(int name, byte* buf, nuint size)
    {
        if (name < 0 || name >= Strings.Length)
        {
            Fail(Errno.EINVAL);
            return 0;
        }
        var bytes = Encoding.UTF8.GetBytes(Strings[name]);
        if (buf != null && size > 0)
        {
            var count = (int)Math.Min((nuint)bytes.Length, size - 1);
            bytes.AsSpan(0, count).CopyTo(new Span<byte>(buf, count));
            buf[count] = 0;
        }
        return (nuint)bytes.Length + 1;
    }
}
