namespace TinyGuestPorted;

internal static class Program
{
    private static int Main(string[] args)
    {
        var ticks = Environment.TickCount64;
        Console.WriteLine($"tiny guest: ticks {(ticks > 0 ? "positive" : "zero")}, pid {(Environment.ProcessId == Environment.ProcessId ? "matches" : "differs")}, args [{string.Join(",", args)}]");
        return 0;
    }
}
