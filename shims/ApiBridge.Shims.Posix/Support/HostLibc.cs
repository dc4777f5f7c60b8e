using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The Linux host's own libc calls that the shims pass a guest's call on to when the host is Linux (ownership,
/// links, ids, sessions): there the guest's call means exactly what it means natively, once its path is mapped.
/// Never called on a Windows host (callers check <see cref="Available"/>). Each returns -1 and sets errno as libc does;
/// <see cref="Errno"/> reads it, already a Linux number.
/// </summary>
internal static unsafe class HostLibc
{
    private const string Libc = "libc";

    public static bool Available => OperatingSystem.IsLinux();

    /// <summary>The errno the last call left (Linux numbering, the guest's contract).</summary>
    public static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>A host path as the NUL-terminated UTF-8 libc takes.</summary>
    public static byte[] Z(string hostPath) => System.Text.Encoding.UTF8.GetBytes(hostPath + "\0");

    [DllImport(Libc, SetLastError = true)] public static extern int chown(byte* path, uint owner, uint group);
    [DllImport(Libc, SetLastError = true)] public static extern int lchown(byte* path, uint owner, uint group);
    [DllImport(Libc, SetLastError = true)] public static extern int fchown(int fd, uint owner, uint group);
    [DllImport(Libc, SetLastError = true)] public static extern int fchmod(int fd, uint mode);
    [DllImport(Libc)] public static extern uint umask(uint mask);
    [DllImport(Libc, SetLastError = true)] public static extern int link(byte* oldPath, byte* newPath);
    [DllImport(Libc, SetLastError = true)] public static extern int mkfifo(byte* path, uint mode);
    [DllImport(Libc, SetLastError = true)] public static extern int getgroups(int size, uint* list);
    [DllImport(Libc, SetLastError = true)] public static extern int getresuid(uint* real, uint* effective, uint* saved);
    [DllImport(Libc, SetLastError = true)] public static extern int getresgid(uint* real, uint* effective, uint* saved);
    [DllImport(Libc, SetLastError = true)] public static extern int setuid(uint uid);
    [DllImport(Libc, SetLastError = true)] public static extern int setgid(uint gid);
    [DllImport(Libc, SetLastError = true)] public static extern int seteuid(uint uid);
    [DllImport(Libc, SetLastError = true)] public static extern int setegid(uint gid);
    [DllImport(Libc, SetLastError = true)] public static extern int setreuid(uint real, uint effective);
    [DllImport(Libc, SetLastError = true)] public static extern int setregid(uint real, uint effective);
    [DllImport(Libc, SetLastError = true)] public static extern int setresuid(uint real, uint effective, uint saved);
    [DllImport(Libc, SetLastError = true)] public static extern int setresgid(uint real, uint effective, uint saved);
    [DllImport(Libc, SetLastError = true)] public static extern int getpgid(int pid);
    [DllImport(Libc, SetLastError = true)] public static extern int setpgid(int pid, int pgid);
    [DllImport(Libc, SetLastError = true)] public static extern int getsid(int pid);
    [DllImport(Libc, SetLastError = true)] public static extern int setsid();
    [DllImport(Libc, SetLastError = true)] public static extern int nice(int increment);
    [DllImport(Libc, SetLastError = true)] public static extern int acct(byte* path);
    [DllImport(Libc, SetLastError = true)] public static extern int chroot(byte* path);
    [DllImport(Libc)] public static extern void sync();
    [DllImport(Libc)] public static extern int getdtablesize();
    [DllImport(Libc, SetLastError = true)] public static extern byte* getlogin();
    [DllImport(Libc)] public static extern uint alarm(uint seconds);
    [DllImport(Libc, SetLastError = true)] public static extern int pause();
    [DllImport(Libc, SetLastError = true)] public static extern uint ualarm(uint microseconds, uint interval);
    [DllImport(Libc, SetLastError = true)] public static extern long sysconf(int name);
    [DllImport(Libc, SetLastError = true)] public static extern int getdomainname(byte* name, nuint length);
    [DllImport(Libc, SetLastError = true)] public static extern int sethostname(byte* name, nuint length);
    [DllImport(Libc, SetLastError = true)] public static extern int setdomainname(byte* name, nuint length);
    [DllImport(Libc)] public static extern byte* cuserid(byte* name);
    [DllImport(Libc, SetLastError = true)] public static extern int fcntl(int fd, int command, nint argument);
    [DllImport(Libc, SetLastError = true)] public static extern int ioctl(int fd, ulong request, nint argument);
    [DllImport(Libc, SetLastError = true)] public static extern int syncfs(int fd);
    [DllImport(Libc, SetLastError = true)] public static extern int statvfs(byte* path, Native.Statvfs* buffer);
    [DllImport(Libc, SetLastError = true)] public static extern int fstatvfs(int fd, Native.Statvfs* buffer);
    [DllImport(Libc, SetLastError = true)] public static extern long pathconf(byte* path, int name);
    [DllImport(Libc, SetLastError = true)] public static extern long fpathconf(int fd, int name);
    [DllImport(Libc, SetLastError = true)] public static extern int mount(byte* source, byte* target, byte* type, ulong flags, void* data);
    [DllImport(Libc, SetLastError = true)] public static extern int umount2(byte* target, int flags);
    [DllImport(Libc, SetLastError = true)] public static extern int mknod(byte* path, uint mode, ulong device);
    [DllImport(Libc, SetLastError = true)] public static extern int sched_get_priority_max(int policy);
    [DllImport(Libc, SetLastError = true)] public static extern int sched_get_priority_min(int policy);
    [DllImport(Libc, SetLastError = true)] public static extern int sched_getscheduler(int pid);
    [DllImport(Libc, SetLastError = true)] public static extern int sched_getcpu();
    [DllImport(Libc, SetLastError = true)] public static extern int sched_getaffinity(int pid, nuint size, byte* mask);
    [DllImport(Libc, SetLastError = true)] public static extern int sched_setaffinity(int pid, nuint size, byte* mask);
    [DllImport(Libc, SetLastError = true)] public static extern int setgroups(nuint size, uint* list);
    [DllImport(Libc, SetLastError = true)] public static extern int unshare(int flags);
    [DllImport(Libc, SetLastError = true)] public static extern int setns(int fd, int type);
    [DllImport(Libc, SetLastError = true)] public static extern int name_to_handle_at(int dirfd, byte* path, void* handle, int* mountId, int flags);
    [DllImport(Libc, SetLastError = true)] public static extern int open_by_handle_at(int mountFd, void* handle, int flags);
    [DllImport(Libc, SetLastError = true)] public static extern int open(byte* path, int flags, uint mode);
    [DllImport(Libc, SetLastError = true)] public static extern int close(int fd);
    [DllImport(Libc, SetLastError = true)] public static extern int uname(byte* buf);
    [DllImport(Libc, SetLastError = true)] public static extern int sigprocmask(int how, ulong* set, ulong* oldset);
    [DllImport(Libc, SetLastError = true)] public static extern int sigpending(ulong* set);
    [DllImport(Libc, SetLastError = true)] public static extern int sigaction(int signum, Native.Sigaction* act, Native.Sigaction* oldact);
    [DllImport(Libc, SetLastError = true)] public static extern nint signal(int signum, nint handler);
    [DllImport(Libc, SetLastError = true)] public static extern nint sysv_signal(int signum, nint handler);
    [DllImport(Libc, SetLastError = true)] public static extern int siginterrupt(int sig, int flag);
    [DllImport(Libc, SetLastError = true)] public static extern int sigignore(int sig);
    [DllImport(Libc, SetLastError = true)] public static extern int sigsuspend(ulong* mask);
    [DllImport(Libc, SetLastError = true)] public static extern int raise(int sig);
    [DllImport(Libc, SetLastError = true)] public static extern int sigqueue(int pid, int sig, nint value);
    [DllImport(Libc, SetLastError = true)] public static extern int sigtimedwait(ulong* set, byte* info, Native.Timespec* timeout);
    [DllImport(Libc, SetLastError = true)] public static extern int sched_rr_get_interval(int pid, Native.Timespec* interval);
    [DllImport(Libc, SetLastError = true)] public static extern int getrusage(int who, void* usage);
    [DllImport(Libc, SetLastError = true)] public static extern int prlimit(int pid, int resource, Native.Rlimit* newLimit, Native.Rlimit* oldLimit);
}
