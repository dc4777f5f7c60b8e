using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using E = ApiBridge.Shims.Posix.Errno;
using A = ApiBridge.Shims.Posix.Support.SignalAction;
using M = ApiBridge.Shims.Posix.Support.SignalMask;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// sigaction(2), signal(2), sysv_signal, siginterrupt, sigignore and sigsuspend: the Linux host's own, and a Windows
/// host's kept dispositions with the bridge's delivery (run here on Linux over fresh tables, as the other Windows-host
/// signal tests do).
/// </summary>
public sealed unsafe class SignalActionTests : PosixTest
{
    private const int SIGUSR1 = 10, SIGUSR2 = 12, SIGALRM = 14, SIGKILL = 9, SIGSTOP = 19, SIGWINCH = 28;

    /// <summary>What the handlers saw: the signal, si_code, si_pid, si_value (the last three only with SA_SIGINFO), the thread.</summary>
    private static readonly ConcurrentQueue<(int Sig, int Code, int Pid, nint Value, int Thread)> Seen = new();

    /// <summary>A delivery the re-sending handler sends to again from inside itself.</summary>
    private static SignalDelivery? resendTo;

    [UnmanagedCallersOnly]
    private static void Handler(int sig) => Seen.Enqueue((sig, 0, 0, 0, System.Environment.CurrentManagedThreadId));

    [UnmanagedCallersOnly]
    private static void InfoHandler(int sig, byte* info, void* context) =>
        Seen.Enqueue((sig, *(int*)(info + 8), *(int*)(info + 16), *(nint*)(info + 24), System.Environment.CurrentManagedThreadId));

    [UnmanagedCallersOnly]
    private static void ResendingHandler(int sig)
    {
        Seen.Enqueue((sig, 0, 0, 0, System.Environment.CurrentManagedThreadId));
        if (Seen.Count == 1)
            resendTo!.Send(sig, SignalOrigin.Kernel); // blocked while this handler runs: held, then delivered after it
    }

    private static nint H => (nint)(delegate* unmanaged<int, void>)&Handler;

    private static nint InfoH => (nint)(delegate* unmanaged<int, byte*, void*, void>)&InfoHandler;

    private static ulong Bit(int sig) => 1UL << (sig - 1);

    /// <summary>A Windows host's delivery over fresh tables; the default actions it is asked for land in <paramref name="defaults"/>.</summary>
    private static SignalDelivery NewDelivery(List<int> defaults) =>
        new(new SignalDispositions(), new M(), sig =>
        {
            lock (defaults)
                defaults.Add(sig);
            return 0;
        });

    private static Sigaction Act(nint handler, int flags = 0, ulong mask = 0)
    {
        var act = new Sigaction { sa_handler = handler, sa_flags = flags };
        act.sa_mask[0] = mask;
        return act;
    }

    public SignalActionTests() => Seen.Clear();

