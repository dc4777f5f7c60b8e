using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>The *at forms of the path calls (relative names against a directory descriptor or AT_FDCWD), euidaccess, mkfifo and glibc's __xmknod.</summary>
public static unsafe partial class Files
{
    /// <summary>
    /// int faccessat(int dirfd, const char *pathname, int mode, int flags) — flags AT_EACCESS (the guest's real and
    /// effective ids are the same) and AT_SYMLINK_NOFOLLOW (a link's own mode is rwxrwxrwx); any other: EINVAL.
    /// </summary>
    [ShimExport("faccessat")]
    public static int faccessat(int dirfd, byte* pathname, int mode, int flags)
    {
        if ((flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW)) != 0)
            return Fail(Errno.EINVAL);
        return AccessAt(dirfd, pathname, mode, follow: (flags & AT_SYMLINK_NOFOLLOW) == 0);
    }

    /// <summary>
    /// int euidaccess(const char *pathname, int mode) — access with the effective ids: faccessat(AT_FDCWD, …,
    /// AT_EACCESS), as glibc makes it.
    /// </summary>
    [ShimExport("euidaccess")]
    [ShimExport("eaccess")]
    public static int euidaccess(byte* pathname, int mode) => faccessat(AT_FDCWD, pathname, mode, AT_EACCESS);

    /// <summary>
    /// int unlinkat(int dirfd, const char *pathname, int flags) — unlink, or with AT_REMOVEDIR rmdir; any other flag:
    /// EINVAL.
    /// </summary>
    [ShimExport("unlinkat")]
    public static int unlinkat(int dirfd, byte* pathname, int flags)
    {
        if ((flags & ~AT_REMOVEDIR) != 0)
            return Fail(Errno.EINVAL);
        return (flags & AT_REMOVEDIR) != 0 ? RmdirAt(dirfd, pathname) : UnlinkAt(dirfd, pathname);
    }

    /// <summary>int mkfifo(const char *pathname, mode_t mode)</summary>
    [ShimExport("mkfifo")]
    public static int mkfifo(byte* pathname, uint mode) => mkfifoat(AT_FDCWD, pathname, mode);

    /// <summary>
    /// int mkfifoat(int dirfd, const char *pathname, mode_t mode) — a named pipe. A Linux host makes one; a Windows
    /// file system cannot hold one (its pipes live in \\.\pipe, outside any folder), so there the call fails with
    /// EPERM, what Linux answers on a file system that does not support FIFOs — after the checks that come first
    /// (EEXIST, ENOENT, ENOTDIR).
    /// </summary>
    [ShimExport("mkfifoat")]
    public static int mkfifoat(int dirfd, byte* pathname, uint mode)
    {
        var error = ResolveNew(dirfd, pathname, out var path);
        if (error != 0)
            return Fail(error);
        if (!HostLibc.Available)
            return Fail(Errno.EPERM);
        fixed (byte* host = HostLibc.Z(path.Host))
            return HostLibc.mkfifo(host, mode & 0xFFF) == 0 ? 0 : Fail(HostLibc.Errno);
    }

    private const uint S_IFMT = 0xF000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFBLK = 0x6000, S_IFREG = 0x8000, S_IFSOCK = 0xC000;

    /// <summary>int __xmknod(int ver, const char *path, mode_t mode, dev_t *dev) — glibc's old mknod entry: __xmknodat at AT_FDCWD.</summary>
    [ShimExport("__xmknod")]
    public static int __xmknod(int ver, byte* path, uint mode, ulong* dev) => __xmknodat(ver, AT_FDCWD, path, mode, dev);

    /// <summary>
    /// int __xmknodat(int ver, int dirfd, const char *path, mode_t mode, dev_t *dev) — mknodat behind glibc's version
    /// check (only version 0: else EINVAL). A Linux host makes the node itself. A Windows host makes regular files
    /// (type 0 or S_IFREG); a FIFO is EPERM as for mkfifo, and so are devices (CAP_MKNOD) and sockets (no such node in
    /// a Windows folder). Linux's order: the type (EINVAL; a folder EPERM), then the name (EEXIST, ENOENT), then the
    /// privilege.
    /// </summary>
    [ShimExport("__xmknodat")]
    public static int __xmknodat(int ver, int dirfd, byte* path, uint mode, ulong* dev)
    {
        if (ver != 0)
            return Fail(Errno.EINVAL);
        var type = mode & S_IFMT;
        if (type is not (0 or S_IFREG or S_IFIFO or S_IFCHR or S_IFBLK or S_IFSOCK or S_IFDIR))
            return Fail(Errno.EINVAL);
        if (HostLibc.Available)
        {
            var error = Resolve(dirfd, path, out var resolved);
            if (error != 0)
                return Fail(error);
            fixed (byte* host = HostLibc.Z(resolved.Host))
                return HostLibc.mknod(host, mode, dev == null ? 0 : *dev) == 0 ? 0 : Fail(HostLibc.Errno);
        }
        if (type == S_IFDIR)
            return Fail(Errno.EPERM);
        var newError = ResolveNew(dirfd, path, out _);
        if (newError != 0)
            return Fail(newError);
        if (type is not (0 or S_IFREG))
            return Fail(Errno.EPERM);
        var fd = openat(dirfd, path, O_CREAT | O_EXCL | O_WRONLY, mode & 0xFFF);
        return fd < 0 ? -1 : close(fd);
    }

    /// <summary>int remove(const char *pathname) — unlink for a file (a link itself), rmdir for a folder.</summary>
    [ShimExport("remove")]
    public static int remove(byte* pathname)
    {
        var error = Resolve(pathname, out var path);
        if (error != 0)
            return Fail(error);
        return HostFiles.KindOf(path, follow: false) == EntryKind.Directory ? RmdirAt(AT_FDCWD, pathname) : UnlinkAt(AT_FDCWD, pathname);
    }

    /// <summary>
    /// int truncate(const char *path, off_t length) — follows links; negative length EINVAL, a folder EISDIR, a file
    /// the caller may not write EACCES.
    /// </summary>
    [ShimExport("truncate")]
    [ShimExport("truncate64")]
    public static int truncate(byte* path, long length)
    {
        if (length < 0)
            return Fail(Errno.EINVAL);
        var error = Resolve(path, out var resolved);
        if (error != 0)
            return Fail(error);
        var kind = HostFiles.KindOf(resolved, follow: true);
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(resolved.Host));
        if (kind == EntryKind.Directory)
            return Fail(Errno.EISDIR);
        if (resolved.TrailingSlash)
            return Fail(Errno.ENOTDIR);
        try
        {
            using var handle = File.OpenHandle(resolved.Host, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.SetLength(handle, length);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    /// <summary>int futimens(int fd, const struct timespec times[2]) — utimensat on the descriptor's file.</summary>
    [ShimExport("futimens")]
    public static int futimens(int fd, Native.Timespec* times) => utimensat(fd, null, times, 0);

    /// <summary>int dup3(int oldfd, int newfd, int flags) — dup2, but equal descriptors or a flag besides O_CLOEXEC: EINVAL.</summary>
    [ShimExport("dup3")]
    public static int dup3(int oldfd, int newfd, int flags)
    {
        if ((flags & ~O_CLOEXEC) != 0 || oldfd == newfd)
            return Fail(Errno.EINVAL);
        var fd = dup2(oldfd, newfd);
        if (fd >= 0 && (flags & O_CLOEXEC) != 0)
            PosixServices.Descriptors.SetCloseOnExec(fd, true);
        return fd;
    }
}
