using static WinConsoleGuest.Native;

namespace WinConsoleGuest;

/// <summary>
/// --wait-for-ctrl-c: registers a Ctrl handler that reports the event and declines it, says "ready", and waits. On
/// Ctrl+C (SIGINT on Linux) the handler runs, and since it declines, the default handler ends the process with
/// STATUS_CONTROL_C_EXIT. Exit code 1 means no event came within 30 s.
/// </summary>
internal static class CtrlCWait
{
    // Kept in a field: the console calls the handler long after SetConsoleCtrlHandler returned.
    private static ConsoleCtrlHandler? handler;

    public static int Run()
    {
        handler = type =>
        {
            Console.Out.Write($"handler: {type}\n");
            Console.Out.Flush();
            return false;
        };
        Program.Fact("SetConsoleCtrlHandler(add)", SetConsoleCtrlHandler(handler, true));
        Console.Out.Write("ready\n");
        Console.Out.Flush();
        Thread.Sleep(TimeSpan.FromSeconds(30));
        Console.Out.Write("no control event\n");
        return 1;
    }
}
