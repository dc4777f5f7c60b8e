namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// Linux's rules for the set*id calls of a process without privilege (setuid(2), setreuid(2), setresuid(2)): each id
/// named may only be one the process already has (real, effective or saved; -1 leaves one as it is). On a Windows
/// host the guest's ids are all the same fixed one (<see cref="PosixIdentity"/>), so an allowed call changes nothing
/// and any other is EPERM; root may name any id, as on Linux.
/// </summary>
public static class IdentityRules
{
    public const uint Unchanged = uint.MaxValue; // (uid_t)-1

    /// <summary>0 when every id in <paramref name="requested"/> is -1 or one of <paramref name="own"/>, else EPERM.</summary>
    public static int ChangeError(bool privileged, ReadOnlySpan<uint> own, params uint[] requested)
    {
        if (privileged)
            return 0;
        foreach (var id in requested)
        {
            if (id != Unchanged && !own.Contains(id))
                return Errno.EPERM;
        }
        return 0;
    }
}
