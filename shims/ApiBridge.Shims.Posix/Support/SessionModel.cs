namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// Process groups and sessions as a Windows host shows them to a guest (<see cref="Libc.Sessions"/>): the guest leads
/// its own session and group, its children are in that group, any other live process leads its own.
/// </summary>
public static class SessionModel
{
    /// <summary>The group (and session) id of <paramref name="pid"/> (0: the caller), or −errno (ESRCH).</summary>
    public static int LeaderOf(int pid, int self, Func<int, bool> isChild, Func<int, bool> exists)
    {
        if (pid < 0)
            return -Errno.ESRCH;
        if (pid == 0 || pid == self || isChild(pid))
            return self;
        return exists(pid) ? pid : -Errno.ESRCH;
    }

    /// <summary>
    /// setpgid's errno (it never succeeds here): a negative group EINVAL; the caller, a session leader, EPERM; a child,
    /// which has already exec'd (children are spawned), EACCES; anyone else ESRCH.
    /// </summary>
    public static int MoveError(int pid, int pgid, int self, Func<int, bool> isChild)
    {
        if (pgid < 0)
            return Errno.EINVAL;
        if (pid == 0 || pid == self)
            return Errno.EPERM;
        return isChild(pid) ? Errno.EACCES : Errno.ESRCH;
    }
}
