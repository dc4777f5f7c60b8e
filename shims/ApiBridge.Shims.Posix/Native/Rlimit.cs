using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>struct rlimit (and rlimit64, the same on x86-64): rlim_t rlim_cur; rlim_t rlim_max — 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Rlimit
{
    /// <summary>RLIM_INFINITY: no limit.</summary>
    public const ulong Infinity = ulong.MaxValue;

    public ulong rlim_cur;
    public ulong rlim_max;

    public Rlimit(ulong soft, ulong hard)
    {
        rlim_cur = soft;
        rlim_max = hard;
    }
}
