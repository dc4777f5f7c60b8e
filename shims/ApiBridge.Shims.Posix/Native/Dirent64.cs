using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>
/// struct dirent64 (and glibc's struct dirent on x86-64, same layout): d_ino 0, d_off 8, d_reclen 16 (u16),
/// d_type 18 (u8), d_name[256] at 19 — 280 bytes with padding.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 280)]
public unsafe struct Dirent64
{
    [FieldOffset(0)] public ulong d_ino;
    [FieldOffset(8)] public long d_off;
    [FieldOffset(16)] public ushort d_reclen;
    [FieldOffset(18)] public byte d_type;
    [FieldOffset(19)] public fixed byte d_name[256];

    public const byte DT_UNKNOWN = 0;
    public const byte DT_FIFO = 1;
    public const byte DT_CHR = 2;
    public const byte DT_DIR = 4;
    public const byte DT_REG = 8;
    public const byte DT_LNK = 10;
}
