using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using static WinProcessGuest.Native;

namespace WinProcessGuest;

/// <summary>
/// WinProcessGuest: starts itself (and only itself) with CreateProcessW and prints a deterministic transcript:
/// the argv a child receives for arguments that need quoting, its output collected through an anonymous pipe
/// (STARTF_USESTDHANDLES), waits with timeouts, exit codes (ExitProcess, TerminateProcess, STILL_ACTIVE), handle
/// duplication, OpenProcess, the environment and folder given to a child, and the Windows error codes of failures.
/// As a child: <c>child echo args…</c>, <c>child exit N</c>, <c>child sleep MS</c>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length >= 2 && args[0] == "child")
            return Child.Run(args[1], args[2..]);
        return Parent.Run();
    }
}

internal static class Print
{
    public static void Line(string name, object? value) => Console.WriteLine($"{name}: {Format(value)}");

    private static string Format(object? value) => value switch
    {
        null => "<null>",
        bool b => b ? "True" : "False",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static void Call(string name, bool ok) => Console.WriteLine($"{name}: {ok} err={(ok ? 0 : Marshal.GetLastWin32Error())}");

    public static void Wait(string name, uint result) =>
        Console.WriteLine($"{name}: {Describe(result)}" + (result == WAIT_FAILED ? $" err={Marshal.GetLastWin32Error()}" : ""));

    private static string Describe(uint result) => result switch
    {
        WAIT_TIMEOUT => "WAIT_TIMEOUT",
        WAIT_FAILED => "WAIT_FAILED",
        _ when result < 64 => "WAIT_OBJECT_0+" + result,
        _ => "0x" + result.ToString("X8"),
    };
}

/// <summary>What a child does: report what it received through its standard output (WriteFile, "\n" line ends), or exit, or sleep.</summary>
internal static class Child
{
    public static int Run(string mode, string[] args)
    {
        switch (mode)
        {
            case "exit":
                ExitProcess(uint.Parse(args[0], CultureInfo.InvariantCulture));
                return 99;
            case "sleep":
                Sleep(uint.Parse(args[0], CultureInfo.InvariantCulture));
                ExitProcess(0);
                return 99;
        }
        var output = new StringBuilder();
        output.Append("argc=").Append(args.Length).Append('\n');
        for (var i = 0; i < args.Length; i++)
            output.Append("argv[").Append(i).Append("]=<").Append(args[i]).Append(">\n");
        output.Append("cmdline=").Append(Marshal.PtrToStringUni(GetCommandLineW())).Append('\n');
        output.Append("pid=").Append(GetCurrentProcessId()).Append('\n');
        var value = new StringBuilder(256);
        output.Append("env=").Append(GetEnvironmentVariable("WPG_VAR", value, value.Capacity) > 0 ? value.ToString() : "<unset>").Append('\n');
        var folder = new StringBuilder(520);
        GetCurrentDirectory(folder.Capacity, folder);
        output.Append("cwd=").Append(folder).Append('\n');
        GetStartupInfoW(out var startup);
        output.Append("startup=cb ").Append(startup.cb).Append(" usestdhandles ").Append((startup.dwFlags & STARTF_USESTDHANDLES) != 0)
            .Append(" show ").Append(startup.wShowWindow).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(output.ToString());
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), bytes, (uint)bytes.Length, out _, IntPtr.Zero);
        ExitProcess(0);
        return 99;
    }
}
