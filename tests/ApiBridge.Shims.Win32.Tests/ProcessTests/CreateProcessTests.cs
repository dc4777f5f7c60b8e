using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Tests.ProcessTests;

/// <summary>CreateProcessW/A: what is started, the argv and command line, folder, environment, standard handles, failures.</summary>
public sealed unsafe class CreateProcessTests : ProcessTest
{
    [Fact]
    public void StructuresHaveTheirX64Layouts()
    {
        Assert.Equal(104, sizeof(STARTUPINFOW));
        Assert.Equal(24, sizeof(PROCESS_INFORMATION));
        Assert.Equal(24, sizeof(SECURITY_ATTRIBUTES));
        Assert.Equal(60, (int)Marshal.OffsetOf<STARTUPINFOW>(nameof(STARTUPINFOW.dwFlags)));
        Assert.Equal(64, (int)Marshal.OffsetOf<STARTUPINFOW>(nameof(STARTUPINFOW.wShowWindow)));
        Assert.Equal(80, (int)Marshal.OffsetOf<STARTUPINFOW>(nameof(STARTUPINFOW.hStdInput)));
        Assert.Equal(16, (int)Marshal.OffsetOf<PROCESS_INFORMATION>(nameof(PROCESS_INFORMATION.dwProcessId)));
        Assert.Equal(16, (int)Marshal.OffsetOf<SECURITY_ATTRIBUTES>(nameof(SECURITY_ATTRIBUTES.bInheritHandle)));
    }

    [Fact]
    public void TheChildGetsExactlyTheArgvTheCommandLineMeans()
    {
        string[] meant = ["plain", "two words", "", "say \"hi\"", @"back\slash", @"trail\", @"dir with space\", "a\\\\\"b", "tab\there", "x\u00e9"];
        var line = "sh -c \"for a; do printf '<%s>\\n' \\\"$a\\\"; done\" sh " + string.Join(' ', meant.Select(Quote));
        Assert.Equal(["sh", "-c", "for a; do printf '<%s>\\n' \"$a\"; done", "sh", .. meant], WindowsCommandLine.Parse(line));
        var (output, code) = RunCaptured(line);
        Assert.Equal(string.Concat(meant.Select(a => "<" + a + ">\n")), output);
        Assert.Equal(0U, code);
    }

    private static string Quote(string argument)
    {
        var line = new StringBuilder();
        WindowsCommandLine.AppendArgument(line, argument);
        return line.ToString();
    }

    [Fact]
    public void ExitCodeIsTheChildsAndStillActiveWhileItRuns()
    {
        Assert.Equal(3U, RunCaptured("sh -c \"exit 3\"").ExitCode);

        Assert.True(Start(null, "sleep 30", out var info));
        Assert.NotEqual(0, info.hProcess);
        Assert.NotEqual(0, info.hThread);
        Assert.NotEqual(info.hProcess, info.hThread);
        Assert.NotEqual(0U, info.dwProcessId);
        Assert.Equal(0, Err);
        Assert.Equal(WAIT_TIMEOUT, Waits.WaitForSingleObject(info.hProcess, 100));
        Assert.Equal(WAIT_TIMEOUT, Waits.WaitForSingleObject(info.hThread, 0));
        Assert.Equal(STILL_ACTIVE, ExitCodeOf(info.hProcess));
        Assert.Equal(info.dwProcessId, ProcessControl.GetProcessId(info.hProcess));
        Assert.Equal(info.dwThreadId, ProcessControl.GetThreadId(info.hThread));

        Assert.Equal(1, ProcessControl.TerminateProcess(info.hProcess, 42));
        Assert.Equal(0U, Waits.WaitForSingleObject(info.hProcess, 5000));
        Assert.Equal(0U, Waits.WaitForSingleObject(info.hThread, 0));
        Assert.Equal(42U, ExitCodeOf(info.hProcess));
        uint threadCode;
        Assert.Equal(1, ProcessControl.GetExitCodeThread(info.hThread, &threadCode));
        Assert.Equal(42U, threadCode);

        // Windows: terminating a process that has ended is ERROR_ACCESS_DENIED (Wine 8.0 answers TRUE).
        Clear();
        Assert.Equal(0, ProcessControl.TerminateProcess(info.hProcess, 1));
        Assert.Equal(Win32Error.ERROR_ACCESS_DENIED, Err);
        CloseBoth(info);
    }

    [Fact]
    public void CurrentDirectoryAndEnvironmentBlocksReachTheChild()
    {
        Directory.CreateDirectory(Path.Combine(WorkHost, "Sub Dir"));
        Assert.Equal(Path.Combine(WorkHost, "Sub Dir") + "\n", RunCaptured("sh -c pwd", @"C:\work\sub dir").Output);
        Assert.Equal(WorkHost + "\n", RunCaptured("sh -c pwd").Output); // NULL: the guest's current folder

        var wide = "WPG=wide value\0PATH=" + Environment.GetEnvironmentVariable("PATH") + "\0=C:=C:\\work\0\0";
        fixed (char* block = wide)
            Assert.Equal("wide value|\n", RunCaptured("sh -c \"echo $WPG\\|$APIBRIDGE_COMMAND_LINE\"", environment: block, flags: ProcessControl.CREATE_UNICODE_ENVIRONMENT).Output);
        var narrow = Encoding.UTF8.GetBytes("WPG=narr\u00f6w\0\0");
        fixed (byte* block = narrow)
            Assert.Equal("narr\u00f6w\n", RunCaptured("sh -c \"echo $WPG\"", environment: block).Output);
    }

