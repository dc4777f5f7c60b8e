using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// chown, fchown, lchown, fchownat. A Linux host changes the host entry's owner (its path mapped by the view). A
/// Windows host has SIDs, not uids, and the guest's view shows every entry as the guest's own (uid and gid 1000):
/// there a call that keeps the owner and names the guest's group succeeds and changes nothing, and any other is
/// refused with EPERM exactly as Linux refuses an unprivileged caller (<see cref="OwnershipRules"/>).
/// </summary>
[ShimLibrary("libc", "file")]
public static unsafe class Ownership
{
    /// <summary>int chown(const char *pathname, uid_t owner, gid_t group) — follows a final link.</summary>
    [ShimExport("chown")]
    public static int chown(byte* pathname, uint owner, uint group) => fchownat(AT_FDCWD, pathname, owner, group, 0);

    /// <summary>int lchown(const char *pathname, uid_t owner, gid_t group) — a final link itself.</summary>
    [ShimExport("lchown")]
    public static int lchown(byte* pathname, uint owner, uint group) => fchownat(AT_FDCWD, pathname, owner, group, AT_SYMLINK_NOFOLLOW);

    /// <summary>
    /// int fchownat(int dirfd, const char *pathname, uid_t owner, gid_t group, int flags) — AT_SYMLINK_NOFOLLOW,
    /// AT_EMPTY_PATH (an empty name: the file dirfd is open on); any other flag EINVAL; an empty name without it ENOENT.
    /// </summary>
    [ShimExport("fchownat")]
    public static int fchownat(int dirfd, byte* pathname, uint owner, uint group, int flags)
    {
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0)
            return Fail(Errno.EINVAL);
        if (pathname != null && *pathname == 0)
            return (flags & AT_EMPTY_PATH) != 0 ? fchown(dirfd, owner, group) : Fail(Errno.ENOENT);
        var error = Resolve(dirfd, pathname, out var path);
        if (error != 0)
            return Fail(error);
        var follow = (flags & AT_SYMLINK_NOFOLLOW) == 0;
        if (HostLibc.Available)
        {
            fixed (byte* host = HostLibc.Z(path.Host))
            {
                var result = follow ? HostLibc.chown(host, owner, group) : HostLibc.lchown(host, owner, group);
                return result == 0 ? 0 : Fail(HostLibc.Errno);
            }
        }
        var kind = HostFiles.KindOf(path, follow);
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(path.Host));
        if (path.TrailingSlash && kind != EntryKind.Directory)
            return Fail(Errno.ENOTDIR);
        return Decide(owner, group);
    }

    /// <summary>int fchown(int fd, uid_t owner, gid_t group) — EBADF for a descriptor that is not open.</summary>
    [ShimExport("fchown")]
    public static int fchown(int fd, uint owner, uint group)
    {
        var description = PosixServices.Descriptors.Get(fd);
        if (description is null)
            return Fail(Errno.EBADF);
        if (HostLibc.Available)
        {
            int result;
            if (description.Handle is { } handle)
                result = HostLibc.fchown((int)handle.DangerousGetHandle(), owner, group);
            else if (description.StandardStreamNumber >= 0)
                result = HostLibc.fchown(description.StandardStreamNumber, owner, group);
            else
            {
                fixed (byte* host = HostLibc.Z(description.HostPath))
                    result = HostLibc.chown(host, owner, group);
            }
            return result == 0 ? 0 : Fail(HostLibc.Errno);
        }
        return Decide(owner, group);
    }

    private static int Decide(uint owner, uint group)
    {
        var error = OwnershipRules.ChangeError(PosixServices.Identity, owner, group);
        return error == 0 ? 0 : Fail(error);
    }
}
