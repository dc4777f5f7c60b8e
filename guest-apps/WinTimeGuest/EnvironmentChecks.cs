using System.Runtime.InteropServices;
using System.Text;

namespace WinTimeGuest;

/// <summary>kernel32 process identity, environment variables, command line and last error.</summary>
internal static unsafe class EnvironmentChecks
{
    private const string Var = "WINTIMEGUEST_VAR";
    private const string Missing = "WINTIMEGUEST_MISSING_VARIABLE";
    // Non-ASCII on purpose (UTF-16 path); printed only as length and equality so output stays ASCII.
    private const string Value = "hello w\u00f6rld \u20ac";

    public static void Run(string[] args)
    {
        Identity();
        WideVariables();
        AnsiVariables();
        CommandLine(args);
        LastError();
    }

    private static void Identity()
    {
        Fact.Print("GetCurrentProcessId == Environment.ProcessId", Native.GetCurrentProcessId() == (uint)Environment.ProcessId);
        uint tid = Native.GetCurrentThreadId();
        Fact.Print("GetCurrentThreadId nonzero", tid != 0);
        Fact.Print("GetCurrentThreadId stable on one thread", Native.GetCurrentThreadId() == tid);
        uint other = 0;
        var thread = new Thread(() => other = Native.GetCurrentThreadId());
        thread.Start();
        thread.Join();
        Fact.Print("GetCurrentThreadId differs on another thread", other != 0 && other != tid);
    }

    private static string GetW(string name, out uint result, out int error, uint size = 256)
    {
        char* buffer = stackalloc char[256];
        result = Native.GetEnvironmentVariableW(name, buffer, size);
        error = Marshal.GetLastWin32Error();
        return result > 0 && result < size ? new string(buffer, 0, (int)result) : "";
    }

    private static void WideVariables()
    {
        GetW(Missing, out uint r, out int err);
        Fact.Print("GetEnvironmentVariableW(missing)", $"{r} err={err}");

        bool set = Native.SetEnvironmentVariableW(Var, Value);
        Fact.Print("SetEnvironmentVariableW (LibraryImport)", set);
        string got = GetW(Var, out r, out _);
        Fact.Print("GetEnvironmentVariableW after set", $"{r} equal={got == Value}");
        Fact.Print("GetEnvironmentVariableW name is case-insensitive", GetW(Var.ToLowerInvariant(), out _, out _) == Value);

        int needed = Value.Length + 1;
        GetW(Var, out r, out _, size: 5);
        Fact.Print("GetEnvironmentVariableW(buffer 5) returns needed size incl. NUL", r == needed);
        GetW(Var, out r, out _, size: (uint)Value.Length);
        Fact.Print("GetEnvironmentVariableW(buffer = length) returns needed size incl. NUL", r == needed);
        GetW(Var, out r, out _, size: (uint)needed);
        Fact.Print("GetEnvironmentVariableW(buffer = length+1) returns length", r == Value.Length);
        Fact.Print("GetEnvironmentVariableW(null, 0) returns needed size", Native.GetEnvironmentVariableW(Var, null, 0) == needed);

        var sb = new StringBuilder(64);
        uint sbResult = Native.GetEnvironmentVariable(Var, sb, (uint)sb.Capacity);
        Fact.Print("GetEnvironmentVariable (CharSet.Unicode, StringBuilder)", $"{sbResult} equal={sb.ToString() == Value}");

        char* gen = stackalloc char[64];
        uint genResult = Native.GetEnvVarGenerated(Var, gen, 64);
        Fact.Print("GetEnvironmentVariableW (LibraryImport)", $"{genResult} equal={new string(gen, 0, (int)genResult) == Value}");

        Fact.Print("SetEnvironmentVariableW visible to Environment.GetEnvironmentVariable", Environment.GetEnvironmentVariable(Var) == Value);
        Environment.SetEnvironmentVariable("WINTIMEGUEST_FROM_NET", "set-by-dotnet");
        Fact.Print("Environment.SetEnvironmentVariable visible to GetEnvironmentVariableW", GetW("WINTIMEGUEST_FROM_NET", out _, out _));

        Fact.Print("SetEnvironmentVariableW (DllImport) overwrite", Native.SetEnvVarW(Var, "second"));
        Fact.Print("GetEnvironmentVariableW after overwrite", GetW(Var, out _, out _));
        Fact.Print("SetEnvironmentVariableW(name, null) deletes", Native.SetEnvVarW(Var, null));
        GetW(Var, out r, out err);
        Fact.Print("GetEnvironmentVariableW after delete", $"{r} err={err}");
        Fact.Print("Environment.GetEnvironmentVariable after delete is null", Environment.GetEnvironmentVariable(Var) is null);
        Fact.Print("GetEnvironmentVariableW(PATH) nonzero", Native.GetEnvironmentVariableW("PATH", null, 0) > 0);
    }

