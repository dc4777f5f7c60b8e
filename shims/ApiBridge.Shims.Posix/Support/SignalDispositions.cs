namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// A Windows host's signal dispositions of the process (Windows has none to keep them): one <see cref="SignalAction"/>
/// per signal 1–64, all SIG_DFL at start, changed under the rules Linux and glibc apply to sigaction — EINVAL for a
/// number outside 1–64, for glibc's own 32 and 33, and for any new action of SIGKILL or SIGSTOP (a query is allowed);
/// the kernel silently drops SIGKILL and SIGSTOP from a handler's mask. Also glibc's per-process set of the signals
/// siginterrupt made interrupting, which decides whether signal() sets SA_RESTART.
/// </summary>
public sealed class SignalDispositions(Action<int, SignalAction>? changed = null)
{
    public const int SIGKILL = 9, SIGSTOP = 19;

    /// <summary>_NSIG: one more than the highest signal number.</summary>
    private const int NSIG = 65;

    private const ulong NeverMasked = (1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1));

    private readonly SignalAction[] actions = new SignalAction[NSIG];
    private ulong interrupting;

    /// <summary>A number sigaction takes: 1–64 but glibc's internal 32 and 33.</summary>
    public static bool IsSettable(int sig) => sig is > 0 and < NSIG and not 32 and not 33;

    /// <summary>The current action of <paramref name="sig"/> (SIG_DFL for a number that is no signal).</summary>
    public SignalAction Get(int sig)
    {
        if (sig is <= 0 or >= NSIG)
            return SignalAction.Default;
        lock (actions)
            return actions[sig];
    }

    /// <summary>
    /// sigaction's core: the old action in <paramref name="old"/>, and the new one installed when given; 0 or EINVAL.
    /// Setting SIG_IGN, or SIG_DFL of a signal whose default is to be ignored, discards one already pending in
    /// <paramref name="pending"/>, as POSIX requires.
    /// </summary>
    public int Change(int sig, SignalAction? wanted, out SignalAction old, SignalMask? pending = null)
    {
        old = SignalAction.Default;
        if (!IsSettable(sig) || (wanted is not null && sig is SIGKILL or SIGSTOP))
            return Errno.EINVAL;
        lock (actions)
        {
            old = actions[sig];
            if (wanted is not { } action)
                return 0;
            actions[sig] = action with { Mask = action.Mask & ~NeverMasked };
        }
        if (wanted.Value.IsIgnore || (wanted.Value.IsDefault && IgnoredByDefault(sig)))
            pending?.Discard(sig);
        changed?.Invoke(sig, wanted.Value);
        return 0;
    }

    /// <summary>
    /// The action a delivery of <paramref name="sig"/> runs; an SA_RESETHAND handler is reset to SIG_DFL in the same
    /// step, so two deliveries racing on two threads run it once, as the kernel resets it on entry.
    /// </summary>
    public SignalAction TakeForDelivery(int sig)
    {
        if (sig is <= 0 or >= NSIG)
            return SignalAction.Default;
        lock (actions)
        {
            var action = actions[sig];
            if (action.IsHandler && action.Has(SignalAction.SA_RESETHAND))
                actions[sig] = SignalAction.Default;
            return action;
        }
    }

    /// <summary>Whether siginterrupt made <paramref name="sig"/> interrupting (signal() then leaves SA_RESTART out).</summary>
    public bool IsInterrupting(int sig) => sig is > 0 and < NSIG && (Volatile.Read(ref interrupting) & (1UL << (sig - 1))) != 0;

    /// <summary>Records siginterrupt's flag for <paramref name="sig"/> (a signal number 1–64).</summary>
    public void SetInterrupting(int sig, bool interrupts)
    {
        lock (actions)
            interrupting = interrupts ? interrupting | (1UL << (sig - 1)) : interrupting & ~(1UL << (sig - 1));
    }

    /// <summary>SIGCHLD, SIGCONT, SIGURG and SIGWINCH: the signals whose default action is to do nothing.</summary>
    public static bool IgnoredByDefault(int sig) => sig is 17 or 18 or 23 or 28;

    /// <summary>SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU: the default action stops the process.</summary>
    public static bool StopsByDefault(int sig) => sig is 19 or 20 or 21 or 22;
}
