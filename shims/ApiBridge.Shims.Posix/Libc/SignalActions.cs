using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.Tracing;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// sigaction, signal (bsd_signal), sysv_signal, siginterrupt and sigignore: a signal's disposition.
/// </summary>
/// <remarks>
/// A Linux host's own libc takes them, exactly as a native guest's call would: the kernel then runs the guest's handler.
/// The .NET runtime has handlers of its own there — SIGSEGV, SIGFPE, SIGBUS, SIGILL and SIGTRAP (managed exceptions),
/// SIGRTMIN (suspending threads for the garbage collector), SIGINT, SIGQUIT, SIGTERM, SIGCHLD, SIGCONT, SIGWINCH,
/// SIGTTIN and SIGTTOU (PosixSignalRegistration, Console, Process) — and a guest that replaces one breaks what the
/// runtime does with it, bridged or not; SIGALRM, SIGUSR1/2 and the other real-time signals are free for it.
/// A Windows host has no signals: <see cref="SignalDispositions"/> keeps the table with Linux's and glibc's rules, and
/// <see cref="SignalDelivery"/> runs the handlers when the bridge delivers a signal (raise, kill and sigqueue of the
/// process itself, the alarm timer, the console's SIGINT/SIGQUIT/SIGHUP/SIGTERM through <see cref="ConsoleSignals"/>).
/// </remarks>
[ShimLibrary("libc", "process")]
public static unsafe class SignalActions
{
    private static readonly Lazy<SignalDelivery> WindowsDelivery = new(() =>
    {
        ConsoleSignals? console = null;
        var dispositions = new SignalDispositions((sig, action) => console?.Watch(sig, action));
        var delivery = new SignalDelivery(dispositions, SignalMasks.Mask, DefaultAction);
        console = new ConsoleSignals(delivery, ConsoleSignals.WindowsConsoleSignals);
        return delivery;
    });

    /// <summary>The Windows host's delivery of this process (its dispositions, its mask).</summary>
    internal static SignalDelivery Delivery => WindowsDelivery.Value;

    /// <summary>
    /// int sigaction(int signum, const struct sigaction *act, struct sigaction *oldact) — act NULL only asks; EINVAL
    /// for a number outside 1–64, glibc's 32 and 33, and an act for SIGKILL or SIGSTOP.
    /// </summary>
    [ShimExport("sigaction")]
    public static int sigaction(int signum, Sigaction* act, Sigaction* oldact)
    {
        if (HostLibc.Available)
            return HostLibc.sigaction(signum, act, oldact) == 0 ? 0 : Fail(HostLibc.Errno);
        return Windows(Delivery, signum, act, oldact);
    }

    /// <summary>The Windows-host sigaction over a delivery's table (public for the tests, which run it on Linux).</summary>
    public static int Windows(SignalDelivery delivery, int signum, Sigaction* act, Sigaction* oldact)
    {
        // act is read before oldact is written: the two may be the same struct.
        SignalAction? wanted = act == null ? null : new SignalAction(act->sa_handler, act->sa_mask[0], act->sa_flags, act->sa_restorer);
        var error = delivery.Dispositions.Change(signum, wanted, out var old, delivery.Mask);
        if (error != 0)
            return Fail(error);
        if (oldact != null)
        {
            // glibc copies only the kernel's 8 bytes of the mask back; the rest of the caller's sigset_t is left as it was.
            oldact->sa_handler = old.Handler;
            oldact->sa_mask[0] = old.Mask;
            oldact->sa_flags = old.Flags;
            oldact->sa_restorer = old.Restorer;
        }
        return 0;
    }

    /// <summary>
    /// sighandler_t signal(int signum, sighandler_t handler) — glibc's BSD semantics: the handler stays installed, the
    /// signal is blocked while it runs, and interrupted calls restart (unless siginterrupt said otherwise). The previous
    /// handler, or SIG_ERR (-1) with EINVAL for a bad number, SIGKILL/SIGSTOP, or SIG_ERR as the handler.
    /// </summary>
    [ShimExport("signal")]
    [ShimExport("bsd_signal")]
    public static nint signal(int signum, nint handler)
    {
        if (HostLibc.Available)
            return Host(HostLibc.signal(signum, handler));
        return Signal(Delivery, signum, handler, systemV: false);
    }

