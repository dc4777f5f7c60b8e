using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// The chmod family and umask. On a Linux host the mode is the host entry's own; on a Windows host the permission
/// bits are recorded in the prefix's <see cref="UnixModes"/> (the owner's write bit is also the file's read-only
/// attribute), and the umask is the process's own (<see cref="FileCreationMask"/>).
/// </summary>
[ShimLibrary("libc", "file")]
public static unsafe class FileModes
{
    public const int EOPNOTSUPP = 95;

    /// <summary>
    /// int fchmodat(int dirfd, const char *pathname, mode_t mode, int flags) — flags other than AT_SYMLINK_NOFOLLOW:
    /// EINVAL; with it, a link itself cannot have a mode on Linux: EOPNOTSUPP (glibc's answer).
    /// </summary>
    [ShimExport("fchmodat")]
    public static int fchmodat(int dirfd, byte* pathname, uint mode, int flags)
    {
        if ((flags & ~AT_SYMLINK_NOFOLLOW) != 0)
            return Fail(Errno.EINVAL);
        var error = Resolve(dirfd, pathname, out var path);
        if (error != 0)
            return Fail(error);
        var follow = (flags & AT_SYMLINK_NOFOLLOW) == 0;
        var kind = HostFiles.KindOf(path, follow);
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(path.Host));
        if (kind == EntryKind.Link)
            return Fail(EOPNOTSUPP);
        if (path.TrailingSlash && kind != EntryKind.Directory)
            return Fail(Errno.ENOTDIR);
        return SetMode(path.Host, kind, mode);
    }

    /// <summary>int fchmod(int fd, mode_t mode) — the file the descriptor is open on; EBADF for a closed one.</summary>
    [ShimExport("fchmod")]
    public static int fchmod(int fd, uint mode)
    {
        var description = PosixServices.Descriptors.Get(fd);
        if (description is null)
            return Fail(Errno.EBADF);
        if (description.Kind == DescriptionKind.Stream)
        {
            // A terminal or pipe: the host's own on Linux; on Windows it has no mode to keep.
            if (HostLibc.Available && description.StandardStreamNumber >= 0)
                return HostLibc.fchmod(description.StandardStreamNumber, mode & 0xFFF) == 0 ? 0 : Fail(HostLibc.Errno);
            return 0;
        }
        if (HostLibc.Available && description.Handle is { } handle)
            return HostLibc.fchmod((int)handle.DangerousGetHandle(), mode & 0xFFF) == 0 ? 0 : Fail(HostLibc.Errno);
        var kind = HostFiles.KindOf(description.HostPath, follow: true);
        if (kind == EntryKind.Missing)
            return Fail(Errno.ENOENT);
        return SetMode(description.HostPath, kind, mode);
    }

    /// <summary>mode_t umask(mode_t mask) — never fails; returns the previous mask.</summary>
    [ShimExport("umask")]
    public static uint umask(uint mask) => FileCreationMask.Exchange(mask);

    private static int SetMode(string host, EntryKind kind, uint mode)
    {
        try
        {
            if (OperatingSystem.IsWindows())
                HostFiles.SetWindowsHostMode(host, kind, mode);
            else
                File.SetUnixFileMode(host, (UnixFileMode)(mode & 0xFFF));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }
}
