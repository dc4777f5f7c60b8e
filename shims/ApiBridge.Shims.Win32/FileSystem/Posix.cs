using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// The few glibc calls the file services need on a Linux host, with errno kept exact (Win32 codes are mapped
/// from it by <see cref="HostErrors"/>). Every call retries on EINTR. Only used when <see cref="Available"/>.
/// </summary>
internal static unsafe class Posix
{
    private const string LibC = "libc.so.6";

    public static readonly bool Available = OperatingSystem.IsLinux();

    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100,
        O_TRUNC = 0x200, O_APPEND = 0x400, O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000, O_PATH = 0x200000;
    public const int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
    public const int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, EBADF = 9, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EBUSY = 16,
        EEXIST = 17, EXDEV = 18, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ETXTBSY = 26, EFBIG = 27,
        ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31, EPIPE = 32, ENAMETOOLONG = 36, ENOTEMPTY = 39, ELOOP = 40, EDQUOT = 122;
    public const int S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFLNK = 0xA000, S_IFCHR = 0x2000, S_IFIFO = 0x1000, S_IFSOCK = 0xC000;

    private const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000;
    private const uint STATX_BASIC_STATS = 0x7ff, STATX_BTIME = 0x800;
    private const uint RENAME_NOREPLACE = 1;
    public const long UTIME_OMIT = (1L << 30) - 2;

