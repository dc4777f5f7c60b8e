namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// How a Windows host delivers a signal the process gets (kill or raise of itself, sigqueue, the alarm timer, a
/// console event): held as pending while the calling thread blocks it (<see cref="SignalMask"/>), else what its
/// disposition says (<see cref="SignalDispositions"/>) — nothing for SIG_IGN, the default action for SIG_DFL (given by
/// the owner: the process's one ends the process), or the guest's handler.
/// </summary>
/// <remarks>
/// Windows cannot interrupt a thread to run code on it, so a handler runs on the thread that delivers the signal: the
/// caller of raise or kill (synchronously, as Linux runs a handler for a signal a thread sends itself before the call
/// returns), the alarm timer's thread pool thread, the runtime's console-event thread — concurrently with the guest's
/// other threads, as on Linux when another thread takes a process-directed signal. While the handler runs, its
/// sa_mask and (without SA_NODEFER) the signal itself are blocked on that thread; what was held meanwhile is delivered
/// when the handler returns. <see cref="HandlersRun"/> counts finished handlers, which is what pause and sigsuspend
/// wait for (POSIX: they return -1 with EINTR once a handler has run).
/// </remarks>
public sealed unsafe class SignalDelivery(SignalDispositions dispositions, SignalMask mask, Func<int, int> defaultAction)
{
    private readonly object ran = new();
    private long handlersRun;

    public SignalDispositions Dispositions => dispositions;

    public SignalMask Mask => mask;

    /// <summary>How many handlers have returned in this process.</summary>
    public long HandlersRun => Interlocked.Read(ref handlersRun);

    /// <summary>
    /// Delivers <paramref name="sig"/> (1–64) from <paramref name="origin"/>: 0, or the error number the default action
    /// gives (ENOSYS where the bridge cannot take it, as for stopping the process).
    /// </summary>
    public int Send(int sig, SignalOrigin origin)
    {
        if (mask.Hold(sig))
            return 0; // blocked by the calling thread: pending until sigprocmask unblocks it, or sigwait takes it
        var action = dispositions.TakeForDelivery(sig);
        if (action.IsIgnore)
            return 0;
        if (action.IsDefault)
            return defaultAction(sig);
        RunHandler(sig, action, origin);
        return 0;
    }

    /// <summary>Delivers each signal of <paramref name="released"/> (bit n − 1 is signal n), lowest first, as sent by the process itself.</summary>
    public void Release(ulong released)
    {
        for (var sig = 1; released != 0 && sig <= 64; sig++)
        {
            var bit = 1UL << (sig - 1);
            if ((released & bit) == 0)
                continue;
            released &= ~bit;
            Send(sig, SignalOrigin.Self(SignalOrigin.SI_USER));
        }
    }

    /// <summary>Waits until a handler returns after the count was <paramref name="seen"/> (or already has).</summary>
    public void WaitForHandler(long seen)
    {
        lock (ran)
        {
            while (HandlersRun == seen)
                Monitor.Wait(ran);
        }
    }

    private void RunHandler(int sig, SignalAction action, SignalOrigin origin)
    {
        var block = action.Mask | (action.Has(SignalAction.SA_NODEFER) ? 0 : 1UL << (sig - 1));
        mask.Change(SignalMask.SIG_BLOCK, block, out var saved, out var waiting);
        try
        {
            Release(waiting); // pending signals this thread does not block are its to take (those the handler blocks wait again)
            if (action.Has(SignalAction.SA_SIGINFO))
            {
                var info = stackalloc byte[SignalOrigin.SiginfoSize];
                origin.Fill(info, sig);
                // No ucontext_t: Windows gives no interrupted register state to describe.
                ((delegate* unmanaged<int, byte*, void*, void>)action.Handler)(sig, info, null);
            }
            else
                ((delegate* unmanaged<int, void>)action.Handler)(sig);
        }
        finally
        {
            mask.Change(SignalMask.SIG_SETMASK, saved, out _, out var released);
            lock (ran)
            {
                Interlocked.Increment(ref handlersRun);
                Monitor.PulseAll(ran);
            }
            Release(released);
        }
    }
}
