using ApiBridge.Runtime.Exports;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// The sigset_t operations and the real-time signal range. They only compute on the caller's memory, so they are the
/// same on every host; the layout and the rules are glibc's (x86-64): a sigset_t is 128 bytes, of which glibc reads
/// and writes only the first 64-bit word (the kernel's set of signals 1–64); signal n is bit n − 1 of it. Signals 32
/// and 33 are glibc's own (thread cancellation and set*id broadcast): sigfillset leaves them out and
/// sigaddset/sigdelset refuse them with EINVAL, so a guest can never block what its threads rely on.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class SignalSets
{
    /// <summary>_NSIG: one more than the highest signal number.</summary>
    public const int NSIG = 65;

    /// <summary>SIGRTMIN and SIGRTMAX as glibc reports them: 32 and 33 are taken by glibc itself.</summary>
    public const int SIGRTMIN = 34, SIGRTMAX = 64;

    private const int SIGCANCEL = 32, SIGSETXID = 33;

    /// <summary>The bits sigfillset sets: every signal but glibc's two.</summary>
    private const ulong Full = ~((1UL << (SIGCANCEL - 1)) | (1UL << (SIGSETXID - 1)));

    /// <summary>int sigemptyset(sigset_t *set) — NULL: EINVAL.</summary>
    [ShimExport("sigemptyset")]
    public static int sigemptyset(ulong* set) => Store(set, 0);

    /// <summary>int sigfillset(sigset_t *set) — every signal but glibc's internal 32 and 33; NULL: EINVAL.</summary>
    [ShimExport("sigfillset")]
    public static int sigfillset(ulong* set) => Store(set, Full);

    /// <summary>int sigaddset(sigset_t *set, int signum) — EINVAL for NULL, a number outside 1–64, or 32/33.</summary>
    [ShimExport("sigaddset")]
    public static int sigaddset(ulong* set, int signum)
    {
        if (set == null || !IsSignal(signum) || IsInternal(signum))
            return Fail(Errno.EINVAL);
        *set |= Bit(signum);
        return 0;
    }

    /// <summary>int sigdelset(sigset_t *set, int signum) — the same checks as sigaddset.</summary>
    [ShimExport("sigdelset")]
    public static int sigdelset(ulong* set, int signum)
    {
        if (set == null || !IsSignal(signum) || IsInternal(signum))
            return Fail(Errno.EINVAL);
        *set &= ~Bit(signum);
        return 0;
    }

    /// <summary>int sigismember(const sigset_t *set, int signum) — 1 or 0; EINVAL for NULL or a number outside 1–64 (32 and 33 may be asked).</summary>
    [ShimExport("sigismember")]
    public static int sigismember(ulong* set, int signum)
    {
        if (set == null || !IsSignal(signum))
            return Fail(Errno.EINVAL);
        return (*set & Bit(signum)) != 0 ? 1 : 0;
    }

    /// <summary>int sigisemptyset(const sigset_t *set) — 1 when no signal is in the set, else 0; NULL: EINVAL.</summary>
    [ShimExport("sigisemptyset")]
    public static int sigisemptyset(ulong* set)
    {
        if (set == null)
            return Fail(Errno.EINVAL);
        return *set == 0 ? 1 : 0;
    }

    /// <summary>int sigandset(sigset_t *dest, const sigset_t *left, const sigset_t *right) — the intersection; any NULL: EINVAL.</summary>
    [ShimExport("sigandset")]
    public static int sigandset(ulong* dest, ulong* left, ulong* right)
    {
        if (dest == null || left == null || right == null)
            return Fail(Errno.EINVAL);
        *dest = *left & *right;
        return 0;
    }

    /// <summary>int sigorset(sigset_t *dest, const sigset_t *left, const sigset_t *right) — the union; any NULL: EINVAL.</summary>
    [ShimExport("sigorset")]
    public static int sigorset(ulong* dest, ulong* left, ulong* right)
    {
        if (dest == null || left == null || right == null)
            return Fail(Errno.EINVAL);
        *dest = *left | *right;
        return 0;
    }

    /// <summary>int __libc_current_sigrtmin(void) — what SIGRTMIN expands to.</summary>
    [ShimExport("__libc_current_sigrtmin")]
    public static int __libc_current_sigrtmin() => SIGRTMIN;

    /// <summary>int __libc_current_sigrtmax(void) — what SIGRTMAX expands to.</summary>
    [ShimExport("__libc_current_sigrtmax")]
    public static int __libc_current_sigrtmax() => SIGRTMAX;

    internal static bool IsSignal(int signum) => signum is > 0 and < NSIG;

    private static bool IsInternal(int signum) => signum is SIGCANCEL or SIGSETXID;

    private static ulong Bit(int signum) => 1UL << (signum - 1);

    private static int Store(ulong* set, ulong value)
    {
        if (set == null)
            return Fail(Errno.EINVAL);
        *set = value;
        return 0;
    }
}
