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
        // `loaded`: the assemblies loaded by now that are not the framework's (its own, and whatever a rewrite added),
        // so a test can see what a bridged start costs in assemblies.
        if (args is ["loaded"])
            foreach (var name in AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name!)
                         .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && !n.StartsWith("Microsoft.", StringComparison.Ordinal) && n != "netstandard")
                         .Order(StringComparer.Ordinal))
                Console.WriteLine($"loaded: {name}");
        return 0;
    }
}
