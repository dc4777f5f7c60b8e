using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Native;

/// <summary>
/// struct rusage (x86-64): ru_utime, ru_stime (struct timeval), then 14 longs from ru_maxrss (KiB) to ru_nivcsw —
/// 144 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Rusage
{
    public Timeval ru_utime;
    public Timeval ru_stime;
    public long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap, ru_inblock, ru_oublock,
        ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;

    public static Timeval FromTicks(long ticks) => new() { tv_sec = ticks / TimeSpan.TicksPerSecond, tv_usec = ticks % TimeSpan.TicksPerSecond / 10 };
}
