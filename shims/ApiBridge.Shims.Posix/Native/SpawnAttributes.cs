using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>
/// glibc's posix_spawnattr_t (x86-64, 336 bytes): short __flags, pid_t __pgrp, sigset_t __sd (the signals set to
/// default), sigset_t __ss (the signal mask), struct sched_param __sp, int __policy, int __pad[16]. A sigset_t is
/// 128 bytes, of which only the first 64-bit word holds signals (see SignalSets).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 336)]
public unsafe struct SpawnAttributes
{
    public const int SigsetSize = 128;

    [FieldOffset(0)] public short Flags;
    [FieldOffset(4)] public int ProcessGroup;
    [FieldOffset(8)] public fixed byte SignalsToDefault[SigsetSize];
    [FieldOffset(136)] public fixed byte SignalMask[SigsetSize];
    [FieldOffset(264)] public int SchedulingPriority;
    [FieldOffset(268)] public int SchedulingPolicy;

    // posix_spawnattr_setflags' flag bits (spawn.h).
    public const short POSIX_SPAWN_RESETIDS = 0x01, POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04,
        POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSCHEDPARAM = 0x10, POSIX_SPAWN_SETSCHEDULER = 0x20,
        POSIX_SPAWN_USEVFORK = 0x40, POSIX_SPAWN_SETSID = 0x80, POSIX_SPAWN_SETCGROUP = 0x100;

    /// <summary>Every flag glibc's setflags accepts; another bit is EINVAL.</summary>
    public const short AllFlags = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        | POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_USEVFORK | POSIX_SPAWN_SETSID | POSIX_SPAWN_SETCGROUP;
}