    /// <summary>
    /// sighandler_t sysv_signal(int signum, sighandler_t handler) — System V's semantics: the handler is reset to
    /// SIG_DFL when it is called, and the signal is not blocked while it runs.
    /// </summary>
    [ShimExport("sysv_signal")]
    [ShimExport("__sysv_signal")]
    public static nint sysv_signal(int signum, nint handler)
    {
        if (HostLibc.Available)
            return Host(HostLibc.sysv_signal(signum, handler));
        return Signal(Delivery, signum, handler, systemV: true);
    }

    /// <summary>The Windows-host signal/sysv_signal over a delivery's table (public for the tests), as glibc builds them on sigaction.</summary>
    public static nint Signal(SignalDelivery delivery, int signum, nint handler, bool systemV)
    {
        if (handler == SignalAction.SIG_ERR || !SignalDispositions.IsSettable(signum))
            return FailN(Errno.EINVAL);
        var table = delivery.Dispositions;
        var action = systemV
            ? new SignalAction(handler, 0, SignalAction.SA_RESETHAND | SignalAction.SA_NODEFER | SignalAction.SA_INTERRUPT)
            : new SignalAction(handler, 1UL << (signum - 1), table.IsInterrupting(signum) ? 0 : SignalAction.SA_RESTART);
        var error = table.Change(signum, action, out var old, delivery.Mask);
        return error != 0 ? FailN(error) : old.Handler;
    }

    /// <summary>
    /// int siginterrupt(int sig, int flag) — whether the signal's handler interrupts a blocking call (flag ≠ 0: no
    /// SA_RESTART). EINVAL as sigaction gives it. On a Windows host no call is ever interrupted (no handler can run on a
    /// blocked thread), so only the flag is kept, for sigaction to report and signal to follow.
    /// </summary>
    [ShimExport("siginterrupt")]
    public static int siginterrupt(int sig, int flag)
    {
        if (HostLibc.Available)
            return HostLibc.siginterrupt(sig, flag) == 0 ? 0 : Fail(HostLibc.Errno);
        return Interrupt(Delivery, sig, flag);
    }

    /// <summary>The Windows-host siginterrupt (public for the tests): glibc's query, record, then set — so SIGKILL fails at the set.</summary>
    public static int Interrupt(SignalDelivery delivery, int sig, int flag)
    {
        var table = delivery.Dispositions;
        var error = table.Change(sig, null, out var current);
        if (error != 0)
            return Fail(error);
        table.SetInterrupting(sig, flag != 0);
        var flags = flag != 0 ? current.Flags & ~SignalAction.SA_RESTART : current.Flags | SignalAction.SA_RESTART;
        error = table.Change(sig, current with { Flags = flags }, out _, delivery.Mask);
        return error != 0 ? Fail(error) : 0;
    }

    /// <summary>int sigignore(int sig) — signal(sig, SIG_IGN): 0, or -1 with EINVAL.</summary>
    [ShimExport("sigignore")]
    public static int sigignore(int sig)
    {
        if (HostLibc.Available)
            return HostLibc.sigignore(sig) == 0 ? 0 : Fail(HostLibc.Errno);
        return Signal(Delivery, sig, SignalAction.SIG_IGN, systemV: false) == SignalAction.SIG_ERR ? -1 : 0;
    }

    /// <summary>
    /// A Windows host's default action for a signal the process gets: nothing for the ones Linux ignores by default,
    /// ENOSYS for the stop signals (no job control to stop the process under), and for every other signal the end of
    /// the process with status 128 + the signal, as a shell reports a process a signal has ended.
    /// </summary>
    internal static int DefaultAction(int sig)
    {
        if (SignalDispositions.IgnoredByDefault(sig))
            return 0;
        if (SignalDispositions.StopsByDefault(sig))
            return Errno.ENOSYS;
        Relay.Flush();
        Bridge.Environment.Exit(128 + sig);
        return 0;
    }

    private static nint Host(nint result)
    {
        if (result == SignalAction.SIG_ERR)
            LastError.Set(HostLibc.Errno);
        return result;
    }
}
