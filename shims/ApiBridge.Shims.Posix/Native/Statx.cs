using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>A struct statx_timestamp (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct StatxTimestamp
{
    public long tv_sec;
    public uint tv_nsec;
    public int __reserved;
}

/// <summary>Linux's struct statx (256 bytes, the same on every architecture).</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
public struct Statx
{
    [FieldOffset(0)] public uint stx_mask;
    [FieldOffset(4)] public uint stx_blksize;
    [FieldOffset(8)] public ulong stx_attributes;
    [FieldOffset(16)] public uint stx_nlink;
    [FieldOffset(20)] public uint stx_uid;
    [FieldOffset(24)] public uint stx_gid;
    [FieldOffset(28)] public ushort stx_mode;
    [FieldOffset(32)] public ulong stx_ino;
    [FieldOffset(40)] public ulong stx_size;
    [FieldOffset(48)] public ulong stx_blocks;
    [FieldOffset(56)] public ulong stx_attributes_mask;
    [FieldOffset(64)] public StatxTimestamp stx_atime;
    [FieldOffset(80)] public StatxTimestamp stx_btime;
    [FieldOffset(96)] public StatxTimestamp stx_ctime;
    [FieldOffset(112)] public StatxTimestamp stx_mtime;
    [FieldOffset(128)] public uint stx_rdev_major;
    [FieldOffset(132)] public uint stx_rdev_minor;
    [FieldOffset(136)] public uint stx_dev_major;
    [FieldOffset(140)] public uint stx_dev_minor;

    /// <summary>STATX_BASIC_STATS: type, mode, nlink, uid, gid, atime, mtime, ctime, ino, size, blocks.</summary>
    public const uint STATX_BASIC_STATS = 0x7FF;

    /// <summary>STATX__RESERVED: a mask bit kept for a future struct; asking for it is EINVAL.</summary>
    public const uint STATX__RESERVED = 0x80000000;
}
