using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// What the guest may ask of and do to the file systems themselves: statvfs/fstatvfs, pathconf/fpathconf,
/// mount/umount/umount2, revoke. A Linux host answers and acts itself (the paths mapped by the view). A Windows host
/// answers statvfs from the volume (4 KiB blocks; NTFS keeps no inode count, so the inode fields are 0, as Linux shows
/// for btrfs) and pathconf with a Linux file system's limits (names of 255 bytes, paths of 4096, PIPE_BUF 4096) and
/// NTFS's 1024 hard links; mounting needs CAP_SYS_ADMIN, which a guest there never holds (EPERM, after the
/// checks Linux makes first). revoke is a glibc stub: ENOSYS on Linux itself.
/// </summary>
[ShimLibrary("libc", "file")]
public static unsafe class FileSystems
{
    /// <summary>int statvfs(const char *path, struct statvfs *buf) — the file system holding path (links followed).</summary>
    [ShimExport("statvfs")]
    [ShimExport("statvfs64")]
    public static int statvfs(byte* path, Statvfs* buf)
    {
        var error = Resolve(path, out var resolved);
        if (error != 0)
            return Fail(error);
        if (HostLibc.Available)
        {
            fixed (byte* host = HostLibc.Z(resolved.Host))
                return HostLibc.statvfs(host, buf) == 0 ? 0 : Fail(HostLibc.Errno);
        }
        var kind = HostFiles.KindOf(resolved, follow: true);
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(resolved.Host));
        if (resolved.TrailingSlash && kind != EntryKind.Directory)
            return Fail(Errno.ENOTDIR);
        return buf == null ? Fail(Errno.EFAULT) : FillFromVolume(resolved.Host, buf);
    }

    /// <summary>int fstatvfs(int fd, struct statvfs *buf) — the file system the descriptor's file is on; a pipe's is pipefs (no blocks).</summary>
    [ShimExport("fstatvfs")]
    [ShimExport("fstatvfs64")]
    public static int fstatvfs(int fd, Statvfs* buf)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if (buf == null)
            return Fail(Errno.EFAULT);
        if (HostLibc.Available)
        {
            var hostFd = HostDescriptor(d);
            if (hostFd >= 0)
                return HostLibc.fstatvfs(hostFd, buf) == 0 ? 0 : Fail(HostLibc.Errno);
            if (d.Kind == DescriptionKind.Directory)
            {
                fixed (byte* host = HostLibc.Z(d.HostPath))
                    return HostLibc.statvfs(host, buf) == 0 ? 0 : Fail(HostLibc.Errno);
            }
        }
        if (d.Kind == DescriptionKind.Stream)
        {
            // A pipe on Windows, or an eventfd: a pseudo file system with no blocks.
            *buf = default;
            buf->f_bsize = buf->f_frsize = 4096;
            buf->f_namemax = 255;
            return 0;
        }
        return FillFromVolume(d.HostPath, buf);
    }

    /// <summary>The descriptor a Linux host has for the guest's descriptor (a file's, a standard stream's, a pipe end's), or -1 for a folder.</summary>
    private static int HostDescriptor(OpenFileDescription d) => d.Kind switch
    {
        DescriptionKind.Regular => (int)d.Handle!.DangerousGetHandle(),
        DescriptionKind.Stream when d.StandardStreamNumber >= 0 => d.StandardStreamNumber,
        DescriptionKind.Stream when d.IsPipe => (int)((System.IO.Pipes.PipeStream)d.Stream).SafePipeHandle.DangerousGetHandle(),
        _ => -1,
    };

    private static int FillFromVolume(string host, Statvfs* buf)
    {
        try
        {
            var drive = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(host))!);
            const ulong block = 4096;
            *buf = default;
            buf->f_bsize = buf->f_frsize = block;
            buf->f_blocks = (ulong)drive.TotalSize / block;
            buf->f_bfree = (ulong)drive.TotalFreeSpace / block;
            buf->f_bavail = (ulong)drive.AvailableFreeSpace / block;
            buf->f_fsid = (ulong)(uint)StringComparer.OrdinalIgnoreCase.GetHashCode(drive.Name);
            buf->f_namemax = 255;
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    /// <summary>The pathconf answers of a Windows host by name (0 … 20); -1 is "no limit" (errno untouched).</summary>
    private static readonly long[] WindowsLimits =
    [
        1024, 255, 255, 255, 4096, 4096, 1, 1, 0, -1, -1, -1, -1, 64, -1, -1, 4096, 4096, 4096, -1, 1,
    ];

    /// <summary>long pathconf(const char *path, int name) — the limit; -1 with errno untouched for none; EINVAL for an unknown name; ENOENT/ENOTDIR for the path.</summary>
    [ShimExport("pathconf")]
    public static long pathconf(byte* path, int name)
    {
        var error = Resolve(path, out var resolved);
        if (error != 0)
            return Fail(error);
        if (HostLibc.Available)
        {
            System.Runtime.InteropServices.Marshal.SetLastPInvokeError(0);
            fixed (byte* host = HostLibc.Z(resolved.Host))
                return Host(HostLibc.pathconf(host, name));
        }
        var kind = HostFiles.KindOf(resolved, follow: true);
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(resolved.Host));
        return WindowsLimit(name);
    }

    /// <summary>long fpathconf(int fd, int name) — pathconf of the descriptor's file; EBADF for one not open.</summary>
    [ShimExport("fpathconf")]
    public static long fpathconf(int fd, int name)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if (HostLibc.Available)
        {
            System.Runtime.InteropServices.Marshal.SetLastPInvokeError(0);
            var hostFd = HostDescriptor(d);
            if (hostFd >= 0)
                return Host(HostLibc.fpathconf(hostFd, name));
            if (d.Kind == DescriptionKind.Directory)
            {
                fixed (byte* host = HostLibc.Z(d.HostPath))
                    return Host(HostLibc.pathconf(host, name));
            }
        }
        return WindowsLimit(name);
    }

    /// <summary>What pathconf answers on a Windows host; public for the tests, which hold it against Linux's on Linux.</summary>
    public static long WindowsLimit(int name) => name >= 0 && name < WindowsLimits.Length ? WindowsLimits[name] : Fail(Errno.EINVAL);

    private static long Host(long result) => result == -1 && HostLibc.Errno != 0 ? Fail(HostLibc.Errno) : result;

    public const ulong MNT_FORCE = 1, MNT_DETACH = 2, MNT_EXPIRE = 4, UMOUNT_NOFOLLOW = 8;

    /// <summary>
    /// int mount(const char *source, const char *target, const char *filesystemtype, unsigned long mountflags, const
    /// void *data) — the target is looked up first (ENOENT, ENOTDIR), then the privilege (EPERM). A source that is a
    /// path (a bind mount) is mapped like the target.
    /// </summary>
    [ShimExport("mount")]
    public static int mount(byte* source, byte* target, byte* filesystemtype, ulong mountflags, void* data)
    {
        var error = Resolve(target, out var to);
        if (error != 0)
            return Fail(error);
        if (!HostLibc.Available)
        {
            // A file is a valid target (a bind mount of a file): only a missing one is refused before the privilege.
            var kind = HostFiles.KindOf(to, follow: true);
            return Fail(kind == EntryKind.Missing ? HostFiles.MissingError(to.Host) : Errno.EPERM);
        }
        var sourceText = NativeStrings.Read(source);
        var hostSource = sourceText;
        if (sourceText is not null && sourceText.StartsWith('/') && PosixServices.View.Resolve(sourceText, out var from) == 0)
            hostSource = from.Host;
        fixed (byte* s = hostSource is null ? null : HostLibc.Z(hostSource))
        fixed (byte* t = HostLibc.Z(to.Host))
            return HostLibc.mount(s, t, filesystemtype, mountflags, data) == 0 ? 0 : Fail(HostLibc.Errno);
    }

    /// <summary>int umount(const char *target) — umount2(target, 0).</summary>
    [ShimExport("umount")]
    public static int umount(byte* target) => umount2(target, 0);

    /// <summary>
    /// int umount2(const char *target, int flags) — flags other than MNT_FORCE, MNT_DETACH, MNT_EXPIRE and
    /// UMOUNT_NOFOLLOW: EINVAL; then the privilege (EPERM) before the target is even looked up, as Linux orders them.
    /// </summary>
    [ShimExport("umount2")]
    public static int umount2(byte* target, int flags)
    {
        if (((ulong)(uint)flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) != 0)
            return Fail(Errno.EINVAL);
        if (!HostLibc.Available)
            return Fail(Errno.EPERM);
        var error = Resolve(target, out var path);
        if (error != 0)
            return Fail(error);
        fixed (byte* t = HostLibc.Z(path.Host))
            return HostLibc.umount2(t, flags) == 0 ? 0 : Fail(HostLibc.Errno);
    }

    /// <summary>int revoke(const char *file) — glibc has no implementation on Linux (a stub): -1 with ENOSYS, on every host.</summary>
    [ShimExport("revoke", Refuses = "glibc has only a stub on Linux: ENOSYS")]
    public static int revoke(byte* file) => Fail(Errno.ENOSYS);
}
