using ApiBridge.Runtime.Exports;
using Microsoft.Win32.SafeHandles;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>libc's calls that name a file by path: access, unlink, rename, mkdir, rmdir, chdir, getcwd, realpath, chmod, utimensat (the *at forms in Files.At.cs).</summary>
public static unsafe partial class Files
{
    /// <summary>int access(const char *pathname, int mode) — F_OK 0, X_OK 1, W_OK 2, R_OK 4.</summary>
    [ShimExport("access")]
    public static int access(byte* pathname, int mode) => AccessAt(AT_FDCWD, pathname, mode, follow: true);

    /// <summary>access relative to a directory descriptor; <paramref name="follow"/> false checks a link itself.</summary>
    private static int AccessAt(int dirfd, byte* pathname, int mode, bool follow)
    {
        if ((mode & ~7) != 0)
            return Fail(Errno.EINVAL);
        var error = Resolve(dirfd, pathname, out var path);
        if (error != 0)
            return Fail(error);
        var kind = HostFiles.KindOf(path, follow);
        if (kind == EntryKind.Link)
            return 0; // a link's own mode is rwxrwxrwx (AT_SYMLINK_NOFOLLOW)
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(path.Host));
        if (path.TrailingSlash && kind != EntryKind.Directory)
            return Fail(Errno.ENOTDIR);
        if (mode == F_OK)
            return 0;
        var permissions = FileStatus.PermissionsOf(path.Host, kind);
        var root = PosixServices.Identity.EffectiveUid == 0;
        if ((mode & R_OK) != 0 && !root && (permissions & 0x124) == 0)
            return Fail(Errno.EACCES);
        if ((mode & W_OK) != 0 && (permissions & 0x92) == 0 && !(root && !OperatingSystem.IsWindows()))
            return Fail(Errno.EACCES);
        if ((mode & X_OK) != 0 && (permissions & 0x49) == 0)
            return Fail(Errno.EACCES);
        return 0;
    }

    /// <summary>int unlink(const char *pathname) — EISDIR for a folder; a link is removed, not its target.</summary>
    [ShimExport("unlink")]
    public static int unlink(byte* pathname) => UnlinkAt(AT_FDCWD, pathname);

    private static int UnlinkAt(int dirfd, byte* pathname)
    {
        var error = Resolve(dirfd, pathname, out var path);
        if (error != 0)
            return Fail(error);
        var kind = HostFiles.KindOf(path, follow: false);
        switch (kind)
        {
            case EntryKind.Missing:
                return Fail(HostFiles.MissingError(path.Host));
            case EntryKind.Directory:
                return Fail(Errno.EISDIR);
        }
        if (path.TrailingSlash)
            return Fail(Errno.ENOTDIR);
        try
        {
            if (kind == EntryKind.Link && Directory.Exists(path.Host))
                Directory.Delete(path.Host);
            else
            {
                if (OperatingSystem.IsWindows())
                    HostFiles.TrySetReadOnly(path.Host, false); // POSIX: the file's mode does not guard its name
                File.Delete(path.Host);
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    /// <summary>int rename(const char *oldpath, const char *newpath) — replaces an existing file or empty folder.</summary>
    [ShimExport("rename")]
    public static int rename(byte* oldpath, byte* newpath) => renameat(AT_FDCWD, oldpath, AT_FDCWD, newpath);

    /// <summary>int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)</summary>
    [ShimExport("renameat")]
    public static int renameat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath)
    {
        var error = Resolve(olddirfd, oldpath, out var from);
        if (error == 0)
            error = Resolve(newdirfd, newpath, out _);
        if (error != 0)
            return Fail(error);
        Resolve(newdirfd, newpath, out var to);
        var fromKind = HostFiles.KindOf(from, follow: false);
        if (fromKind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(from.Host));
        var toKind = HostFiles.KindOf(to, follow: false);
        if (from.Guest == to.Guest)
            return 0;
        if (fromKind == EntryKind.Directory)
        {
            if (to.Guest.StartsWith(from.Guest + "/", StringComparison.Ordinal))
                return Fail(Errno.EINVAL);
            if (toKind is EntryKind.File or EntryKind.Link)
                return Fail(Errno.ENOTDIR);
        }
        else
        {
            if (from.TrailingSlash)
                return Fail(Errno.ENOTDIR);
            if (toKind == EntryKind.Directory)
                return Fail(Errno.EISDIR);
        }
        if (to.CaseConflict && !string.Equals(from.Host, to.Host, StringComparison.OrdinalIgnoreCase))
            return Fail(Errno.EEXIST);
        var parentError = HostFiles.ParentError(to.Host);
        if (parentError != 0)
            return Fail(parentError);
        try
        {
            if (fromKind == EntryKind.Directory)
            {
                if (toKind == EntryKind.Directory)
                {
                    if (Directory.EnumerateFileSystemEntries(to.Host).Any())
                        return Fail(Errno.ENOTEMPTY);
                    Directory.Delete(to.Host);
                }
                Directory.Move(from.Host, to.Host);
            }
            else if (fromKind == EntryKind.Link && Directory.Exists(from.Host))
                Directory.Move(from.Host, to.Host);
            else
            {
                if (OperatingSystem.IsWindows() && toKind == EntryKind.File)
                    HostFiles.TrySetReadOnly(to.Host, false);
                File.Move(from.Host, to.Host, overwrite: true);
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    /// <summary>int mkdir(const char *pathname, mode_t mode)</summary>
    [ShimExport("mkdir")]
    public static int mkdir(byte* pathname, uint mode) => mkdirat(AT_FDCWD, pathname, mode);

    /// <summary>int mkdirat(int dirfd, const char *pathname, mode_t mode)</summary>
    [ShimExport("mkdirat")]
    public static int mkdirat(int dirfd, byte* pathname, uint mode)
    {
        var error = ResolveNew(dirfd, pathname, out var path);
        if (error != 0)
            return Fail(error);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path.Host);
                HostFiles.RecordCreatedMode(path.Host, EntryKind.Directory, mode);
            }
            else
                Directory.CreateDirectory(path.Host, (UnixFileMode)(mode & 0xFFF));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    /// <summary>int rmdir(const char *pathname) — ENOTEMPTY, ENOTDIR, EINVAL for a last component ".", EBUSY for "/".</summary>
    [ShimExport("rmdir")]
    public static int rmdir(byte* pathname) => RmdirAt(AT_FDCWD, pathname);

    private static int RmdirAt(int dirfd, byte* pathname)
    {
        var error = Resolve(dirfd, pathname, out var path);
        if (error != 0)
            return Fail(error);
        var text = NativeStrings.Read(pathname)!.TrimEnd('/');
        if (text == "." || text.EndsWith("/.", StringComparison.Ordinal))
            return Fail(Errno.EINVAL);
        if (HostFiles.DirectoryError(path, follow: false) is var notFolder and not 0)
            return Fail(notFolder);
        if (path.Guest == "/")
            return Fail(Errno.EBUSY);
        try
        {
            if (Directory.EnumerateFileSystemEntries(path.Host).Any())
                return Fail(Errno.ENOTEMPTY);
            Directory.Delete(path.Host);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    /// <summary>int chdir(const char *path)</summary>
    [ShimExport("chdir")]
    public static int chdir(byte* path)
    {
        var error = Resolve(path, out var resolved);
        if (error != 0)
            return Fail(error);
        if (HostFiles.DirectoryError(resolved, follow: true) is var notFolder and not 0)
            return Fail(notFolder);
        PosixServices.View.ChangeDirectory(resolved);
        return 0;
    }

    /// <summary>int fchdir(int fd)</summary>
    [ShimExport("fchdir")]
    public static int fchdir(int fd)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if (d.Kind != DescriptionKind.Directory)
            return Fail(Errno.ENOTDIR);
        PosixServices.View.ChangeDirectory(new ResolvedPath(d.GuestPath, d.HostPath, false, false));
        return 0;
    }

    /// <summary>
    /// char *getcwd(char *buf, size_t size) — a guest path; buf NULL: a malloc'ed copy (size 0: as long as needed);
    /// too small: NULL with ERANGE; size 0 with a buffer: EINVAL.
    /// </summary>
    [ShimExport("getcwd")]
    public static byte* getcwd(byte* buf, nuint size)
    {
        var cwd = PosixServices.View.CurrentDirectory;
        var needed = (nuint)System.Text.Encoding.UTF8.GetByteCount(cwd) + 1;
        if (buf == null)
        {
            if (size != 0 && size < needed)
                return FailNull<byte>(Errno.ERANGE);
            return NativeStrings.Allocate(cwd, size);
        }
        if (size == 0)
            return FailNull<byte>(Errno.EINVAL);
        if (!NativeStrings.TryCopy(cwd, buf, size))
            return FailNull<byte>(Errno.ERANGE);
        return buf;
    }

    /// <summary>
    /// char *realpath(const char *path, char *resolved_path) — absolute, without ".", ".." or links; every component
    /// must exist. resolved_path NULL: a malloc'ed copy; otherwise a PATH_MAX buffer.
    /// </summary>
    [ShimExport("realpath")]
    public static byte* realpath(byte* path, byte* resolved_path)
    {
        var error = Resolve(path, out var resolved);
        if (error != 0)
            return FailNull<byte>(error);
        var view = PosixServices.View;
        string? guest;
        try
        {
            var host = Canonical(resolved.Host);
            if (host is null || resolved.CaseConflict)
                return FailNull<byte>(HostFiles.MissingError(resolved.Host));
            if (resolved.TrailingSlash && !Directory.Exists(host))
                return FailNull<byte>(Errno.ENOTDIR);
            guest = view.IsIdentity ? host : view.ToGuest(host);
        }
        catch (IOException)
        {
            return FailNull<byte>(Errno.ELOOP);
        }
        if (guest is null)
            return FailNull<byte>(Errno.EACCES);
        if (resolved_path == null)
            return NativeStrings.Allocate(guest);
        if (!NativeStrings.TryCopy(guest, resolved_path, PosixPathView.PathMax))
            return FailNull<byte>(Errno.ENAMETOOLONG);
        return resolved_path;
    }

    /// <summary>The host path with every link resolved, or null when a component is missing.</summary>
    private static string? Canonical(string host)
    {
        var root = Path.GetPathRoot(host);
        if (string.IsNullOrEmpty(root))
            return Path.Exists(host) ? host : null;
        var current = root;
        foreach (var part in host[root.Length..].Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null)
                    return null;
                next = Path.GetFullPath(target.FullName);
            }
            if (!Path.Exists(next))
                return null;
            current = next;
        }
        return current;
    }

    /// <summary>
    /// int chmod(const char *pathname, mode_t mode) — on Windows hosts the bits are recorded in the prefix's
    /// <see cref="UnixModes"/> and the owner's write bit is also the read-only attribute (<see cref="FileModes"/>).
    /// </summary>
    [ShimExport("chmod")]
    public static int chmod(byte* pathname, uint mode) => FileModes.fchmodat(AT_FDCWD, pathname, mode, 0);

    public const long UTIME_NOW = (1L << 30) - 1;
    public const long UTIME_OMIT = (1L << 30) - 2;

    /// <summary>
    /// int utimensat(int dirfd, const char *pathname, const struct timespec times[2], int flags) — times NULL: now;
    /// UTIME_NOW / UTIME_OMIT per entry; pathname NULL: the file dirfd refers to (futimens).
    /// </summary>
    [ShimExport("utimensat")]
    public static int utimensat(int dirfd, byte* pathname, Timespec* times, int flags)
    {
        if ((flags & ~AT_SYMLINK_NOFOLLOW) != 0)
            return Fail(Errno.EINVAL);
        ResolvedPath path;
        if (pathname == null)
        {
            var d = PosixServices.Descriptors.Get(dirfd);
            if (d is null || d.Kind == DescriptionKind.Stream)
                return Fail(Errno.EBADF);
            path = new ResolvedPath(d.GuestPath, d.HostPath, false, false);
        }
        else
        {
            var error = Resolve(dirfd, pathname, out path);
            if (error != 0)
                return Fail(error);
        }
        DateTime? access = DateTime.UtcNow, modified = access;
        if (times != null)
        {
            for (var i = 0; i < 2; i++)
            {
                var ns = times[i].tv_nsec;
                if (ns != UTIME_NOW && ns != UTIME_OMIT && (ns < 0 || ns > 999_999_999))
                    return Fail(Errno.EINVAL);
            }
            access = ToDateTime(times[0], access.Value);
            modified = ToDateTime(times[1], modified.Value);
        }
        var kind = HostFiles.KindOf(path, follow: true);
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(path.Host));
        try
        {
            if (kind == EntryKind.Directory)
            {
                if (access is { } a) Directory.SetLastAccessTimeUtc(path.Host, a);
                if (modified is { } m) Directory.SetLastWriteTimeUtc(path.Host, m);
            }
            else
            {
                if (access is { } a) File.SetLastAccessTimeUtc(path.Host, a);
                if (modified is { } m) File.SetLastWriteTimeUtc(path.Host, m);
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    private static DateTime? ToDateTime(Timespec time, DateTime now) => time.tv_nsec switch
    {
        UTIME_NOW => now,
        UTIME_OMIT => null,
        _ => DateTime.UnixEpoch.AddTicks(time.tv_sec * TimeSpan.TicksPerSecond + time.tv_nsec / 100),
    };
}
