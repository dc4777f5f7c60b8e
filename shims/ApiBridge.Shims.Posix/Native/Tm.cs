using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>struct tm (glibc, x86-64): nine ints, then long tm_gmtoff at 40 and const char *tm_zone at 48 — 56 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 56)]
public unsafe struct Tm
{
    [FieldOffset(0)] public int tm_sec;
    [FieldOffset(4)] public int tm_min;
    [FieldOffset(8)] public int tm_hour;
    [FieldOffset(12)] public int tm_mday;
    [FieldOffset(16)] public int tm_mon;
    [FieldOffset(20)] public int tm_year;
    [FieldOffset(24)] public int tm_wday;
    [FieldOffset(28)] public int tm_yday;
    [FieldOffset(32)] public int tm_isdst;
    [FieldOffset(40)] public long tm_gmtoff;
    [FieldOffset(48)] public byte* tm_zone;
}
