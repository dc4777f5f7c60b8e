using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using Microsoft.Win32.SafeHandles;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// stat, fstat, lstat, fstatat and glibc's versioned entry points (__xstat, __fxstat, __lxstat, __fxstatat with
/// _STAT_VER 0 or 1 on x86-64), filling the 144-byte x86-64 <see cref="Stat"/>.
/// </summary>
/// <remarks>
/// From .NET's file APIs: type, permissions (Unix mode bits; on Windows 0755 for folders, 0644 or 0444 by the
/// read-only attribute, +x for .exe/.com/.bat/.cmd), size, times (st_ctim = st_mtim: .NET has no status-change
/// time), st_nlink 1 (2 for folders), the guest's uid/gid, st_blksize 4096. st_ino is a stable hash of the host
/// path (equal for equal paths, also between stat and fstat), st_dev a hash of the host volume.
/// </remarks>
[ShimLibrary("libc", "file")]
public static unsafe class FileStatus
{
    /// <summary>int stat(const char *pathname, struct stat *statbuf)</summary>
    [ShimExport("stat")]
    [ShimExport("stat64")]
    public static int stat(byte* pathname, Stat* statbuf) => StatPath(OpenFlags.AT_FDCWD, pathname, statbuf, follow: true);

    /// <summary>int lstat(const char *pathname, struct stat *statbuf) — a link itself, not its target.</summary>
    [ShimExport("lstat")]
    [ShimExport("lstat64")]
    public static int lstat(byte* pathname, Stat* statbuf) => StatPath(OpenFlags.AT_FDCWD, pathname, statbuf, follow: false);

    /// <summary>int fstat(int fd, struct stat *statbuf)</summary>
    [ShimExport("fstat")]
    [ShimExport("fstat64")]
    public static int fstat(int fd, Stat* statbuf) => StatDescriptor(fd, statbuf);

    /// <summary>int fstatat(int dirfd, const char *pathname, struct stat *statbuf, int flags)</summary>
    [ShimExport("fstatat")]
    [ShimExport("fstatat64")]
    [ShimExport("newfstatat")]
    public static int fstatat(int dirfd, byte* pathname, Stat* statbuf, int flags)
    {
        if ((flags & ~(OpenFlags.AT_SYMLINK_NOFOLLOW | 0x1000 /* AT_EMPTY_PATH */ | 0x800 /* AT_NO_AUTOMOUNT */)) != 0)
            return Fail(Errno.EINVAL);
        if ((flags & 0x1000) != 0 && pathname != null && *pathname == 0)
            return StatDescriptor(dirfd, statbuf);
        return StatPath(dirfd, pathname, statbuf, follow: (flags & OpenFlags.AT_SYMLINK_NOFOLLOW) == 0);
    }

    /// <summary>int __xstat(int ver, const char *pathname, struct stat *statbuf) — glibc's versioned stat.</summary>
    [ShimExport("__xstat")]
    [ShimExport("__xstat64")]
    public static int __xstat(int ver, byte* pathname, Stat* statbuf) =>
        KnownVersion(ver) ? stat(pathname, statbuf) : Fail(Errno.EINVAL);

    /// <summary>int __lxstat(int ver, const char *pathname, struct stat *statbuf)</summary>
    [ShimExport("__lxstat")]
    [ShimExport("__lxstat64")]
    public static int __lxstat(int ver, byte* pathname, Stat* statbuf) =>
        KnownVersion(ver) ? lstat(pathname, statbuf) : Fail(Errno.EINVAL);

    /// <summary>int __fxstat(int ver, int fd, struct stat *statbuf)</summary>
    [ShimExport("__fxstat")]
    [ShimExport("__fxstat64")]
    public static int __fxstat(int ver, int fd, Stat* statbuf) =>
        KnownVersion(ver) ? fstat(fd, statbuf) : Fail(Errno.EINVAL);

