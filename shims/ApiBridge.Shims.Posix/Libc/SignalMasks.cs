using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// sigprocmask and sigpending. A Linux host keeps the mask itself. On a Windows host <see cref="SignalMask"/> keeps
/// it: a signal the process sends itself (kill, raise) while the calling thread blocks it waits as pending, and is
/// delivered when unblocked, as the guest's disposition of it says (<see cref="SignalDelivery"/>). Only the first 64 bits
/// of glibc's 128-byte sigset_t are read and written, as glibc passes the kernel 8 bytes.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class SignalMasks
{
    private static readonly Lazy<SignalMask> WindowsMask = new(() => new SignalMask());

    /// <summary>The Windows host's mask of this process.</summary>
    internal static SignalMask Mask => WindowsMask.Value;

    /// <summary>
    /// int sigprocmask(int how, const sigset_t *set, sigset_t *oldset) — EINVAL for an unknown how (only when set is
    /// given); SIGKILL, SIGSTOP and glibc's signals 32 and 33 are never blocked.
    /// </summary>
    [ShimExport("sigprocmask")]
    public static int sigprocmask(int how, ulong* set, ulong* oldset)
    {
        if (HostLibc.Available)
            return HostLibc.sigprocmask(how, set, oldset) == 0 ? 0 : Fail(HostLibc.Errno);
        return Windows(Mask, how, set, oldset, sig => SignalActions.Delivery.Send(sig, SignalOrigin.Self(SignalOrigin.SI_USER)));
    }

    /// <summary>The Windows-host answer over a mask (public for the tests); deliver is called for each released signal.</summary>
    public static int Windows(SignalMask mask, int how, ulong* set, ulong* oldset, Action<int> deliver)
    {
        var error = mask.Change(how, set == null ? null : *set, out var old, out var released);
        if (error != 0)
            return Fail(error);
        if (oldset != null)
            *oldset = old;
        for (var sig = 1; sig <= 64; sig++)
        {
            if ((released & (1UL << (sig - 1))) != 0)
                deliver(sig);
        }
        return 0;
    }

    /// <summary>
    /// int sighold(int sig) — adds sig to the calling thread's mask, as glibc builds it: sigaddset's check first
    /// (EINVAL for 0, past 64, or glibc's own 32 and 33), then sigprocmask(SIG_BLOCK).
    /// </summary>
    [ShimExport("sighold")]
    public static int sighold(int sig) => Change(SignalMask.SIG_BLOCK, sig);

    /// <summary>int sigrelse(int sig) — removes sig from the mask (a pending one is then delivered), as sighold checks it.</summary>
    [ShimExport("sigrelse")]
    public static int sigrelse(int sig) => Change(SignalMask.SIG_UNBLOCK, sig);

    private static int Change(int how, int sig)
    {
        var set = stackalloc ulong[16];
        SignalSets.sigemptyset(set);
        return SignalSets.sigaddset(set, sig) != 0 ? -1 : sigprocmask(how, set, null);
    }

    /// <summary>int sigpending(sigset_t *set) — the signals blocked and waiting.</summary>
    [ShimExport("sigpending")]
    public static int sigpending(ulong* set)
    {
        if (set == null)
            return Fail(Errno.EFAULT);
        if (HostLibc.Available)
            return HostLibc.sigpending(set) == 0 ? 0 : Fail(HostLibc.Errno);
        *set = Mask.Pending;
        return 0;
    }
}
