using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The signals a Windows host does raise, through the console: the runtime presents CTRL_C as SIGINT, CTRL_BREAK as
/// SIGQUIT, the console window closing as SIGHUP and logoff or shutdown as SIGTERM (<see cref="PosixSignalRegistration"/>).
/// Once the guest gives one of them a handler or SIG_IGN, the runtime's event is taken here: its default action
/// (ending the process) is cancelled and the signal is delivered as the guest's disposition says, on the runtime's
/// event thread. Windows still ends the process after a close, logoff or shutdown event, whatever a handler does.
/// Nothing is registered while every watched signal keeps SIG_DFL, so the runtime's own behaviour stays untouched.
/// </summary>
public sealed class ConsoleSignals(SignalDelivery delivery, params int[] watched) : IDisposable
{
    /// <summary>SIGHUP, SIGINT, SIGQUIT, SIGTERM: the four the runtime raises on a Windows host.</summary>
    public static readonly int[] WindowsConsoleSignals = [1, 2, 3, 15];

    private readonly Dictionary<int, PosixSignalRegistration> registrations = [];

    /// <summary>Registers for <paramref name="sig"/> the first time it is given an action other than SIG_DFL (the disposition table's change callback).</summary>
    public void Watch(int sig, SignalAction action)
    {
        if (action.IsDefault || Array.IndexOf(watched, sig) < 0)
            return;
        lock (registrations)
        {
            if (!registrations.ContainsKey(sig))
                registrations[sig] = PosixSignalRegistration.Create(ToPosixSignal(sig), context => Deliver(context, sig));
        }
    }

    /// <summary>The runtime's name for a Linux signal number: Windows knows only the named values, Unix takes raw numbers too (the tests watch one on Linux).</summary>
    private static PosixSignal ToPosixSignal(int sig) => sig switch
    {
        1 => PosixSignal.SIGHUP,
        2 => PosixSignal.SIGINT,
        3 => PosixSignal.SIGQUIT,
        15 => PosixSignal.SIGTERM,
        _ => (PosixSignal)sig,
    };

    private void Deliver(PosixSignalContext context, int sig)
    {
        if (delivery.Dispositions.Get(sig).IsDefault)
            return; // back to SIG_DFL: the runtime's default action, which ends the process
        context.Cancel = true;
        delivery.Send(sig, SignalOrigin.Kernel);
    }

    /// <summary>Gives the runtime its signals back (the process's own instance lives as long as the process).</summary>
    public void Dispose()
    {
        lock (registrations)
        {
            foreach (var registration in registrations.Values)
                registration.Dispose();
            registrations.Clear();
        }
    }
}
