using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>
/// glibc's posix_spawn_file_actions_t (x86-64, 80 bytes): int __allocated, int __used, struct __spawn_action
/// *__actions, int __pad[16]. The guest owns the object (often a byte array or a fixed buffer); the shims' own
/// posix_spawn_file_actions_* write it and posix_spawn reads it back, so the layout is the only contract.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct SpawnFileActions
{
    public int Allocated;
    public int Used;
    public SpawnAction* Actions;
    public fixed int Pad[16];
}

/// <summary>The tag of a <see cref="SpawnAction"/>, in glibc's order (spawn_int.h).</summary>
public enum SpawnActionKind
{
    Close = 0,
    Dup2 = 1,
    Open = 2,
    Chdir = 3,
    Fchdir = 4,
    Closefrom = 5,
    Tcsetpgrp = 6,
}

/// <summary>
/// glibc's struct __spawn_action (x86-64, 32 bytes): the tag, then a union at offset 8 whose widest member is the
/// open action (int fd, char *path, int oflag, mode_t mode). The fields below overlay that union as glibc lays it
/// out: close/fchdir/closefrom/tcsetpgrp use <see cref="Fd"/>, dup2 <see cref="Fd"/> and <see cref="NewFd"/>,
/// chdir <see cref="ChdirPath"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
public unsafe struct SpawnAction
{
    [FieldOffset(0)] public SpawnActionKind Kind;
    [FieldOffset(8)] public int Fd;
    [FieldOffset(12)] public int NewFd;
    [FieldOffset(8)] public byte* ChdirPath;
    [FieldOffset(16)] public byte* OpenPath;
    [FieldOffset(24)] public int OpenFlags;
    [FieldOffset(28)] public uint OpenMode;
}
