using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using HostProcess = System.Diagnostics.Process;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// Process groups and sessions. A Linux host answers and changes its own. Windows has neither, so on a Windows host a
/// guest is what a daemon is on Linux: the leader of its own session and process group (sid = pgid = its pid), its
/// children in that group. Linux's own refusals follow from that: setsid and setpgid of itself are EPERM (a session
/// leader cannot move), setpgid of a child EACCES (it has already exec'd: children are spawned), anyone else ESRCH.
/// Another host process is shown as the leader of its own group and session.
/// </summary>
[ShimLibrary("libc", "process")]
public static class Sessions
{
    /// <summary>pid_t getpgid(pid_t pid) — 0: the caller.</summary>
    [ShimExport("getpgid")]
    public static int getpgid(int pid) => HostLibc.Available ? Host(HostLibc.getpgid(pid)) : LeaderOf(pid);

    /// <summary>pid_t getpgrp(void) — never fails.</summary>
    [ShimExport("getpgrp")]
    public static int getpgrp() => getpgid(0);

    /// <summary>pid_t getsid(pid_t pid) — 0: the caller.</summary>
    [ShimExport("getsid")]
    public static int getsid(int pid) => HostLibc.Available ? Host(HostLibc.getsid(pid)) : LeaderOf(pid);

    /// <summary>int setpgid(pid_t pid, pid_t pgid) — pgid &lt; 0: EINVAL.</summary>
    [ShimExport("setpgid")]
    public static int setpgid(int pid, int pgid)
    {
        if (HostLibc.Available)
            return Host(HostLibc.setpgid(pid, pgid));
        return Fail(SessionModel.MoveError(pid, pgid, Bridge.Environment.ProcessId, IsChild));
    }

    /// <summary>int setpgrp(void) — setpgid(0, 0).</summary>
    [ShimExport("setpgrp")]
    public static int setpgrp() => setpgid(0, 0);

    /// <summary>pid_t setsid(void) — the new session's id; EPERM for a process group leader.</summary>
    [ShimExport("setsid")]
    public static int setsid() => HostLibc.Available ? Host(HostLibc.setsid()) : Fail(Errno.EPERM);

    private static int LeaderOf(int pid)
    {
        var leader = SessionModel.LeaderOf(pid, Bridge.Environment.ProcessId, IsChild, Exists);
        return leader > 0 ? leader : Fail(-leader);
    }

    private static bool IsChild(int pid) => PosixServices.Children.Find(pid) is not null;

    private static bool Exists(int pid)
    {
        try
        {
            using var other = HostProcess.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int Host(int result) => result < 0 ? Fail(HostLibc.Errno) : result;
}
