using System.Globalization;
using System.Runtime.InteropServices;
using static WinSyncGuest.Native;

namespace WinSyncGuest;

/// <summary>
/// WinSyncGuest: events, mutexes, semaphores and waits within one process (<see cref="InProcess"/>), then the same
/// named objects shared with a second instance of itself started with CreateProcessW (<see cref="TwoProcesses"/>).
/// Prints a deterministic transcript: no ids, names with ids in them, or times. As a child:
/// <c>child handover TAG</c> or <c>child abandon TAG</c>, reporting through its exit code (0, or the bits of the checks
/// that failed) so that its output never interleaves with the parent's.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 3 && args[0] == "child")
            return Child.Run(args[1], args[2]);
        Print.Line("WinSyncGuest", "start");
        InProcess.Run();
        TwoProcesses.Run();
        Print.Line("WinSyncGuest", "end");
        Console.Out.Flush();
        return 0;
    }
}

internal static class Print
{
    public static void Line(string name, object? value) =>
        Console.WriteLine($"{name}: {(value is bool b ? (b ? "True" : "False") : Convert.ToString(value, CultureInfo.InvariantCulture))}");

    /// <summary>A BOOL call's result, and the last error when it failed.</summary>
    public static void Call(string name, bool ok) => Console.WriteLine($"{name}: {ok} err={(ok ? 0 : Marshal.GetLastWin32Error())}");

    /// <summary>A call that makes a handle: whether it did, and the last error (0, or ERROR_ALREADY_EXISTS for a live name).</summary>
    public static IntPtr Handle(string name, IntPtr handle)
    {
        Console.WriteLine($"{name}: {(handle != IntPtr.Zero ? "handle" : "NULL")} err={Marshal.GetLastWin32Error()}");
        return handle;
    }

    public static void Wait(string name, uint result) =>
        Console.WriteLine($"{name}: {Describe(result)}" + (result == WAIT_FAILED ? $" err={Marshal.GetLastWin32Error()}" : ""));

    public static string Describe(uint result) => result switch
    {
        WAIT_TIMEOUT => "WAIT_TIMEOUT",
        WAIT_FAILED => "WAIT_FAILED",
        _ when result < 64 => "WAIT_OBJECT_0+" + result,
        _ when result is >= WAIT_ABANDONED_0 and < WAIT_ABANDONED_0 + 64 => "WAIT_ABANDONED_0+" + (result - WAIT_ABANDONED_0),
        _ => "0x" + result.ToString("X8"),
    };
}