    [Fact]
    public void StandardInputCanBeAPipeAndEndOfFileReachesTheChild()
    {
        nint inRead, inWrite;
        Assert.True(Pipes.CreatePipe(&inRead, &inWrite, null, 0) != 0);
        Assert.True(Write(inWrite, "line one\nline two\n"));
        Assert.True(Close(inWrite)); // the child sees end of file once it has read everything
        var (output, code) = RunCaptured("cat", stdIn: inRead);
        Close(inRead);
        Assert.Equal("line one\nline two\n", output);
        Assert.Equal(0U, code);
    }

    [Fact]
    public void MissingProgramsFailAsWindowsFails()
    {
        Assert.False(Start(null, "no-such-program-anywhere", out var info));
        Assert.Equal(Win32Error.ERROR_FILE_NOT_FOUND, Err);
        Assert.Equal(0, info.hProcess);
        Assert.Equal(0U, info.dwProcessId);

        Assert.False(Start(@"C:\work\missing.exe", null, out _));
        Assert.Equal(Win32Error.ERROR_FILE_NOT_FOUND, Err);
        Assert.False(Start(@"C:\no such folder\missing.exe", null, out _));
        Assert.Equal(Win32Error.ERROR_PATH_NOT_FOUND, Err);
        // Named by the command line, a program is searched for: a missing folder is still ERROR_FILE_NOT_FOUND.
        Assert.False(Start(null, "\"C:\\no such folder\\missing.exe\" x", out _));
        Assert.Equal(Win32Error.ERROR_FILE_NOT_FOUND, Err);
        Assert.False(Start("", "x", out _));
        Assert.Equal(Win32Error.ERROR_PATH_NOT_FOUND, Err);
        Assert.False(Start(null, null, out _));
        Assert.Equal(Win32Error.ERROR_PATH_NOT_FOUND, Err);
        Assert.False(Start(@"C:\work", "x", out _));
        Assert.Equal(Win32Error.ERROR_ACCESS_DENIED, Err);
    }

    [Fact]
    public void WhatIsNotAProgramIsBadExeFormat()
    {
        File.WriteAllText(HostOf("notes.exe"), "not a program");
        Assert.False(Start(@"C:\work\notes.exe", null, out _));
        Assert.Equal(Win32Error.ERROR_BAD_EXE_FORMAT, Err);
        Assert.False(Start(null, "notes", out _)); // found in the current folder, .exe appended
        Assert.Equal(Win32Error.ERROR_BAD_EXE_FORMAT, Err);
        File.WriteAllBytes(HostOf("empty.exe"), []);
        Assert.False(Start(@"C:\work\empty.exe", null, out _));
        Assert.Equal(Win32Error.ERROR_BAD_EXE_FORMAT, Err);

        // A .NET assembly that is not rewritten, with no `apibridge run` to rewrite it: refused.
        var managed = typeof(Bridge_).Assembly.Location;
        Assert.False(Start(@"Z:" + managed.Replace('/', '\\'), null, out _));
        Assert.Equal(Win32Error.ERROR_BAD_EXE_FORMAT, Err);
    }

    private sealed class Bridge_;

    [Fact]
    public void HostProgramsNeedTheUsersPermission()
    {
        Environment.SetEnvironmentVariable("APIBRIDGE_HOST_PROGRAMS", "cat");
        Assert.False(Start(null, "sh -c true", out _));
        Assert.Equal(Win32Error.ERROR_FILE_NOT_FOUND, Err);
        Assert.False(Start(@"Z:\bin\sh", "sh -c true", out _)); // reachable through Z:, but a Linux program to Windows
        Assert.Equal(Win32Error.ERROR_BAD_EXE_FORMAT, Err);
        Environment.SetEnvironmentVariable("APIBRIDGE_HOST_PROGRAMS", "sh.exe");
        Assert.Equal(5U, RunCaptured("sh.exe -c \"exit 5\"").ExitCode);
    }

    [Fact]
    public void FolderAndFlagFailures()
    {
        Assert.False(Start(null, "sh -c true", out var info, directory: @"C:\no such folder"));
        Assert.Equal(Win32Error.ERROR_DIRECTORY, Err);
        Assert.Equal(0, info.hProcess);
        File.WriteAllText(HostOf("file.txt"), "x");
        Assert.False(Start(null, "sh -c true", out _, directory: @"C:\work\file.txt"));
        Assert.Equal(Win32Error.ERROR_DIRECTORY, Err);
        Assert.False(Start(null, "sh -c true", out _, flags: ProcessControl.CREATE_SUSPENDED));
        Assert.Equal(Win32Error.ERROR_NOT_SUPPORTED, Err);
        Assert.False(Start(null, "sh -c true", out _, flags: ProcessControl.CREATE_NEW_CONSOLE | ProcessControl.DETACHED_PROCESS));
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, Err);
        Assert.Equal(0U, RunCaptured("sh -c true", flags: ProcessControl.CREATE_NO_WINDOW | ProcessControl.CREATE_NEW_PROCESS_GROUP | 0x20).ExitCode);
    }

    [Fact]
    public void CreateProcessATakesUtf8()
    {
        nint read, write;
        Assert.True(Pipes.CreatePipe(&read, &write, null, 0) != 0);
        var si = new STARTUPINFOW { cb = 104, dwFlags = STARTUPINFOW.STARTF_USESTDHANDLES, hStdOutput = write };
        var line = Encoding.UTF8.GetBytes("sh -c \"echo \u00e9t\u00e9\"\0");
        PROCESS_INFORMATION info;
        fixed (byte* l = line)
            Assert.Equal(1, ProcessControl.CreateProcessA(null, l, null, null, 0, 0, null, null, &si, &info));
        Close(write);
        Assert.Equal("\u00e9t\u00e9\n", ReadAll(read));
        Close(read);
        Waits.WaitForSingleObject(info.hProcess, INFINITE);
        CloseBoth(info);
    }
}