    private static void AnsiVariables()
    {
        const string name = "WINTIMEGUEST_ANSI";
        Fact.Print("SetEnvironmentVariableA", Native.SetEnvironmentVariableA(name, "ascii value"));
        var sb = new StringBuilder(32);
        uint r = Native.GetEnvironmentVariableA(name, sb, (uint)sb.Capacity);
        Fact.Print("GetEnvironmentVariableA", $"{r} \"{sb}\"");
        var small = new StringBuilder(4);
        Fact.Print("GetEnvironmentVariableA(buffer 4)", Native.GetEnvironmentVariableA(name, small, 4));
        Fact.Print("SetEnvironmentVariableA visible to GetEnvironmentVariableW", GetW(name, out _, out _));
        r = Native.GetEnvironmentVariableA(Missing, sb, (uint)sb.Capacity);
        Fact.Print("GetEnvironmentVariableA(missing)", $"{r} err={Marshal.GetLastPInvokeError()}");
        Native.SetEnvironmentVariableA(name, null);
        Fact.Print("SetEnvironmentVariableA(name, null) deletes", Native.GetEnvironmentVariableA(name, sb, (uint)sb.Capacity) == 0);
    }

    private static void CommandLine(string[] args)
    {
        string commandLine = new(Native.GetCommandLineW());
        List<string> argv = CommandLineParser.Split(commandLine);
        Fact.Print("GetCommandLineW nonempty", commandLine.Length > 0);
        Fact.Print("GetCommandLineW program name contains WinTimeGuest",
            argv.Count > 0 && argv[0].Contains("WinTimeGuest", StringComparison.OrdinalIgnoreCase));
        Fact.Print("GetCommandLineW argument count after program", argv.Count - 1);
        Fact.Print("GetCommandLineW arguments equal Main args", argv.Skip(1).SequenceEqual(args));
    }

    private static void LastError()
    {
        Native.SetLastError(1234);
        Fact.Print("SetLastError(1234) then GetLastError()", Native.GetLastError());
        // Read both before printing: Console writes are P/Invokes too and may overwrite the saved error.
        Native.SetLastErrorCaptured(5);
        int win32 = Marshal.GetLastWin32Error();
        int pinvoke = Marshal.GetLastPInvokeError();
        Fact.Print("SetLastError(5) [SetLastError=true] then Marshal.GetLastWin32Error()", win32);
        Fact.Print("SetLastError(5) [SetLastError=true] then Marshal.GetLastPInvokeError()", pinvoke);

        GetW(Missing, out _, out _);
        Fact.Print("GetLastError() right after failing GetEnvironmentVariableW", Native.GetLastError());

        long bad = unchecked((long)0x8000000000000000);
        Native.FileTimeToSystemTime(ref bad, out _);
        Fact.Print("GetLastError() right after failing FileTimeToSystemTime", Native.GetLastError());
    }
}

/// <summary>Splits a Windows command line the way CommandLineToArgvW / the MSVC runtime do.</summary>
internal static class CommandLineParser
{
    public static List<string> Split(string commandLine)
    {
        var result = new List<string>();
        int i = 0;
        // argv[0]: up to the next space, or quoted with no escapes.
        var first = new StringBuilder();
        bool quoted = false;
        for (; i < commandLine.Length; i++)
        {
            char c = commandLine[i];
            if (c == '"') { quoted = !quoted; continue; }
            if (!quoted && (c == ' ' || c == '\t')) break;
            first.Append(c);
        }
        result.Add(first.ToString());

        while (true)
        {
            while (i < commandLine.Length && (commandLine[i] == ' ' || commandLine[i] == '\t')) i++;
            if (i >= commandLine.Length) break;
            var arg = new StringBuilder();
            quoted = false;
            while (i < commandLine.Length && (quoted || (commandLine[i] != ' ' && commandLine[i] != '\t')))
            {
                int backslashes = 0;
                while (i < commandLine.Length && commandLine[i] == '\\') { backslashes++; i++; }
                if (i < commandLine.Length && commandLine[i] == '"')
                {
                    arg.Append('\\', backslashes / 2);
                    if (backslashes % 2 == 1) arg.Append('"');
                    else if (quoted && i + 1 < commandLine.Length && commandLine[i + 1] == '"') { arg.Append('"'); i++; }
                    else quoted = !quoted;
                    i++;
                }
                else
                {
                    arg.Append('\\', backslashes);
                    if (i < commandLine.Length && (quoted || (commandLine[i] != ' ' && commandLine[i] != '\t'))) arg.Append(commandLine[i++]);
                }
            }
            result.Add(arg.ToString());
        }
        return result;
    }
}
