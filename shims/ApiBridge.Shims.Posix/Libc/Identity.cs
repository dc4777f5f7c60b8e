using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// The user and group ids beyond getuid/getgid (<see cref="Environment"/>): getgroups, getresuid/getresgid and the
/// set*id calls. A Linux host answers and changes its own. A Windows host has one fixed identity (uid = gid = 1000,
/// its only group; saved = effective): the getters report it, and a set*id call succeeds, changing nothing, when it
/// names only those ids, else EPERM as for an unprivileged Linux process (<see cref="IdentityRules"/>). A single id of
/// -1 where one is required (setuid, seteuid …) is EINVAL, as the kernel answers.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class Identity
{
    /// <summary>int getgroups(int size, gid_t list[]) — size 0: the count only; a smaller size than the count: EINVAL.</summary>
    [ShimExport("getgroups")]
    public static int getgroups(int size, uint* list)
    {
        if (HostLibc.Available)
            return Host(HostLibc.getgroups(size, list));
        if (size < 0)
            return Fail(Errno.EINVAL);
        if (size == 0)
            return 1;
        if (list == null)
            return Fail(Errno.EFAULT);
        list[0] = PosixServices.Identity.Gid;
        return 1;
    }

    /// <summary>NGROUPS_MAX: the most supplementary groups a process may have.</summary>
    public const int NGROUPS_MAX = 65536;

    /// <summary>
    /// int setgroups(size_t size, const gid_t *list) — needs CAP_SETGID (EPERM, checked first), then size over
    /// NGROUPS_MAX: EINVAL. A Windows host's guest never has the capability.
    /// </summary>
    [ShimExport("setgroups")]
    public static int setgroups(nuint size, uint* list)
    {
        if (HostLibc.Available)
            return Host(HostLibc.setgroups(size, list));
        return Fail(PosixServices.Identity.EffectiveUid == 0 && size > NGROUPS_MAX ? Errno.EINVAL : Errno.EPERM);
    }

    /// <summary>
    /// int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups) — group, then every group of the
    /// guest's /etc/group that lists user, as glibc's files backend finds them (each once). The count; when more than
    /// *ngroups: -1, as many as fit, and *ngroups set to the count needed. The same on every host: the view's own file.
    /// </summary>
    [ShimExport("getgrouplist")]
    public static int getgrouplist(byte* user, uint group, uint* groups, int* ngroups)
    {
        if (user == null || ngroups == null)
            return Fail(Errno.EFAULT);
        var name = NativeStrings.Read(user)!;
        var found = new List<uint> { group };
        if (PosixServices.View.Resolve("/etc/group", out var file) == 0)
        {
            try
            {
                foreach (var line in File.ReadLines(file.Host))
                {
                    var fields = line.Split(':');
                    if (fields.Length >= 4 && uint.TryParse(fields[2], out var gid) && !found.Contains(gid)
                        && fields[3].Split(',').Contains(name, StringComparer.Ordinal))
                        found.Add(gid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // No group file: the user's own group alone, as glibc gives then.
            }
        }
        var room = Math.Max(*ngroups, 0);
        for (var i = 0; i < Math.Min(room, found.Count); i++)
            groups[i] = found[i];
        var fits = found.Count <= room;
        *ngroups = found.Count;
        return fits ? found.Count : -1;
    }

    /// <summary>int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid)</summary>
    [ShimExport("getresuid")]
    public static int getresuid(uint* real, uint* effective, uint* saved)
    {
        if (HostLibc.Available)
            return Host(HostLibc.getresuid(real, effective, saved));
        if (real == null || effective == null || saved == null)
            return Fail(Errno.EFAULT);
        var identity = PosixServices.Identity;
        (*real, *effective, *saved) = (identity.Uid, identity.EffectiveUid, identity.EffectiveUid);
        return 0;
    }

    /// <summary>int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid)</summary>
    [ShimExport("getresgid")]
    public static int getresgid(uint* real, uint* effective, uint* saved)
    {
        if (HostLibc.Available)
            return Host(HostLibc.getresgid(real, effective, saved));
        if (real == null || effective == null || saved == null)
            return Fail(Errno.EFAULT);
        var identity = PosixServices.Identity;
        (*real, *effective, *saved) = (identity.Gid, identity.EffectiveGid, identity.EffectiveGid);
        return 0;
    }

    /// <summary>int setuid(uid_t uid)</summary>
    [ShimExport("setuid")]
    public static int setuid(uint uid) => HostLibc.Available ? Host(HostLibc.setuid(uid)) : Users(single: true, uid);

    /// <summary>int seteuid(uid_t euid)</summary>
    [ShimExport("seteuid")]
    public static int seteuid(uint euid) => HostLibc.Available ? Host(HostLibc.seteuid(euid)) : Users(single: true, euid);

    /// <summary>int setreuid(uid_t ruid, uid_t euid)</summary>
    [ShimExport("setreuid")]
    public static int setreuid(uint real, uint effective) =>
        HostLibc.Available ? Host(HostLibc.setreuid(real, effective)) : Users(single: false, real, effective);

    /// <summary>int setresuid(uid_t ruid, uid_t euid, uid_t suid)</summary>
    [ShimExport("setresuid")]
    public static int setresuid(uint real, uint effective, uint saved) =>
        HostLibc.Available ? Host(HostLibc.setresuid(real, effective, saved)) : Users(single: false, real, effective, saved);

    /// <summary>int setgid(gid_t gid)</summary>
    [ShimExport("setgid")]
    public static int setgid(uint gid) => HostLibc.Available ? Host(HostLibc.setgid(gid)) : Groups(single: true, gid);

    /// <summary>int setegid(gid_t egid)</summary>
    [ShimExport("setegid")]
    public static int setegid(uint egid) => HostLibc.Available ? Host(HostLibc.setegid(egid)) : Groups(single: true, egid);

    /// <summary>int setregid(gid_t rgid, gid_t egid)</summary>
    [ShimExport("setregid")]
    public static int setregid(uint real, uint effective) =>
        HostLibc.Available ? Host(HostLibc.setregid(real, effective)) : Groups(single: false, real, effective);

    /// <summary>int setresgid(gid_t rgid, gid_t egid, gid_t sgid)</summary>
    [ShimExport("setresgid")]
    public static int setresgid(uint real, uint effective, uint saved) =>
        HostLibc.Available ? Host(HostLibc.setresgid(real, effective, saved)) : Groups(single: false, real, effective, saved);

    private static int Users(bool single, params uint[] ids)
    {
        var identity = PosixServices.Identity;
        return Decide(single, identity.EffectiveUid == 0, [identity.Uid, identity.EffectiveUid], ids);
    }

    private static int Groups(bool single, params uint[] ids)
    {
        var identity = PosixServices.Identity;
        return Decide(single, identity.EffectiveUid == 0, [identity.Gid, identity.EffectiveGid], ids);
    }

    private static int Decide(bool single, bool privileged, uint[] own, uint[] ids)
    {
        if (single && ids[0] == IdentityRules.Unchanged)
            return Fail(Errno.EINVAL);
        var error = IdentityRules.ChangeError(privileged, own, ids);
        return error == 0 ? 0 : Fail(error);
    }

    private static int Host(int result) => result < 0 ? Fail(HostLibc.Errno) : result;
}
