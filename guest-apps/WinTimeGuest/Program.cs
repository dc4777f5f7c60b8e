using System.Globalization;

namespace WinTimeGuest;

/// <summary>
/// WinTimeGuest [args...] [--stdin] [--exit N]
/// Echoes its arguments, checks kernel32 time and environment functions, echoes one line of stdin when
/// --stdin is given, and ends with ExitProcess(N) (0 by default).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        uint exitCode = 0;
        bool readStdin = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--stdin") readStdin = true;
            else if (args[i] == "--exit" && i + 1 < args.Length && uint.TryParse(args[i + 1], out uint code)) exitCode = code;
        }

        Fact.Print("WinTimeGuest", "start");
        Fact.Print("arg count", args.Length);
        for (int i = 0; i < args.Length; i++) Fact.Print($"arg[{i}]", args[i]);

        TimeChecks.Run();
        EnvironmentChecks.Run(args);

        if (readStdin)
        {
            string? line = Console.In.ReadLine();
            Fact.Print("stdin", line ?? "<eof>");
        }

        // A full collection that runs finalizers once the bridge's services exist: rewritten guests under Wine used
        // to crash here (0x80131506 in DynamicResolver+DestroyScout.Finalize; see ApiBridge.Runtime.Bridge).
        for (int round = 0; round < 3; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Fact.Print("GC with finalizers", "done");

        Fact.Print("ExitProcess", exitCode);
        Console.Out.Flush();
        Native.ExitProcess(exitCode);
        return 99; // not reached: ExitProcess does not return
    }
}
