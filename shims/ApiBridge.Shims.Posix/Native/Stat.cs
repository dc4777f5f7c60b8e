using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>
/// struct stat of x86-64 Linux (glibc, also what __xstat with _STAT_VER_LINUX = 1 fills): 144 bytes.
/// st_dev 0, st_ino 8, st_nlink 16, st_mode 24 (u32), st_uid 28, st_gid 32, st_rdev 40, st_size 48,
/// st_blksize 56, st_blocks 64, st_atim 72, st_mtim 88, st_ctim 104, then three reserved longs.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
public struct Stat
{
    [FieldOffset(0)] public ulong st_dev;
    [FieldOffset(8)] public ulong st_ino;
    [FieldOffset(16)] public ulong st_nlink;
    [FieldOffset(24)] public uint st_mode;
    [FieldOffset(28)] public uint st_uid;
    [FieldOffset(32)] public uint st_gid;
    [FieldOffset(40)] public ulong st_rdev;
    [FieldOffset(48)] public long st_size;
    [FieldOffset(56)] public long st_blksize;
    [FieldOffset(64)] public long st_blocks;
    [FieldOffset(72)] public Timespec st_atim;
    [FieldOffset(88)] public Timespec st_mtim;
    [FieldOffset(104)] public Timespec st_ctim;

    public const uint S_IFMT = 0xF000;
    public const uint S_IFIFO = 0x1000;
    public const uint S_IFCHR = 0x2000;
    public const uint S_IFDIR = 0x4000;
    public const uint S_IFREG = 0x8000;
    public const uint S_IFLNK = 0xA000;
}
