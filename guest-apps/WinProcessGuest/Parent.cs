using System.Runtime.InteropServices;
using System.Text;
using static WinProcessGuest.Native;

namespace WinProcessGuest;

internal static class Parent
{
    private static string self = "";

    public static int Run()
    {
        Print.Line("WinProcessGuest", "start");
        ModuleChecks();
        ArgvThroughPipe();
        EnvironmentAndFolder();
        ExitCodes();
        WaitsAndTermination();
        HandleChecks();
        Failures();
        Print.Line("WinProcessGuest", "end");
        Console.Out.Flush();
        return 0;
    }

    private static void ModuleChecks()
    {
        var buffer = new char[1024];
        var length = GetModuleFileName(IntPtr.Zero, buffer, (uint)buffer.Length);
        var error = Marshal.GetLastWin32Error();
        self = new string(buffer, 0, (int)length);
        Print.Line("GetModuleFileNameW(NULL) ends with \\WinProcessGuest.exe", self.EndsWith("\\WinProcessGuest.exe", StringComparison.OrdinalIgnoreCase));
        Print.Line("GetModuleFileNameW(NULL) is a drive path", self.Length > 3 && self[1] == ':' && self[2] == '\\');
        Print.Line("GetModuleFileNameW(NULL) err", error);
        var module = GetModuleHandle(null);
        Print.Line("GetModuleHandleW(NULL) != 0", module != IntPtr.Zero);
        var again = new char[1024];
        var length2 = GetModuleFileName(module, again, (uint)again.Length);
        Print.Line("GetModuleFileNameW(own module) same", new string(again, 0, (int)length2) == self);
        Print.Line("GetModuleHandleW(own name) same", GetModuleHandle("WinProcessGuest.exe") == module);
        var small = new char[8];
        var truncated = GetModuleFileName(IntPtr.Zero, small, 5);
        error = Marshal.GetLastWin32Error();
        // Windows (Vista and later) also puts a terminator in the last character; Wine 8.0 does not.
        Print.Line("GetModuleFileNameW(size 5)", $"{truncated} err={error} text={new string(small, 0, 4) == self[..4]}");
    }

