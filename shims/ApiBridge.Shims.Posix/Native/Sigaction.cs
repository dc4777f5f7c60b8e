using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>
/// glibc's struct sigaction (x86-64, 152 bytes): the handler (sa_handler and sa_sigaction share the first word),
/// sa_mask as glibc's 128-byte sigset_t (only its first 64-bit word means anything, as glibc gives the kernel 8
/// bytes), int sa_flags (then 4 bytes of padding) and sa_restorer.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct Sigaction
{
    public nint sa_handler;
    public fixed ulong sa_mask[16];
    public int sa_flags;
    public nint sa_restorer;
}
