using System.Runtime.InteropServices;

namespace TinyGuest;

internal static class Program
{
    [DllImport("kernel32.dll")]
    private static extern ulong GetTickCount64();

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern uint GetCurrentProcessId();

    private static int Main(string[] args)
    {
        var ticks = GetTickCount64();
        Console.WriteLine($"tiny guest: ticks {(ticks > 0 ? "positive" : "zero")}, pid {(GetCurrentProcessId() == (uint)Environment.ProcessId ? "matches" : "differs")}, args [{string.Join(",", args)}]");
        return 0;
    }
}