    /// <summary>int __fxstatat(int ver, int dirfd, const char *pathname, struct stat *statbuf, int flags)</summary>
    [ShimExport("__fxstatat")]
    [ShimExport("__fxstatat64")]
    public static int __fxstatat(int ver, int dirfd, byte* pathname, Stat* statbuf, int flags) =>
        KnownVersion(ver) ? fstatat(dirfd, pathname, statbuf, flags) : Fail(Errno.EINVAL);

    /// <summary>_STAT_VER_KERNEL (0) and _STAT_VER_LINUX (1) name the same struct on x86-64.</summary>
    private static bool KnownVersion(int ver) => ver is 0 or 1;

    private static int StatPath(int dirfd, byte* pathname, Stat* statbuf, bool follow)
    {
        var error = ResolveLexically(dirfd, pathname, out var path, out var lexical);
        if (error != 0)
            return Fail(error);
        if (statbuf == null)
            return Fail(Errno.EFAULT);
        if (lexical)
        {
            if (TryFillExact(statbuf, path))
                return 0;
            error = Resolve(dirfd, pathname, out path);
            if (error != 0)
                return Fail(error);
        }
        if (TryFillPlain(statbuf, path))
            return 0;
        var kind = HostFiles.KindOf(path, follow);
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(path.Host));
        if (path.TrailingSlash && kind != EntryKind.Directory && !(kind == EntryKind.Link && Directory.Exists(path.Host)))
            return Fail(Errno.ENOTDIR);
        try
        {
            Fill(statbuf, path.Host, kind);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    private static int StatDescriptor(int fd, Stat* statbuf)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if (statbuf == null)
            return Fail(Errno.EFAULT);
        try
        {
            switch (d.Kind)
            {
                case DescriptionKind.Directory:
                    Fill(statbuf, d.HostPath, EntryKind.Directory);
                    break;
                case DescriptionKind.Regular:
                    FillFromHandle(statbuf, d.HostPath, d.Handle!);
                    break;
                default:
                    FillStream(statbuf, d.StandardStreamNumber);
                    if (d.Counter is not null)
                        statbuf->st_mode = 0x180; // an anonymous inode: no file type, rw for the owner
                    break;
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    /// <summary>
    /// The common case in one host stat (FileSystemInfo caches it): an existing file or folder that is not a
    /// symbolic link, so following links or not gives the same answer. Anything else (missing, a link, a case
    /// conflict, a trailing slash on a file) is left to the general path, which works out the errno.
    /// </summary>
    private static bool TryFillPlain(Stat* st, in ResolvedPath path)
    {
        if (path.CaseConflict)
            return false;
        if (OperatingSystem.IsLinux())
            return TryFillPlainLinux(st, path);
        FileInfo info;
        FileAttributes attributes;
        try
        {
            info = new FileInfo(path.Host);
            attributes = info.Attributes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
        if ((int)attributes == -1 || (attributes & FileAttributes.ReparsePoint) != 0)
            return false;
        var kind = (attributes & FileAttributes.Directory) != 0 ? EntryKind.Directory : EntryKind.File;
        if (path.TrailingSlash && kind != EntryKind.Directory)
            return false;
        try
        {
            *st = default;
            var directory = kind == EntryKind.Directory;
            FillEntry(st, directory, PermissionsOf(info, path.Host, kind, attributes), directory ? 0 : info.Length);
            Common(st, path.Host, PosixServices.View.WindowsNames);
            FillTimes(st, ToTimespec(info.LastAccessTimeUtc), ToTimespec(info.LastWriteTimeUtc));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone or changed between the calls: the general path answers.
            return false;
        }
    }

    /// <summary>
    /// <see cref="TryFillPlain"/> for a path resolved by text alone (<see cref="PosixPathView.ResolveLexically"/>):
    /// one exact (case-sensitive) attribute query of the whole host path both checks that every name exists in
    /// exactly that case and gives every field, the same ones FileInfo reads. Anything else (missing, another
    /// case, a link, a trailing slash on a file) is left to the walk and the general path.
    /// </summary>
    private static bool TryFillExact(Stat* st, in ResolvedPath path)
    {
        if (HostNative.QueryAttributes(path.Plain!.ExactNtPath, out var info) != HostNative.ExactResult.Found)
            return false;
        var attributes = (FileAttributes)info.FileAttributes;
        if ((attributes & FileAttributes.ReparsePoint) != 0)
            return false;
        var directory = (attributes & FileAttributes.Directory) != 0;
        if (path.TrailingSlash && !directory)
            return false;
        *st = default;
        FillEntry(st, directory, WindowsPermissions(path.Host, directory ? EntryKind.Directory : EntryKind.File, attributes), info.EndOfFile);
        // A plain drive path is already what Path.GetFullPath would make of it: the same st_ino as fstat's.
        Common(st, path.Plain.Inode, path.Plain.Device);
        FillTimes(st, ToTimespec(DateTime.FromFileTimeUtc(info.LastAccessTime)), ToTimespec(DateTime.FromFileTimeUtc(info.LastWriteTime)));
        return true;
    }

    /// <summary>
    /// <see cref="TryFillPlain"/> on a Linux host: one statx (FileInfo.Attributes would add a geteuid syscall for
    /// its read-only bit). The same values the .NET APIs give: permission bits (low 12), times at their 100 ns
    /// precision (as fstat, which reads them through .NET, shows them).
    /// </summary>
    private static bool TryFillPlainLinux(Stat* st, in ResolvedPath path)
    {
        if (!HostNative.LinkStat(path.Host, out var status))
            return false;
        var type = status.Mode & 0xF000;
        if (type == Stat.S_IFLNK)
            return false;
        var directory = type == Stat.S_IFDIR;
        if (path.TrailingSlash && !directory)
            return false;
        *st = default;
        FillEntry(st, directory, (uint)status.Mode & 0xFFF, status.Size);
        Common(st, path.Host, PosixServices.View.WindowsNames);
        FillTimes(st,
            new Timespec { tv_sec = status.AccessSeconds, tv_nsec = status.AccessNanoseconds / 100 * 100 },
            new Timespec { tv_sec = status.WriteSeconds, tv_nsec = status.WriteNanoseconds / 100 * 100 });
        return true;
    }

    private static uint PermissionsOf(FileSystemInfo info, string host, EntryKind kind, FileAttributes attributes) =>
        OperatingSystem.IsWindows() ? WindowsPermissions(host, kind, attributes) : (uint)info.UnixFileMode;

    internal static void Fill(Stat* st, string host, EntryKind kind)
    {
        *st = default;
        var caseInsensitive = PosixServices.View.WindowsNames;
        FileSystemInfo info = kind == EntryKind.Directory ? new DirectoryInfo(host) : new FileInfo(host);
        if (kind == EntryKind.Link)
        {
            st->st_mode = Stat.S_IFLNK | 0x1FF;
            st->st_size = System.Text.Encoding.UTF8.GetByteCount(info.LinkTarget ?? string.Empty);
        }
        else if (kind == EntryKind.Directory)
        {
            FillEntry(st, directory: true, PermissionsOf(host, kind), 0);
        }
        else
        {
            // A followed link: the target's size and times.
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
                info = target;
            FillEntry(st, directory: false, PermissionsOf(host, kind), ((FileInfo)info).Length);
        }
        if (st->st_nlink == 0)
            st->st_nlink = 1;
        Common(st, host, caseInsensitive);
        FillTimes(st, ToTimespec(info.LastAccessTimeUtc), ToTimespec(info.LastWriteTimeUtc));
    }

    private static void FillFromHandle(Stat* st, string host, SafeFileHandle handle)
    {
        *st = default;
        var length = RandomAccess.GetLength(handle);
        uint permissions;
        if (OperatingSystem.IsWindows())
            permissions = WindowsPermissions(host, EntryKind.File, File.GetAttributes(handle));
        else
            permissions = (uint)File.GetUnixFileMode(handle);
        FillEntry(st, directory: false, permissions, length);
        Common(st, host, PosixServices.View.WindowsNames);
        FillTimes(st, ToTimespec(File.GetLastAccessTimeUtc(handle)), ToTimespec(File.GetLastWriteTimeUtc(handle)));
    }

    private static void FillStream(Stat* st, int number)
    {
        *st = default;
        var redirected = number switch
        {
            0 => Console.IsInputRedirected,
            1 => Console.IsOutputRedirected,
            2 => Console.IsErrorRedirected,
            _ => true, // a pipe's end
        };
        st->st_mode = redirected ? Stat.S_IFIFO | 0x180 : Stat.S_IFCHR | 0x190;
        st->st_nlink = 1;
        Common(st, inode: (ulong)(number + 1), device: 0);
        var now = ToTimespec(DateTime.UtcNow);
        FillTimes(st, now, now);
    }

    /// <summary>
    /// The type, permission bits, size, link count and blocks of a folder (shown as Linux shows one: 4 KiB, one
    /// block of 8 sectors, two links) or a regular file of <paramref name="length"/> bytes.
    /// </summary>
    private static void FillEntry(Stat* st, bool directory, uint permissions, long length)
    {
        if (directory)
        {
            st->st_mode = Stat.S_IFDIR | permissions;
            st->st_size = 4096;
            st->st_nlink = 2;
            st->st_blocks = 8;
        }
        else
        {
            st->st_mode = Stat.S_IFREG | permissions;
            st->st_size = length;
            st->st_blocks = (length + 511) / 512;
            st->st_nlink = 1;
        }
    }

    /// <summary>Access and modification times; the status change time is the modification time (the host keeps none).</summary>
    private static void FillTimes(Stat* st, Timespec access, Timespec modification)
    {
        st->st_atim = access;
        st->st_mtim = modification;
        st->st_ctim = modification;
    }

    private static void Common(Stat* st, string host, bool caseInsensitive)
    {
        var fullPath = Path.GetFullPath(host);
        var root = Path.GetPathRoot(fullPath.AsSpan());
        Common(st, HostFiles.InodeOf(fullPath, caseInsensitive), HostFiles.InodeOf(root.IsEmpty ? "/" : root, caseInsensitive) & 0xFFFF);
    }

    /// <summary>The fields every entry shares: its numbers, the guest's owner, the block size.</summary>
    private static void Common(Stat* st, ulong inode, ulong device)
    {
        st->st_ino = inode;
        st->st_dev = device;
        st->st_uid = PosixServices.Identity.Uid;
        st->st_gid = PosixServices.Identity.Gid;
        st->st_blksize = 4096;
    }

    /// <summary>The permission bits (low 12) of an existing host entry.</summary>
    internal static uint PermissionsOf(string host, EntryKind kind)
    {
        if (OperatingSystem.IsWindows())
            return WindowsPermissions(host, kind, File.GetAttributes(host));
        return (uint)File.GetUnixFileMode(host);
    }

    private static uint WindowsPermissions(string host, EntryKind kind, FileAttributes attributes)
    {
        var directory = kind == EntryKind.Directory || (attributes & FileAttributes.Directory) != 0;
        // A mode the guest set (chmod, File.SetUnixFileMode) wins; a read-only attribute set since still takes the write bits.
        if (PosixServices.Modes.Get(host) is { } recorded)
            return !directory && (attributes & FileAttributes.ReadOnly) != 0 ? recorded & ~0x92u : recorded;
        if (directory)
            return 0x1ED; // 0755
        var mode = (attributes & FileAttributes.ReadOnly) != 0 ? 0x124u : 0x1A4u; // 0444 : 0644
        var extension = Path.GetExtension(host.AsSpan());
        if (extension.Length == 4 && (extension.Equals(".exe", StringComparison.OrdinalIgnoreCase) || extension.Equals(".com", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".bat", StringComparison.OrdinalIgnoreCase) || extension.Equals(".cmd", StringComparison.OrdinalIgnoreCase)))
            mode |= 0x49; // +x
        return mode;
    }

    internal static Timespec ToTimespec(DateTime utc)
    {
        var ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }
        return new Timespec { tv_sec = seconds, tv_nsec = remainder * 100 };
    }
}
