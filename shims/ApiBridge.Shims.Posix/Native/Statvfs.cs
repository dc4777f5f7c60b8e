using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>glibc's struct statvfs on x86-64 (112 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct Statvfs
{
    public ulong f_bsize;
    public ulong f_frsize;
    public ulong f_blocks;
    public ulong f_bfree;
    public ulong f_bavail;
    public ulong f_files;
    public ulong f_ffree;
    public ulong f_favail;
    public ulong f_fsid;
    public ulong f_flag;
    public ulong f_namemax;
    public fixed int __f_spare[6];

    public const ulong ST_RDONLY = 1;
}
