using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>struct timeval (x86-64): time_t tv_sec; suseconds_t tv_usec — 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Timeval
{
    public long tv_sec;
    public long tv_usec;
}
