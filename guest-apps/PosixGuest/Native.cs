using System.Runtime.InteropServices;

namespace PosixGuest;

// The glibc x86-64 structures, declared the way Linux binding code usually does.

/// <summary>struct stat, x86-64: 144 bytes (as Mono.Posix / Tmds.LibC declare it).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct StatBuf
{
    public ulong st_dev;
    public ulong st_ino;
    public ulong st_nlink;
    public uint st_mode;
    public uint st_uid;
    public uint st_gid;
    public int __pad0;
    public ulong st_rdev;
    public long st_size;
    public long st_blksize;
    public long st_blocks;
    public long st_atime;
    public long st_atime_nsec;
    public long st_mtime;
    public long st_mtime_nsec;
    public long st_ctime;
    public long st_ctime_nsec;
    public fixed long __reserved[3];

    public readonly bool IsRegular => (st_mode & 0xF000) == 0x8000;
    public readonly bool IsDirectory => (st_mode & 0xF000) == 0x4000;
}

[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long tv_sec;
    public long tv_nsec;
}

[StructLayout(LayoutKind.Sequential)]
internal struct Timeval
{
    public long tv_sec;
    public long tv_usec;
}

[StructLayout(LayoutKind.Sequential)]
internal struct Tm
{
    public int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
    public long tm_gmtoff;
    public IntPtr tm_zone;

    public override readonly string ToString() =>
        $"{tm_year + 1900:D4}-{tm_mon + 1:D2}-{tm_mday:D2} {tm_hour:D2}:{tm_min:D2}:{tm_sec:D2} wday={tm_wday} yday={tm_yday}";
}

internal static class O
{
    public const int RDONLY = 0, WRONLY = 1, RDWR = 2, CREAT = 0x40, EXCL = 0x80, TRUNC = 0x200, APPEND = 0x400, DIRECTORY = 0x10000;
    public const int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
}

