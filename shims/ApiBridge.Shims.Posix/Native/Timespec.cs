using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>struct timespec (x86-64): time_t tv_sec; long tv_nsec — 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Timespec
{
    public long tv_sec;
    public long tv_nsec;
}