    /// <summary>Quotes an argument the way Windows programs expect (the CommandLineToArgvW rules, backwards).</summary>
    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny([' ', '\t', '"']) < 0)
            return argument;
        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\') { backslashes++; continue; }
            if (c == '"') quoted.Append('\\', backslashes * 2 + 1).Append('"');
            else quoted.Append('\\', backslashes).Append(c);
            backslashes = 0;
        }
        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }

    private static string CommandLine(params string[] arguments) =>
        "\"" + self + "\" " + string.Join(' ', arguments.Select(Quote));

    private static readonly string[] TrickyArguments =
    [
        "plain", "two words", "", "say \"hi\"", @"back\slash", @"trail\", @"dir with space\", @"a\\""b", "tab\there", "x\u00e9\u4e2d",
    ];

    /// <summary>Runs a child with its stdout on a new pipe; returns its output and exit code.</summary>
    private static (string Output, uint ExitCode, int Pid, bool Ok) RunWithPipe(string commandLine, string? folder, IntPtr environment,
        uint flags, bool peek)
    {
        var attributes = new SECURITY_ATTRIBUTES { nLength = Marshal.SizeOf<SECURITY_ATTRIBUTES>(), bInheritHandle = true };
        CreatePipe(out var read, out var write, ref attributes, 0);
        SetHandleInformation(read, HANDLE_FLAG_INHERIT, 0);
        var startup = new STARTUPINFO
        {
            cb = Marshal.SizeOf<STARTUPINFO>(),
            dwFlags = STARTF_USESTDHANDLES,
            hStdInput = GetStdHandle(STD_INPUT_HANDLE),
            hStdOutput = write,
            hStdError = GetStdHandle(STD_ERROR_HANDLE),
        };
        var ok = CreateProcess(null, new StringBuilder(commandLine), IntPtr.Zero, IntPtr.Zero, true, flags, environment, folder,
            ref startup, out var info);
        if (!ok)
        {
            Print.Call("CreateProcessW", false);
            CloseHandle(read);
            CloseHandle(write);
            return ("", 0, 0, false);
        }
        CloseHandle(write);
        if (peek)
        {
            WaitForSingleObject(info.hProcess, INFINITE);
            var head = new byte[5];
            var peeked = PeekNamedPipe(read, head, (uint)head.Length, out var peekRead, out var available, IntPtr.Zero);
            Print.Line("PeekNamedPipe", $"{peeked} read={peekRead} text={Encoding.ASCII.GetString(head, 0, (int)peekRead)} available>5={available > 5}");
            PeekNamedPipe(read, null, 0, out _, out var again, IntPtr.Zero);
            Print.Line("PeekNamedPipe again (nothing consumed)", again == available);
        }
        var collected = new MemoryStream();
        var chunk = new byte[4096];
        while (ReadFile(read, chunk, (uint)chunk.Length, out var count, IntPtr.Zero) && count > 0)
            collected.Write(chunk, 0, (int)count);
        var readError = Marshal.GetLastWin32Error();
        if (peek)
            Print.Line("ReadFile at end of pipe err", readError);
        CloseHandle(read);
        WaitForSingleObject(info.hProcess, INFINITE);
        GetExitCodeProcess(info.hProcess, out var code);
        var pidMatches = GetProcessId(info.hProcess) == info.dwProcessId;
        CloseHandle(info.hThread);
        CloseHandle(info.hProcess);
        return (Encoding.UTF8.GetString(collected.ToArray()), code, pidMatches ? info.dwProcessId : -1, true);
    }

    private static Dictionary<string, string> Fields(string output)
    {
        var fields = new Dictionary<string, string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
                fields[line[..equals]] = line[(equals + 1)..];
        }
        return fields;
    }

    private static void ArgvThroughPipe()
    {
        var line = CommandLine(["child", "echo", .. TrickyArguments]);
        var (output, code, pid, ok) = RunWithPipe(line, null, IntPtr.Zero, CREATE_NO_WINDOW, peek: true);
        if (!ok) return;
        var fields = Fields(output);
        Print.Line("child argc", fields.GetValueOrDefault("argc"));
        for (var i = 0; i < TrickyArguments.Length; i++)
            Print.Line($"child argv[{i}] as meant", fields.GetValueOrDefault($"argv[{i}]") == "<" + TrickyArguments[i] + ">");
        Print.Line("child argv[3]", fields.GetValueOrDefault("argv[3]"));
        Print.Line("child argv[7]", fields.GetValueOrDefault("argv[7]"));
        Print.Line("child GetCommandLineW is the parent's line", fields.GetValueOrDefault("cmdline") == line);
        Print.Line("child GetCurrentProcessId is GetProcessId(hProcess)", pid > 0 && fields.GetValueOrDefault("pid") == pid.ToString());
        Print.Line("child env WPG_VAR (inherited, unset)", fields.GetValueOrDefault("env"));
        Print.Line("child startup", fields.GetValueOrDefault("startup"));
        Print.Line("child exit code", code);
    }

    private static void EnvironmentAndFolder()
    {
        // The parent's block plus one variable, as Unicode.
        var block = new StringBuilder();
        var strings = GetEnvironmentStringsW();
        var offset = 0;
        while (true)
        {
            var entry = Marshal.PtrToStringUni(strings + offset * 2)!;
            if (entry.Length == 0) break;
            block.Append(entry).Append('\0');
            offset += entry.Length + 1;
        }
        FreeEnvironmentStringsW(strings);
        block.Append("WPG_VAR=hello world").Append('\0').Append('\0');
        var native = Marshal.StringToHGlobalUni(block.ToString());
        try
        {
            var (output, code, _, ok) = RunWithPipe(CommandLine("child", "echo"), @"C:\windows", native, CREATE_UNICODE_ENVIRONMENT, peek: false);
            if (!ok) return;
            var fields = Fields(output);
            Print.Line("child env WPG_VAR (lpEnvironment)", fields.GetValueOrDefault("env"));
            Print.Line("child cwd is lpCurrentDirectory", string.Equals(fields.GetValueOrDefault("cwd"), @"C:\windows", StringComparison.OrdinalIgnoreCase));
            Print.Line("child argc (no arguments)", fields.GetValueOrDefault("argc"));
            Print.Line("child exit code", code);
        }
        finally
        {
            Marshal.FreeHGlobal(native);
        }
    }

    private static PROCESS_INFORMATION Start(string? application, string commandLine, out bool ok)
    {
        var startup = new STARTUPINFO { cb = Marshal.SizeOf<STARTUPINFO>() };
        ok = CreateProcess(application, new StringBuilder(commandLine), IntPtr.Zero, IntPtr.Zero, false, CREATE_NO_WINDOW, IntPtr.Zero, null,
            ref startup, out var info);
        return info;
    }

    private static void ExitCodes()
    {
        var info = Start(self, CommandLine("child", "exit", "7"), out var ok);
        Print.Call("CreateProcessW(lpApplicationName, child exit 7)", ok);
        Print.Wait("WaitForSingleObject(INFINITE)", WaitForSingleObject(info.hProcess, INFINITE));
        Print.Call("GetExitCodeProcess", GetExitCodeProcess(info.hProcess, out var code));
        Print.Line("exit code (ExitProcess(7))", code);
        Print.Wait("WaitForSingleObject(thread handle, 0)", WaitForSingleObject(info.hThread, 0));
        CloseHandle(info.hThread);
        CloseHandle(info.hProcess);

        // A bare name: found in the program's folder, .exe appended.
        info = Start(null, "WinProcessGuest child exit 5", out ok);
        Print.Call("CreateProcessW(bare name WinProcessGuest)", ok);
        WaitForSingleObject(info.hProcess, INFINITE);
        GetExitCodeProcess(info.hProcess, out code);
        Print.Line("exit code (bare name)", code);
        CloseHandle(info.hThread);
        CloseHandle(info.hProcess);
    }

    private static void WaitsAndTermination()
    {
        var sleeper = Start(null, CommandLine("child", "sleep", "30000"), out var ok);
        Print.Call("CreateProcessW(child sleep)", ok);
        Print.Wait("WaitForSingleObject(sleeper, 300)", WaitForSingleObject(sleeper.hProcess, 300));
        GetExitCodeProcess(sleeper.hProcess, out var code);
        Print.Line("sleeper exit code while running is STILL_ACTIVE", code == STILL_ACTIVE);

        var quick = Start(null, CommandLine("child", "exit", "3"), out ok);
        Print.Call("CreateProcessW(child exit 3)", ok);
        var both = new[] { sleeper.hProcess, quick.hProcess };
        Print.Wait("WaitForMultipleObjects(any, INFINITE)", WaitForMultipleObjects(2, both, false, INFINITE));
        Print.Wait("WaitForMultipleObjects(all, 200)", WaitForMultipleObjects(2, both, true, 200));
        GetExitCodeProcess(quick.hProcess, out code);
        Print.Line("quick exit code", code);

        var opened = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_INFORMATION | PROCESS_TERMINATE, false, sleeper.dwProcessId);
        Print.Line("OpenProcess(sleeper) != 0", opened != IntPtr.Zero);
        Print.Line("GetProcessId(opened) is the sleeper's id", GetProcessId(opened) == sleeper.dwProcessId);
        Print.Call("TerminateProcess(sleeper, 42)", TerminateProcess(opened, 42));
        Print.Wait("WaitForSingleObject(sleeper, INFINITE)", WaitForSingleObject(sleeper.hProcess, INFINITE));
        Print.Wait("WaitForMultipleObjects(all, INFINITE)", WaitForMultipleObjects(2, both, true, INFINITE));
        GetExitCodeProcess(sleeper.hProcess, out code);
        Print.Line("sleeper exit code", code);
        CloseHandle(opened);
        foreach (var handle in new[] { sleeper.hThread, sleeper.hProcess, quick.hThread, quick.hProcess })
            CloseHandle(handle);
    }

    private static void HandleChecks()
    {
        var info = Start(null, CommandLine("child", "exit", "9"), out _);
        var current = GetCurrentProcess();
        Print.Call("DuplicateHandle(process)", DuplicateHandle(current, info.hProcess, current, out var copy, 0, false, DUPLICATE_SAME_ACCESS));
        Print.Call("CloseHandle(original)", CloseHandle(info.hProcess));
        Print.Wait("WaitForSingleObject(duplicate, INFINITE)", WaitForSingleObject(copy, INFINITE));
        GetExitCodeProcess(copy, out var code);
        Print.Line("exit code through duplicate", code);
        Print.Call("CloseHandle(duplicate)", CloseHandle(copy));
        Print.Call("CloseHandle(duplicate) again", CloseHandle(copy));
        Print.Wait("WaitForSingleObject(closed handle)", WaitForSingleObject(copy, 0));
        Print.Call("GetExitCodeProcess(closed handle)", GetExitCodeProcess(copy, out _));
        CloseHandle(info.hThread);

        Print.Wait("WaitForSingleObject(GetCurrentProcess(), 0)", WaitForSingleObject(current, 0));
        GetExitCodeProcess(current, out code);
        Print.Line("GetExitCodeProcess(GetCurrentProcess()) is STILL_ACTIVE", code == STILL_ACTIVE);
        Print.Call("DuplicateHandle(GetCurrentProcess())", DuplicateHandle(current, current, current, out var real, 0, false, DUPLICATE_SAME_ACCESS));
        Print.Line("real handle is not the pseudo-handle", real != current);
        Print.Wait("WaitForSingleObject(real current, 0)", WaitForSingleObject(real, 0));
        Print.Line("GetProcessId(real current) is GetCurrentProcessId()", GetProcessId(real) == GetCurrentProcessId());
        CloseHandle(real);
        var own = OpenProcess(SYNCHRONIZE, false, GetCurrentProcessId());
        Print.Line("OpenProcess(own id) != 0", own != IntPtr.Zero);
        CloseHandle(own);
        Print.Wait("WaitForSingleObject(bogus handle)", WaitForSingleObject(new IntPtr(0x7777770), 0));
    }

    private static void Failures()
    {
        var info = Start(null, "\"C:\\no such folder\\prog.exe\" x", out var ok);
        Print.Call("CreateProcessW(missing folder)", ok);
        Print.Line("PROCESS_INFORMATION zeroed", info.hProcess == IntPtr.Zero && info.dwProcessId == 0);
        Start(null, "\"C:\\windows\\no-such-program.exe\"", out ok);
        Print.Call("CreateProcessW(missing program)", ok);
        Start(null, "no-such-program-anywhere", out ok);
        Print.Call("CreateProcessW(bare name not found)", ok);
        Start("", "x", out ok);
        Print.Call("CreateProcessW(empty application name)", ok);

        var startup = new STARTUPINFO { cb = Marshal.SizeOf<STARTUPINFO>() };
        ok = CreateProcess(null, new StringBuilder(CommandLine("child", "exit", "1")), IntPtr.Zero, IntPtr.Zero, false, 0, IntPtr.Zero,
            @"C:\no such folder", ref startup, out info);
        Print.Call("CreateProcessW(missing lpCurrentDirectory)", ok);

        var temp = new StringBuilder(520);
        GetTempPath(temp.Capacity, temp);
        var fake = temp + "WinProcessGuest-not-a-program.exe";
        var file = CreateFile(fake, GENERIC_WRITE, 0, IntPtr.Zero, CREATE_ALWAYS, 0, IntPtr.Zero);
        var text = Encoding.ASCII.GetBytes("this is not a program\r\n");
        WriteFile(file, text, (uint)text.Length, out _, IntPtr.Zero);
        CloseHandle(file);
        Start(fake, "\"" + fake + "\"", out ok);
        Print.Call("CreateProcessW(text file named .exe)", ok);
        DeleteFile(fake);
    }
}