    /// <summary><c>struct statx</c> (linux/stat.h): the same layout on every architecture, 256 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatX
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(16)] public uint NLink;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(40)] public long Size;
        [FieldOffset(64)] public long ATimeSec;
        [FieldOffset(72)] public uint ATimeNsec;
        [FieldOffset(80)] public long BTimeSec;
        [FieldOffset(88)] public uint BTimeNsec;
        [FieldOffset(96)] public long CTimeSec;
        [FieldOffset(104)] public uint CTimeNsec;
        [FieldOffset(112)] public long MTimeSec;
        [FieldOffset(120)] public uint MTimeNsec;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Sec;
        public long Nsec;
    }

    [DllImport(LibC, SetLastError = true, EntryPoint = "open")]
    private static extern int SysOpen(byte* path, int flags, int mode);

    [DllImport(LibC, SetLastError = true, EntryPoint = "close")]
    private static extern int SysClose(int fd);

    [DllImport(LibC, SetLastError = true, EntryPoint = "read")]
    private static extern nint SysRead(int fd, byte* buffer, nint count);

    [DllImport(LibC, SetLastError = true, EntryPoint = "write")]
    private static extern nint SysWrite(int fd, byte* buffer, nint count);

    [DllImport(LibC, SetLastError = true, EntryPoint = "pread64")]
    private static extern nint SysPRead(int fd, byte* buffer, nint count, long offset);

    [DllImport(LibC, SetLastError = true, EntryPoint = "pwrite64")]
    private static extern nint SysPWrite(int fd, byte* buffer, nint count, long offset);

    [DllImport(LibC, SetLastError = true, EntryPoint = "lseek64")]
    private static extern long SysLSeek(int fd, long offset, int whence);

    [DllImport(LibC, SetLastError = true, EntryPoint = "ftruncate64")]
    private static extern int SysFTruncate(int fd, long length);

    [DllImport(LibC, SetLastError = true, EntryPoint = "fsync")]
    private static extern int SysFSync(int fd);

    [DllImport(LibC, SetLastError = true, EntryPoint = "dup")]
    private static extern int SysDup(int fd);

    [DllImport(LibC, SetLastError = true, EntryPoint = "statx")]
    private static extern int SysStatX(int dirfd, byte* path, int flags, uint mask, StatX* buffer);

    [DllImport(LibC, SetLastError = true, EntryPoint = "futimens")]
    private static extern int SysFUtimens(int fd, TimeSpec* times);

    [DllImport(LibC, SetLastError = true, EntryPoint = "utimensat")]
    private static extern int SysUtimensAt(int dirfd, byte* path, TimeSpec* times, int flags);

    [DllImport(LibC, SetLastError = true, EntryPoint = "renameat2")]
    private static extern int SysRenameAt2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [DllImport(LibC, SetLastError = true, EntryPoint = "rename")]
    private static extern int SysRename(byte* oldpath, byte* newpath);

    [DllImport(LibC, SetLastError = true, EntryPoint = "unlink")]
    private static extern int SysUnlink(byte* path);

    [DllImport(LibC, SetLastError = true, EntryPoint = "link")]
    private static extern int SysLink(byte* oldpath, byte* newpath);

    [DllImport(LibC, SetLastError = true, EntryPoint = "symlink")]
    private static extern int SysSymlink(byte* target, byte* linkpath);

    [DllImport(LibC, SetLastError = true, EntryPoint = "rmdir")]
    private static extern int SysRmdir(byte* path);

    [DllImport(LibC, SetLastError = true, EntryPoint = "mkdir")]
    private static extern int SysMkdir(byte* path, int mode);

    [DllImport(LibC, SetLastError = true, EntryPoint = "chmod")]
    private static extern int SysChmod(byte* path, int mode);

    [DllImport(LibC, SetLastError = true, EntryPoint = "realpath")]
    private static extern byte* SysRealPath(byte* path, byte* resolved);

    [DllImport(LibC, EntryPoint = "free")]
    private static extern void SysFree(void* pointer);

    [DllImport(LibC, SetLastError = true, EntryPoint = "fdopendir")]
    private static extern nint SysFdOpenDir(int fd);

    [DllImport(LibC, SetLastError = true, EntryPoint = "readdir64")]
    private static extern byte* SysReadDir(nint dir);

    [DllImport(LibC, EntryPoint = "closedir")]
    private static extern int SysCloseDir(nint dir);

    private static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>A NUL-terminated UTF-8 copy of a host path (stack for short ones).</summary>
    private ref struct CPath
    {
        private readonly byte[] bytes;
        public CPath(string path)
        {
            bytes = new byte[System.Text.Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
            var n = System.Text.Encoding.UTF8.GetBytes(path, bytes);
            bytes[n] = 0;
        }
        public byte[] Bytes => bytes;
    }

    /// <summary>Room on the stack for a host path's NUL-terminated UTF-8 (longer ones go to the heap).</summary>
    private const int StackPathBytes = 1024;

    /// <summary><paramref name="path"/> as NUL-terminated UTF-8, in <paramref name="stack"/> when it fits.</summary>
    private static Span<byte> ToCPath(string path, Span<byte> stack)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        var buffer = max <= stack.Length ? stack : new byte[max];
        var n = System.Text.Encoding.UTF8.GetBytes(path, buffer);
        buffer[n] = 0;
        return buffer;
    }

    /// <summary>open(2): the descriptor, or -errno.</summary>
    [SkipLocalsInit]
    public static int Open(string path, int flags, int mode)
    {
        fixed (byte* p = ToCPath(path, stackalloc byte[StackPathBytes]))
        {
            while (true)
            {
                var fd = SysOpen(p, flags | O_CLOEXEC, mode);
                if (fd >= 0) return fd;
                var e = Errno;
                if (e != EINTR) return -e;
            }
        }
    }

    public static int Close(int fd) => SysClose(fd) == 0 ? 0 : Errno;

    [DllImport(LibC, EntryPoint = "isatty")]
    private static extern int SysIsatty(int fd);

    /// <summary>isatty(3): the descriptor is a terminal (what Windows calls a console).</summary>
    public static bool IsTerminal(int fd) => SysIsatty(fd) == 1;

    public static int Dup(int fd)
    {
        var copy = SysDup(fd);
        return copy >= 0 ? copy : -Errno;
    }

    /// <summary>read(2) once: bytes read, or -errno.</summary>
    public static long Read(int fd, byte* buffer, int count)
    {
        while (true)
        {
            var n = SysRead(fd, buffer, count);
            if (n >= 0) return n;
            var e = Errno;
            if (e != EINTR) return -e;
        }
    }

    /// <summary>write(2) until everything is written: bytes written, or -errno when nothing could be.</summary>
    public static long Write(int fd, byte* buffer, int count) => Repeat(&WriteIgnoringOffset, fd, buffer, count, 0, stopAtZero: false);

    /// <summary>pread(2) until full or end of file: bytes read, or -errno.</summary>
    public static long PRead(int fd, byte* buffer, int count, long offset) => Repeat(&SysPRead, fd, buffer, count, offset, stopAtZero: true);

    /// <summary>pwrite(2) until everything is written: bytes written, or -errno when nothing could be.</summary>
    public static long PWrite(int fd, byte* buffer, int count, long offset) => Repeat(&SysPWrite, fd, buffer, count, offset, stopAtZero: false);

    private static nint WriteIgnoringOffset(int fd, byte* buffer, nint count, long offset) => SysWrite(fd, buffer, count);

    /// <summary>
    /// Repeats a transfer until <paramref name="count"/> bytes have moved (a read also stops at end of file), retrying
    /// EINTR: the bytes moved, or -errno when the first transfer fails.
    /// </summary>
    private static long Repeat(delegate*<int, byte*, nint, long, nint> transfer, int fd, byte* buffer, int count, long offset, bool stopAtZero)
    {
        long done = 0;
        while (done < count)
        {
            var n = transfer(fd, buffer + done, count - (nint)done, offset + done);
            if (n < 0)
            {
                var e = Errno;
                if (e == EINTR) continue;
                return done > 0 ? done : -e;
            }
            if (n == 0 && stopAtZero) break;
            done += n;
        }
        return done;
    }

    /// <summary>lseek(2): the new offset, or -errno.</summary>
    public static long Seek(int fd, long offset, int whence)
    {
        var r = SysLSeek(fd, offset, whence);
        return r >= 0 ? r : -Errno;
    }

    public static int Truncate(int fd, long length)
    {
        while (SysFTruncate(fd, length) != 0)
        {
            var e = Errno;
            if (e != EINTR) return e;
        }
        return 0;
    }

    public static int Sync(int fd) => SysFSync(fd) == 0 ? 0 : Errno;

    /// <summary>statx(2) of an open descriptor: 0 or errno.</summary>
    public static int Stat(int fd, out HostStat stat)
    {
        StatX buffer;
        byte empty = 0;
        var r = SysStatX(fd, &empty, AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_BTIME, &buffer);
        stat = r == 0 ? Convert(buffer) : default;
        return r == 0 ? 0 : Errno;
    }

    /// <summary>statx(2) of a path (<paramref name="follow"/>: through a final symbolic link): 0 or errno.</summary>
    [SkipLocalsInit]
    public static int Stat(string path, bool follow, out HostStat stat)
    {
        StatX buffer;
        fixed (byte* p = ToCPath(path, stackalloc byte[StackPathBytes]))
        {
            var r = SysStatX(AT_FDCWD, p, follow ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, &buffer);
            stat = r == 0 ? Convert(buffer) : default;
            return r == 0 ? 0 : Errno;
        }
    }

    /// <summary>statx(2) of <paramref name="name"/> (NUL-terminated UTF-8) in the folder open as <paramref name="dirfd"/>: 0 or errno.</summary>
    public static int StatAt(int dirfd, byte* name, bool follow, out HostStat stat)
    {
        StatX buffer;
        var r = SysStatX(dirfd, name, follow ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, &buffer);
        stat = r == 0 ? Convert(buffer) : default;
        return r == 0 ? 0 : Errno;
    }

    /// <summary>
    /// A folder's entries as readdir(3) gives them (<c>.</c> and <c>..</c> included), read from a descriptor that
    /// <see cref="StatAt"/> can use for each name. Dispose to close it.
    /// </summary>
    public sealed class DirectoryReader : IDisposable
    {
        private nint dir;

        private DirectoryReader(nint dir, int fd)
        {
            this.dir = dir;
            Descriptor = fd;
        }

        /// <summary>The folder's descriptor (for <see cref="StatAt"/>), valid until disposed.</summary>
        public int Descriptor { get; }

        /// <summary>Opens <paramref name="path"/>; null with <paramref name="error"/> (errno) when it cannot be.</summary>
        public static DirectoryReader? Open(string path, out int error)
        {
            var fd = Posix.Open(path, O_RDONLY | O_DIRECTORY, 0);
            if (fd < 0)
            {
                error = -fd;
                return null;
            }
            var dir = SysFdOpenDir(fd);
            if (dir == 0)
            {
                error = Errno;
                SysClose(fd);
                return null;
            }
            error = 0;
            return new DirectoryReader(dir, fd);
        }

        /// <summary>
        /// The next entry's name (NUL-terminated UTF-8, valid until the next call) and d_type; false at the end, or
        /// on an error (<paramref name="error"/> errno, 0 at the end).
        /// </summary>
        public bool Next(out byte* name, out byte type, out int error)
        {
            // struct dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name — the same on every Linux ABI.
            var entry = SysReadDir(dir);
            if (entry == null)
            {
                name = null;
                type = 0;
                error = Errno;
                return false;
            }
            name = entry + 19;
            type = entry[18];
            error = 0;
            return true;
        }

        public void Dispose()
        {
            var d = Interlocked.Exchange(ref dir, 0);
            if (d != 0)
                SysCloseDir(d);
        }
    }

    private static HostStat Convert(in StatX s) => new(
        Mode: s.Mode,
        Device: ((ulong)s.DevMajor << 32) | s.DevMinor,
        Inode: s.Ino,
        Size: s.Size,
        Links: s.NLink,
        AccessTime: ToFileTime(s.ATimeSec, s.ATimeNsec),
        WriteTime: ToFileTime(s.MTimeSec, s.MTimeNsec),
        ChangeTime: ToFileTime(s.CTimeSec, s.CTimeNsec),
        CreationTime: (s.Mask & STATX_BTIME) != 0 ? ToFileTime(s.BTimeSec, s.BTimeNsec) : Math.Min(ToFileTime(s.MTimeSec, s.MTimeNsec), ToFileTime(s.CTimeSec, s.CTimeNsec)));

    /// <summary>FILETIME (100 ns since 1601) of a Unix time.</summary>
    public static long ToFileTime(long seconds, uint nanoseconds) => (seconds + 11_644_473_600L) * 10_000_000L + nanoseconds / 100;

    /// <summary>Sets access and/or write times (FILETIME; null keeps the current one) of an open descriptor.</summary>
    public static int SetTimes(int fd, long? accessTime, long? writeTime)
    {
        var times = stackalloc TimeSpec[2];
        times[0] = ToTimeSpec(accessTime);
        times[1] = ToTimeSpec(writeTime);
        return SysFUtimens(fd, times) == 0 ? 0 : Errno;
    }

    /// <summary>Sets times of a path (used where a descriptor cannot be opened, e.g. after a copy).</summary>
    public static int SetTimes(string path, long? accessTime, long? writeTime)
    {
        var times = stackalloc TimeSpec[2];
        times[0] = ToTimeSpec(accessTime);
        times[1] = ToTimeSpec(writeTime);
        fixed (byte* p = new CPath(path).Bytes)
            return SysUtimensAt(AT_FDCWD, p, times, 0) == 0 ? 0 : Errno;
    }

    private static TimeSpec ToTimeSpec(long? fileTime)
    {
        if (fileTime is not { } value)
            return new TimeSpec { Sec = 0, Nsec = UTIME_OMIT };
        var unix100ns = value - 116_444_736_000_000_000L;
        var sec = Math.DivRem(unix100ns, 10_000_000L, out var rest);
        if (rest < 0) { sec--; rest += 10_000_000L; }
        return new TimeSpec { Sec = sec, Nsec = rest * 100 };
    }

    /// <summary>rename(2), or renameat2 with RENAME_NOREPLACE (falls back to a check then rename where unsupported).</summary>
    public static int Rename(string from, string to, bool replace)
    {
        fixed (byte* f = new CPath(from).Bytes)
        fixed (byte* t = new CPath(to).Bytes)
        {
            if (!replace)
            {
                if (SysRenameAt2(AT_FDCWD, f, AT_FDCWD, t, RENAME_NOREPLACE) == 0) return 0;
                var e = Errno;
                if (e != EINVAL && e != ENOSYS) return e;
                if (Stat(to, follow: false, out _) == 0) return EEXIST;
            }
            return SysRename(f, t) == 0 ? 0 : Errno;
        }
    }

    private const int ENOSYS = 38;

    /// <summary>link(2): a second name for a file; 0 or the errno.</summary>
    public static int Link(string existing, string newName)
    {
        fixed (byte* e = new CPath(existing).Bytes)
        fixed (byte* n = new CPath(newName).Bytes)
            return SysLink(e, n) == 0 ? 0 : Errno;
    }

    /// <summary>symlink(2): a link at <paramref name="linkPath"/> holding <paramref name="target"/> as written; 0 or the errno.</summary>
    public static int Symlink(string target, string linkPath)
    {
        fixed (byte* t = new CPath(target).Bytes)
        fixed (byte* l = new CPath(linkPath).Bytes)
            return SysSymlink(t, l) == 0 ? 0 : Errno;
    }

    public static int Unlink(string path)
    {
        fixed (byte* p = new CPath(path).Bytes)
            return SysUnlink(p) == 0 ? 0 : Errno;
    }

    public static int RemoveDirectory(string path)
    {
        fixed (byte* p = new CPath(path).Bytes)
            return SysRmdir(p) == 0 ? 0 : Errno;
    }

    public static int CreateDirectory(string path)
    {
        fixed (byte* p = new CPath(path).Bytes)
            return SysMkdir(p, 0x1ff) == 0 ? 0 : Errno;
    }

    public static int Chmod(string path, int mode)
    {
        fixed (byte* p = new CPath(path).Bytes)
            return SysChmod(p, mode) == 0 ? 0 : Errno;
    }

    /// <summary>realpath(3): the path with every link resolved, or null (errno in <paramref name="error"/>).</summary>
    public static string? RealPath(string path, out int error)
    {
        fixed (byte* p = new CPath(path).Bytes)
        {
            var r = SysRealPath(p, null);
            if (r == null)
            {
                error = Errno;
                return null;
            }
            error = 0;
            var s = Marshal.PtrToStringUTF8((nint)r);
            SysFree(r);
            return s;
        }
    }
}

/// <summary>What the host says about a file: POSIX mode, identity, size, times as FILETIME values.</summary>
public readonly record struct HostStat(int Mode, ulong Device, ulong Inode, long Size, uint Links,
    long AccessTime, long WriteTime, long ChangeTime, long CreationTime)
{
    public int Type => Mode & Posix.S_IFMT;
    public bool IsDirectory => Type == Posix.S_IFDIR;
    public bool IsRegular => Type == Posix.S_IFREG;
    public bool IsSymbolicLink => Type == Posix.S_IFLNK;

    /// <summary>Windows' read-only attribute: nobody may write (the owner's write bit is what Wine checks).</summary>
    public bool IsReadOnly => (Mode & 0x80) == 0;
}