/// <summary>Files, in the mixed styles of real Linux interop code.</summary>
internal static unsafe partial class LibcFiles
{
    [DllImport("libc", SetLastError = true)]
    public static extern int open(string pathname, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    public static extern int openat(int dirfd, string pathname, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc.so.6", EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, byte[] buffer, nuint count);

    [DllImport("c", SetLastError = true)]
    public static extern nint write(int fd, byte* buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    public static extern long lseek(int fd, long offset, int whence);

    [DllImport("libc", SetLastError = true)]
    public static extern nint pread(int fd, byte[] buffer, nuint count, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern int dup(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int dup2(int oldfd, int newfd);

    [DllImport("libc", SetLastError = true)]
    public static extern int ftruncate(int fd, long length);

    [DllImport("libc", SetLastError = true)]
    public static extern int fsync(int fd);

    [DllImport("libc", EntryPoint = "__xstat", SetLastError = true)]
    public static extern int xstat(int version, string path, out StatBuf buf);

    [DllImport("libc", SetLastError = true)]
    public static extern int fstat(int fd, ref StatBuf buf);

    [DllImport("libc", SetLastError = true)]
    public static extern int lstat(string path, StatBuf* buf);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkdir(string path, uint mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rmdir(string path);

    [DllImport("libc", SetLastError = true)]
    public static extern int unlink(string path);

    [DllImport("libc", SetLastError = true)]
    public static extern int rename(string oldpath, string newpath);

    [DllImport("libc", SetLastError = true)]
    public static extern int access(string path, int mode);

    [DllImport("libc", SetLastError = true)]
    public static extern int chdir([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr getcwd(byte[] buffer, nuint size);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr realpath(string path, byte[] resolved);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr opendir(string name);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr readdir(IntPtr dir);

    [DllImport("libc", SetLastError = true)]
    public static extern int closedir(IntPtr dir);

    [DllImport("libc", SetLastError = true)]
    public static extern int chmod(string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    public static extern int utimensat(int dirfd, string path, Timespec[] times, int flags);
}

/// <summary>Clocks and calendar.</summary>
internal static unsafe class LibcTime
{
    [DllImport("libc")]
    public static extern long time(IntPtr tloc);

    [DllImport("libc", SetLastError = true)]
    public static extern int clock_gettime(int clock, out Timespec tp);

    [DllImport("libc", SetLastError = true)]
    public static extern int gettimeofday(out Timeval tv, IntPtr tz);

    [DllImport("libc", SetLastError = true)]
    public static extern int nanosleep(in Timespec req, Timespec* rem);

    [DllImport("libc")]
    public static extern int usleep(uint usec);

    [DllImport("libc")]
    public static extern uint sleep(uint seconds);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr gmtime_r(ref long time, out Tm result);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr localtime_r(ref long time, out Tm result);

    [DllImport("libc", SetLastError = true)]
    public static extern long mktime(ref Tm tm);
}

/// <summary>Processes and environment.</summary>
internal static class LibcProcess
{
    [DllImport("libc")]
    public static extern int getpid();

    [DllImport("libc")]
    public static extern int getppid();

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int signal);

    [DllImport("libc")]
    public static extern int posix_spawn(out int pid, string path, IntPtr fileActions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

    [DllImport("libc", SetLastError = true)]
    public static extern int waitpid(int pid, out int status, int options);

    [DllImport("libc")]
    public static extern void _exit(int status);

    [DllImport("libc")]
    public static extern void exit(int status);

    [DllImport("libc")]
    public static extern IntPtr getenv(string name);

    [DllImport("libc", SetLastError = true)]
    public static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", SetLastError = true)]
    public static extern int unsetenv(string name);

    [DllImport("libc")]
    public static extern uint getuid();

    [DllImport("libc")]
    public static extern uint geteuid();
}

/// <summary>struct sigaction, x86-64: 152 bytes (the handler, a 128-byte sigset_t, int flags, the restorer), as Tmds.LibC declares it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SigAction
{
    public IntPtr sa_handler;
    public fixed ulong sa_mask[16];
    public int sa_flags;
    public IntPtr sa_restorer;
}

/// <summary>Signal dispositions, the two ways binding code installs a handler: a function pointer and a marshalled delegate.</summary>
internal static unsafe class LibcSignals
{
    public delegate void SignalHandler(int signal);

    private static readonly int[] Handled = new int[65];

    [DllImport("libc", SetLastError = true)]
    public static extern int sigaction(int signum, SigAction* act, SigAction* oldact);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr signal(int signum, IntPtr handler);

    [DllImport("libc", SetLastError = true, EntryPoint = "signal")]
    public static extern IntPtr signal(int signum, SignalHandler handler);

    [DllImport("libc", SetLastError = true)]
    public static extern int raise(int signal);

    [DllImport("libc", SetLastError = true)]
    public static extern uint ualarm(uint microseconds, uint interval);

    [DllImport("libc", SetLastError = true)]
    public static extern int pause();

    /// <summary>How many times a handler of this program ran for the signal.</summary>
    public static int Count(int signal) => Volatile.Read(ref Handled[signal]);

    [UnmanagedCallersOnly]
    public static void OnSignal(int signal) => Interlocked.Increment(ref Handled[signal]);

    /// <summary>The delegate form's target; the delegate is kept in a field, as the native side holds only its thunk.</summary>
    public static void OnSignalDelegate(int signal) => Interlocked.Increment(ref Handled[signal]);
}

/// <summary>posix_spawn with file actions and attributes, wait4's usage: the objects as glibc lays them out, kept in unmanaged memory.</summary>
internal static class LibcSpawn
{
    /// <summary>sizeof(posix_spawn_file_actions_t) and sizeof(posix_spawnattr_t) on x86-64 glibc.</summary>
    public const int FileActionsSize = 80, AttributesSize = 336;

    [DllImport("libc")]
    public static extern int posix_spawn(out int pid, string path, IntPtr fileActions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_init(IntPtr fileActions);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_destroy(IntPtr fileActions);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_adddup2(IntPtr fileActions, int fd, int newfd);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_addclose(IntPtr fileActions, int fd);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_addopen(IntPtr fileActions, int fd, string path, int oflag, uint mode);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_addchdir_np(IntPtr fileActions, string path);

    [DllImport("libc")]
    public static extern int posix_spawnattr_init(IntPtr attributes);

    [DllImport("libc")]
    public static extern int posix_spawnattr_setflags(IntPtr attributes, short flags);

    [DllImport("libc")]
    public static extern int posix_spawnattr_destroy(IntPtr attributes);

    [DllImport("libc", SetLastError = true)]
    public static extern int pipe(int[] fds);

    [DllImport("libc", SetLastError = true)]
    public static extern int wait4(int pid, out int status, int options, out Rusage usage);
}

[StructLayout(LayoutKind.Sequential)]
internal struct Rusage
{
    public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
    public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
}