    [Fact]
    public void On_a_Windows_host_an_installed_handler_runs_on_the_sending_thread_and_the_old_action_comes_back()
    {
        var defaults = new List<int>();
        var delivery = NewDelivery(defaults);
        var act = Act(H, A.SA_RESTART, Bit(SIGUSR2) | Bit(SIGKILL));
        var old = Act(77, 77, 77);
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR1, &act, &old));
        Assert.Equal(A.SIG_DFL, old.sa_handler);
        Assert.Equal(0UL, old.sa_mask[0]);
        Assert.Equal(0, old.sa_flags);

        Assert.Equal(0, delivery.Send(SIGUSR1, SignalOrigin.Kernel));
        Assert.Equal([(SIGUSR1, 0, 0, (nint)0, System.Environment.CurrentManagedThreadId)], Seen);
        Assert.Empty(defaults);
        Assert.Equal(1, delivery.HandlersRun);
        Assert.Equal(0UL, delivery.Mask.Blocked); // the handler's mask is put back

        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR1, null, &old)); // a query
        Assert.Equal(H, old.sa_handler);
        Assert.Equal(Bit(SIGUSR2), old.sa_mask[0]); // SIGKILL dropped from the mask, as the kernel does
        Assert.Equal(A.SA_RESTART, old.sa_flags);

        // signal() gives the previous handler back and installs glibc's BSD action.
        Assert.Equal(H, SignalActions.Signal(delivery, SIGUSR1, A.SIG_DFL, systemV: false));
        Assert.Equal(0, delivery.Send(SIGUSR1, SignalOrigin.Kernel));
        Assert.Equal([SIGUSR1], defaults);
        Assert.Equal(A.SIG_DFL, SignalActions.Signal(delivery, SIGUSR1, H, systemV: false));
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR1, null, &old));
        Assert.Equal((Bit(SIGUSR1), A.SA_RESTART), (old.sa_mask[0], old.sa_flags));
    }

    [Fact]
    public void On_a_Windows_host_SIG_IGN_does_nothing_and_discards_a_pending_signal()
    {
        var defaults = new List<int>();
        var delivery = NewDelivery(defaults);
        Assert.Equal(A.SIG_DFL, SignalActions.Signal(delivery, SIGUSR1, A.SIG_IGN, systemV: false));
        Assert.Equal(0, delivery.Send(SIGUSR1, SignalOrigin.Kernel));
        Assert.Empty(defaults);
        Assert.Empty(Seen);

        var block = Bit(SIGUSR2);
        Assert.Equal(0, SignalActions.Signal(delivery, SIGUSR2, H, systemV: false));
        Assert.Equal(0, SignalMasks.Windows(delivery.Mask, M.SIG_BLOCK, &block, null, _ => { }));
        Assert.Equal(0, delivery.Send(SIGUSR2, SignalOrigin.Kernel));
        Assert.Equal(Bit(SIGUSR2), delivery.Mask.Pending);
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR2, null, null));
        Assert.Equal(Bit(SIGUSR2), delivery.Mask.Pending); // a query changes nothing
        Assert.Equal(H, SignalActions.Signal(delivery, SIGUSR2, A.SIG_IGN, systemV: false));
        Assert.Equal(0UL, delivery.Mask.Pending);
        delivery.Mask.Change(M.SIG_SETMASK, 0, out _, out _);
    }

    [Fact]
    public void On_a_Windows_host_SA_RESETHAND_runs_the_handler_once_then_the_default_action()
    {
        var defaults = new List<int>();
        var delivery = NewDelivery(defaults);
        var act = Act(H, A.SA_RESETHAND);
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR1, &act, null));
        delivery.Send(SIGUSR1, SignalOrigin.Kernel);
        delivery.Send(SIGUSR1, SignalOrigin.Kernel);
        Assert.Single(Seen);
        Assert.Equal([SIGUSR1], defaults);

        // sysv_signal is the same one-shot, without the signal blocked during the handler.
        Assert.Equal(A.SIG_DFL, SignalActions.Signal(delivery, SIGUSR2, H, systemV: true));
        Sigaction old;
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR2, null, &old));
        Assert.Equal(A.SA_RESETHAND | A.SA_NODEFER | A.SA_INTERRUPT, old.sa_flags);
        Assert.Equal(0UL, old.sa_mask[0]);
        delivery.Send(SIGUSR2, SignalOrigin.Kernel);
        delivery.Send(SIGUSR2, SignalOrigin.Kernel);
        Assert.Equal(2, Seen.Count);
        Assert.Equal([SIGUSR1, SIGUSR2], defaults);
    }

    [Fact]
    public void On_a_Windows_host_the_signal_is_blocked_while_its_handler_runs_and_comes_after_it()
    {
        var delivery = NewDelivery([]);
        resendTo = delivery;
        var act = Act((nint)(delegate* unmanaged<int, void>)&ResendingHandler);
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR1, &act, null));
        delivery.Send(SIGUSR1, SignalOrigin.Kernel);
        Assert.Equal(2, Seen.Count); // the second ran after the first returned, not inside it
        Assert.Equal(0UL, delivery.Mask.Pending);
        Assert.Equal(2, delivery.HandlersRun);
    }

    [Fact]
    public void On_a_Windows_host_a_blocked_signal_waits_and_its_handler_runs_when_unblocked()
    {
        var delivery = NewDelivery([]);
        Assert.Equal(0, SignalActions.Signal(delivery, SIGUSR1, H, systemV: false));
        var block = Bit(SIGUSR1);
        Assert.Equal(0, SignalMasks.Windows(delivery.Mask, M.SIG_BLOCK, &block, null, sig => delivery.Send(sig, SignalOrigin.Kernel)));
        Assert.Equal(0, delivery.Send(SIGUSR1, SignalOrigin.Kernel));
        Assert.Empty(Seen);
        Assert.Equal(Bit(SIGUSR1), delivery.Mask.Pending);
        Assert.Equal(0, SignalMasks.Windows(delivery.Mask, M.SIG_UNBLOCK, &block, null, sig => delivery.Send(sig, SignalOrigin.Kernel)));
        Assert.Single(Seen);
        Assert.Equal(0UL, delivery.Mask.Pending);
    }

    [Fact]
    public void On_a_Windows_host_an_SA_SIGINFO_handler_gets_the_senders_siginfo()
    {
        var delivery = NewDelivery([]);
        var act = Act(InfoH, A.SA_SIGINFO);
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR2, &act, null));
        delivery.Send(SIGUSR2, new SignalOrigin(SignalOrigin.SI_QUEUE, 4321, 1000, 99));
        Assert.Equal([(SIGUSR2, SignalOrigin.SI_QUEUE, 4321, (nint)99, System.Environment.CurrentManagedThreadId)], Seen);
    }

    [Fact]
    public void On_a_Windows_host_the_alarm_runs_the_SIGALRM_handler_on_the_timer_thread_instead_of_ending_the_process()
    {
        var defaults = new List<int>();
        var delivery = NewDelivery(defaults);
        var clock = new AlarmClock(() => delivery.Send(SIGALRM, SignalOrigin.Kernel));
        var act = Act(InfoH, A.SA_SIGINFO);
        Assert.Equal(0, SignalActions.Windows(delivery, SIGALRM, &act, null));
        var seen = delivery.HandlersRun;
        clock.Arm(TimeSpan.FromMilliseconds(30));
        var waiter = Task.Run(() => delivery.WaitForHandler(seen)); // what pause() waits for
        Assert.True(waiter.Wait(TimeSpan.FromSeconds(10)));
        var (sig, code, pid, _, thread) = Assert.Single(Seen);
        Assert.Equal((SIGALRM, SignalOrigin.SI_KERNEL, 0), (sig, code, pid));
        Assert.NotEqual(System.Environment.CurrentManagedThreadId, thread);
        Assert.Empty(defaults);

        // Back to SIG_DFL: the expiry takes the default action (the process's ends it with 142).
        Assert.Equal(InfoH, SignalActions.Signal(delivery, SIGALRM, A.SIG_DFL, systemV: false));
        clock.Arm(TimeSpan.FromMilliseconds(10));
        SpinWait.SpinUntil(() => { lock (defaults) return defaults.Count > 0; }, TimeSpan.FromSeconds(10));
        lock (defaults)
            Assert.Equal([SIGALRM], defaults);
    }

    [Fact]
    public void On_a_Windows_host_sigsuspend_returns_EINTR_after_a_handler_ran_and_puts_the_mask_back()
    {
        var delivery = NewDelivery([]);
        Assert.Equal(0, SignalActions.Signal(delivery, SIGUSR1, H, systemV: false));
        var block = Bit(SIGUSR1);
        SignalMasks.Windows(delivery.Mask, M.SIG_BLOCK, &block, null, _ => { });
        delivery.Send(SIGUSR1, SignalOrigin.Kernel); // held
        Assert.Equal(-1, Signals.Suspend(delivery, 0)); // unblocking delivers it, and the wait ends
        Assert.Equal(E.EINTR, Errno);
        Assert.Single(Seen);
        Assert.Equal(Bit(SIGUSR1), delivery.Mask.Blocked);

        using var timer = new Timer(_ => delivery.Send(SIGUSR2, SignalOrigin.Kernel));
        Assert.Equal(0, SignalActions.Signal(delivery, SIGUSR2, H, systemV: false));
        timer.Change(30, Timeout.Infinite);
        Assert.Equal(-1, Signals.Suspend(delivery, Bit(SIGUSR1)));
        Assert.Equal(2, Seen.Count);
        delivery.Mask.Change(M.SIG_SETMASK, 0, out _, out _);
    }

    [Fact]
    public void On_a_Windows_host_bad_numbers_and_SIGKILL_or_SIGSTOP_actions_are_EINVAL()
    {
        var delivery = NewDelivery([]);
        var act = Act(H);
        foreach (var bad in new[] { 0, -1, 32, 33, 65, 1000 })
        {
            Assert.Equal(-1, SignalActions.Windows(delivery, bad, &act, null));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(-1, SignalActions.Windows(delivery, bad, null, null));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(A.SIG_ERR, SignalActions.Signal(delivery, bad, H, systemV: false));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(-1, SignalActions.sigaction(bad, null, null)); // this Linux host's glibc agrees, the query too
            Assert.Equal(E.EINVAL, Errno);
        }
        foreach (var unstoppable in new[] { SIGKILL, SIGSTOP })
        {
            Sigaction old;
            Assert.Equal(0, SignalActions.Windows(delivery, unstoppable, null, &old)); // asking is allowed
            Assert.Equal(A.SIG_DFL, old.sa_handler);
            Assert.Equal(0, SignalActions.sigaction(unstoppable, null, &old)); // as the host's glibc allows it
            var ignore = Act(A.SIG_IGN);
            Assert.Equal(-1, SignalActions.Windows(delivery, unstoppable, &ignore, null));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(A.SIG_ERR, SignalActions.Signal(delivery, unstoppable, H, systemV: false));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(-1, SignalActions.Interrupt(delivery, unstoppable, 1)); // glibc's query passes, its set fails
            Assert.Equal(E.EINVAL, Errno);
        }
        Assert.Equal(A.SIG_ERR, SignalActions.Signal(delivery, SIGUSR1, A.SIG_ERR, systemV: false));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void On_a_Windows_host_siginterrupt_takes_SA_RESTART_away_and_signal_then_leaves_it_out()
    {
        var delivery = NewDelivery([]);
        Sigaction old;
        Assert.Equal(0, SignalActions.Signal(delivery, SIGUSR1, H, systemV: false));
        Assert.Equal(0, SignalActions.Interrupt(delivery, SIGUSR1, 1));
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR1, null, &old));
        Assert.Equal((H, 0), (old.sa_handler, old.sa_flags));
        Assert.Equal(H, SignalActions.Signal(delivery, SIGUSR1, H, systemV: false));
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR1, null, &old));
        Assert.Equal(0, old.sa_flags);
        Assert.Equal(0, SignalActions.Interrupt(delivery, SIGUSR1, 0));
        Assert.Equal(0, SignalActions.Windows(delivery, SIGUSR1, null, &old));
        Assert.Equal(A.SA_RESTART, old.sa_flags);
        Assert.Equal(-1, SignalActions.Interrupt(delivery, 0, 1));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void A_runtime_raised_signal_reaches_the_guests_handler_once_it_has_one()
    {
        // On a Windows host these are the console's SIGINT/SIGQUIT/SIGHUP/SIGTERM; Linux lets SIGWINCH stand in.
        ConsoleSignals? console = null;
        var delivery = new SignalDelivery(new SignalDispositions((sig, action) => console?.Watch(sig, action)), new M(), _ => 0);
        using var watching = console = new ConsoleSignals(delivery, SIGWINCH);
        var act = Act(H);
        Assert.Equal(0, SignalActions.Windows(delivery, SIGWINCH, &act, null));
        Assert.Equal(0, HostC.kill(System.Environment.ProcessId, SIGWINCH));
        Assert.True(SpinWait.SpinUntil(() => !Seen.IsEmpty, TimeSpan.FromSeconds(10)));
        Assert.Equal(SIGWINCH, Assert.Single(Seen).Sig);
    }

    [Fact]
    public void On_Linux_sigaction_and_signal_are_the_hosts_and_raise_runs_the_handler_before_returning()
    {
        Sigaction saved, old;
        Assert.Equal(0, SignalActions.sigaction(SIGUSR1, null, &saved));
        try
        {
            var act = Act(H, A.SA_RESTART);
            Assert.Equal(0, SignalActions.sigaction(SIGUSR1, &act, null));
            Assert.Equal(0, Signals.raise(SIGUSR1));
            Assert.Equal(SIGUSR1, Assert.Single(Seen).Sig);
            Assert.Equal(H, SignalActions.signal(SIGUSR1, A.SIG_IGN));
            Assert.Equal(0, Signals.raise(SIGUSR1));
            Assert.Single(Seen);
            Assert.Equal(0, SignalActions.sigaction(SIGUSR1, null, &old));
            Assert.Equal(A.SIG_IGN, old.sa_handler);
            Assert.Equal(-1, SignalActions.sigaction(SIGKILL, &act, null));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(A.SIG_ERR, SignalActions.signal(65, H));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(-1, SignalActions.siginterrupt(SIGSTOP, 1));
            Assert.Equal(E.EINVAL, Errno);

            var info = Act(InfoH, A.SA_SIGINFO);
            Assert.Equal(0, SignalActions.sigaction(SIGUSR1, &info, null));
            Assert.Equal(0, Signals.sigqueue(System.Environment.ProcessId, SIGUSR1, 1234));
            Assert.True(SpinWait.SpinUntil(() => Seen.Count == 2, TimeSpan.FromSeconds(10)));
            var queued = Seen.Last();
            Assert.Equal((SIGUSR1, SignalOrigin.SI_QUEUE, System.Environment.ProcessId, (nint)1234), (queued.Sig, queued.Code, queued.Pid, queued.Value));
        }
        finally
        {
            SignalActions.sigaction(SIGUSR1, &saved, null);
        }
    }
}
