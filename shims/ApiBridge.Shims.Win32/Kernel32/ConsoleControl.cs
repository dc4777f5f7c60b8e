using System.Runtime.InteropServices;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// SetConsoleCtrlHandler and the delivery of Ctrl+C / Ctrl+Break. The guest's handlers form a list; the host's SIGINT
/// (the terminal's Ctrl+C) becomes CTRL_C_EVENT and SIGQUIT (Ctrl+\, the nearest to Ctrl+Break) CTRL_BREAK_EVENT.
/// As on Windows the event is handled on a new thread, the last-registered handler first, until one returns TRUE;
/// if none does, the default handler ends the process with STATUS_CONTROL_C_EXIT. SetConsoleCtrlHandler(NULL, TRUE)
/// makes the process ignore Ctrl+C (not Ctrl+Break), and (NULL, FALSE) restores it. The signals are taken from the
/// runtime at the guest's first SetConsoleCtrlHandler call; before that the runtime's own handling stands.
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class ConsoleControl
{
    public const uint CTRL_C_EVENT = 0, CTRL_BREAK_EVENT = 1;
    public const uint STATUS_CONTROL_C_EXIT = 0xC000013A;

    private static readonly object Gate = new();
    private static readonly List<nint> Handlers = [];
    private static bool ignoreCtrlC;
    private static PosixSignalRegistration[]? registrations;

    /// <summary>What happens when no handler takes an event; tests replace it so that the test host lives on.</summary>
    internal static Action<uint> DefaultHandler { get; set; } = _ => ProcessBasics.ExitProcess(STATUS_CONTROL_C_EXIT);

    /// <summary>
    /// BOOL SetConsoleCtrlHandler(PHANDLER_ROUTINE HandlerRoutine, BOOL Add). Removing a handler that is not in the
    /// list is ERROR_INVALID_PARAMETER; a handler added twice is called twice and must be removed twice.
    /// </summary>
    [ShimExport("SetConsoleCtrlHandler")]
    public static int SetConsoleCtrlHandler(nint handler, int add)
    {
        lock (Gate)
        {
            TakeSignals();
            if (handler == 0)
                ignoreCtrlC = add != 0;
            else if (add != 0)
                Handlers.Add(handler);
            else if (Handlers.LastIndexOf(handler) is var index and >= 0)
                Handlers.RemoveAt(index);
            else
                return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        }
        return 1;
    }

    /// <summary>Delivers a control event as Windows does: ignored Ctrl+C, then the handlers newest first, then the default.</summary>
    internal static void Dispatch(uint ctrlType)
    {
        nint[] handlers;
        lock (Gate)
        {
            if (ctrlType == CTRL_C_EVENT && ignoreCtrlC)
                return;
            handlers = [.. Handlers];
        }
        for (var i = handlers.Length - 1; i >= 0; i--)
        {
            if (((delegate* unmanaged<uint, int>)handlers[i])(ctrlType) != 0)
                return;
        }
        DefaultHandler(ctrlType);
    }

    /// <summary>Forgets the handlers and the ignore flag (tests start from a new process's state).</summary>
    internal static void Reset()
    {
        lock (Gate)
        {
            Handlers.Clear();
            ignoreCtrlC = false;
        }
    }

    private static void TakeSignals()
    {
        if (registrations is not null)
            return;   // on a Windows host the runtime maps the console's CTRL_C and CTRL_BREAK to these same two signals
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Deliver(context, CTRL_C_EVENT)),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context => Deliver(context, CTRL_BREAK_EVENT)),
        ];
    }

    private static void Deliver(PosixSignalContext context, uint ctrlType)
    {
        context.Cancel = true;   // the guest's handlers decide, not the runtime's default action
        new Thread(() => Dispatch(ctrlType)) { Name = "console control handler", IsBackground = true }.Start();
    }
}
