using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.ProcessTests;

/// <summary>
/// Base of the process conformance tests: a fresh prefix (C:\work current) and host programs allowed through
/// APIBRIDGE_HOST_PROGRAMS (sh, sleep, cat), since a unit test has no `apibridge run` to start guests under.
/// Helpers call the shims with native-shaped arguments.
/// </summary>
public abstract unsafe class ProcessTest : FileSystemTest, IDisposable
{
    public const uint INFINITE = 0xFFFFFFFF, WAIT_TIMEOUT = 258, WAIT_FAILED = 0xFFFFFFFF, STILL_ACTIVE = 259;
    private readonly string? savedHostPrograms;

    protected ProcessTest()
    {
        savedHostPrograms = Environment.GetEnvironmentVariable("APIBRIDGE_HOST_PROGRAMS");
        Environment.SetEnvironmentVariable("APIBRIDGE_HOST_PROGRAMS", "sh;sleep;cat");
    }

    public new void Dispose()
    {
        Environment.SetEnvironmentVariable("APIBRIDGE_HOST_PROGRAMS", savedHostPrograms);
        base.Dispose();
    }

    /// <summary>CreateProcessW; the last error is the shim's (cleared first, as the adapters do).</summary>
    protected static bool Start(string? application, string? commandLine, out PROCESS_INFORMATION info, string? directory = null,
        STARTUPINFOW? startup = null, void* environment = null, uint flags = 0)
    {
        Clear();
        var si = startup ?? new STARTUPINFOW { cb = (uint)sizeof(STARTUPINFOW) };
        info = new PROCESS_INFORMATION { hProcess = 0x1234, dwProcessId = 99 };
        fixed (char* a = application)
        fixed (char* c = commandLine)
        fixed (char* d = directory)
        fixed (PROCESS_INFORMATION* pi = &info)
            return ProcessControl.CreateProcessW(application is null ? null : a, commandLine is null ? null : c, null, null, 1, flags,
                environment, directory is null ? null : d, &si, pi) != 0;
    }

    /// <summary>Runs a host command line with stdout (and stderr) on a pipe; returns the output and exit code.</summary>
    protected static (string Output, uint ExitCode) RunCaptured(string commandLine, string? directory = null, void* environment = null,
        uint flags = 0, nint stdIn = 0)
    {
        nint read, write;
        Assert.True(Pipes.CreatePipe(&read, &write, null, 0) != 0);
        var si = new STARTUPINFOW { cb = (uint)sizeof(STARTUPINFOW), dwFlags = STARTUPINFOW.STARTF_USESTDHANDLES, hStdInput = stdIn, hStdOutput = write, hStdError = write };
        Assert.True(Start(null, commandLine, out var info, directory, si, environment, flags), $"CreateProcessW failed: {Err}");
        FileHandles.CloseHandle(write);
        var output = ReadAll(read);
        FileHandles.CloseHandle(read);
        Assert.Equal(0U, Waits.WaitForSingleObject(info.hProcess, INFINITE));
        uint code;
        Assert.True(ProcessControl.GetExitCodeProcess(info.hProcess, &code) != 0);
        CloseBoth(info);
        return (output, code);
    }

    protected static string ReadAll(nint read)
    {
        var collected = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            uint n;
            fixed (byte* p = buffer)
                if (FileIo.ReadFile(read, p, (uint)buffer.Length, &n, null) == 0 || n == 0)
                    break;
            collected.Write(buffer, 0, (int)n);
        }
        return Encoding.UTF8.GetString(collected.ToArray());
    }

    protected static void CloseBoth(PROCESS_INFORMATION info)
    {
        FileHandles.CloseHandle(info.hThread);
        FileHandles.CloseHandle(info.hProcess);
    }

    protected static uint ExitCodeOf(nint process)
    {
        uint code;
        Assert.True(ProcessControl.GetExitCodeProcess(process, &code) != 0);
        return code;
    }
}
