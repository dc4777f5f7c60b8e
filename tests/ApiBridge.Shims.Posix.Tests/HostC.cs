using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>This Linux host's own glibc, which the conformance tests compare the shims with (the reference implementation).</summary>
internal static unsafe class HostC
{
    private const string Libc = "libc";

    [DllImport(Libc, SetLastError = true)] public static extern int sigemptyset(ulong* set);
    [DllImport(Libc, SetLastError = true)] public static extern int sigfillset(ulong* set);
    [DllImport(Libc, SetLastError = true)] public static extern int sigaddset(ulong* set, int signum);
    [DllImport(Libc, SetLastError = true)] public static extern int sigdelset(ulong* set, int signum);
    [DllImport(Libc, SetLastError = true)] public static extern int sigismember(ulong* set, int signum);
    [DllImport(Libc, SetLastError = true)] public static extern int kill(int pid, int sig);
    [DllImport(Libc)] public static extern int __libc_current_sigrtmin();
    [DllImport(Libc)] public static extern int __libc_current_sigrtmax();
    [DllImport(Libc)] public static extern byte* strsignal(int sig);
    [DllImport(Libc)] public static extern byte* strerror(int errnum);
    [DllImport(Libc)] public static extern int __xpg_strerror_r(int errnum, byte* buf, nuint buflen);
    [DllImport(Libc, SetLastError = true)] public static extern long sysconf(int name);
    [DllImport(Libc, SetLastError = true)] public static extern nuint confstr(int name, byte* buf, nuint size);
    [DllImport(Libc)] public static extern long gethostid();
    [DllImport(Libc)] public static extern int getdomainname(byte* name, nuint len);
    [DllImport(Libc)] public static extern byte* cuserid(byte* s);
    [DllImport(Libc)] public static extern int sched_get_priority_max(int policy);
    [DllImport(Libc)] public static extern int sched_get_priority_min(int policy);
    [DllImport(Libc, SetLastError = true)] public static extern int statvfs(byte* path, Native.Statvfs* buf);
    [DllImport(Libc, SetLastError = true)] public static extern long pathconf(byte* path, int name);
    [DllImport(Libc, SetLastError = true)] public static extern int getgrouplist(byte* user, uint group, uint* groups, int* ngroups);
    [DllImport(Libc, SetLastError = true)] public static extern int statx(int dirfd, byte* path, int flags, uint mask, Native.Statx* buf);
    [DllImport(Libc)] public static extern uint gnu_dev_major(ulong dev);
    [DllImport(Libc)] public static extern uint gnu_dev_minor(ulong dev);
}
