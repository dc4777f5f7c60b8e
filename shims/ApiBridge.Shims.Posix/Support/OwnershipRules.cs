namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// Linux's rule for chown by a process without privilege (chown(2)): the owner cannot change (naming the current
/// owner, or -1, changes nothing), and the group may become only one of the caller's own. On a Windows host every
/// entry of the guest's view is owned by the guest's user and group (<see cref="PosixIdentity"/>, as stat reports),
/// so this rule alone decides; root (uid 0) may do anything, as on Linux.
/// </summary>
public static class OwnershipRules
{
    public const uint Unchanged = uint.MaxValue; // (uid_t)-1

    /// <summary>0 when <paramref name="identity"/> may give its own entry this owner and group, else EPERM.</summary>
    public static int ChangeError(PosixIdentity identity, uint owner, uint group)
    {
        if (identity.EffectiveUid == 0)
            return 0;
        if (owner != Unchanged && owner != identity.Uid)
            return Errno.EPERM;
        if (group != Unchanged && group != identity.Gid && group != identity.EffectiveGid)
            return Errno.EPERM;
        return 0;
    }
}
