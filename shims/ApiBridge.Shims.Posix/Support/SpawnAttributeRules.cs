using ApiBridge.Shims.Posix.Native;
using static ApiBridge.Shims.Posix.Native.SpawnAttributes;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// Which posix_spawnattr_t settings posix_spawn can honour. Children are started through .NET's process start on
/// both hosts, which gives no hook between fork and exec, so a setting is either true of every child already,
/// meaningless for the host's child, or refused with ENOSYS (the nearest glibc has to "not supported here").
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>POSIX_SPAWN_USEVFORK: ignored, as glibc has ignored it since 2.24.</item>
/// <item>POSIX_SPAWN_SETSIGDEF: accepted on both hosts: a child starts with the default action for every signal the
/// bridge's process handles (the runtime resets them between fork and exec; a Windows child has no signals).</item>
/// <item>POSIX_SPAWN_SETSIGMASK: an empty mask is what every child starts with, so it is honoured; a mask that
/// blocks signals is refused on a Linux host and accepted, meaningless, on a Windows host.</item>
/// <item>POSIX_SPAWN_SETPGROUP, POSIX_SPAWN_SETSID: refused on a Linux host (the child stays in the caller's group and
/// session); accepted on a Windows host, which has neither for the child.</item>
/// <item>POSIX_SPAWN_RESETIDS: honoured when the caller's real and effective ids are the same (the child gets them
/// both, which is what it asks); otherwise refused on a Linux host. Accepted on a Windows host (no set-user-ID).</item>
/// <item>POSIX_SPAWN_SETSCHEDPARAM, POSIX_SPAWN_SETSCHEDULER, POSIX_SPAWN_SETCGROUP: refused on both hosts.</item>
/// </list>
/// </remarks>
internal static unsafe class SpawnAttributeRules
{
    /// <summary>0 when posix_spawn can start a child as <paramref name="attributes"/> asks (NULL: the defaults), else ENOSYS.</summary>
    public static int Check(SpawnAttributes* attributes)
    {
        if (attributes == null)
            return 0;
        var flags = attributes->Flags;
        if ((flags & (POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_SETCGROUP)) != 0)
            return Errno.ENOSYS;
        if (OperatingSystem.IsWindows())
            return 0;
        if ((flags & (POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSID)) != 0)
            return Errno.ENOSYS;
        if ((flags & POSIX_SPAWN_SETSIGMASK) != 0 && *(ulong*)attributes->SignalMask != 0)
            return Errno.ENOSYS;
        if ((flags & POSIX_SPAWN_RESETIDS) != 0)
        {
            var identity = PosixServices.Identity;
            if (identity.Uid != identity.EffectiveUid || identity.Gid != identity.EffectiveGid)
                return Errno.ENOSYS;
        }
        return 0;
    }
}
