using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Shims.Win32.Native;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// Starts a child on a Windows host the way Windows starts any program: the file the guest's name led to (for a .NET
/// guest its own apphost <c>X.exe</c>, rewritten or not — a rewritten app folder carries the bridge beside it) with
/// the host's CreateProcessW, the guest's exact command line, folder and creation flags. There is no dotnet host, run
/// cache or CLI in between, so the pid and thread id are the child's own.
/// <list type="bullet">
/// <item>Standard handles follow the Linux host's contract, so a guest sees one behaviour on both hosts: the child gets
/// the three the guest named (STARTF_USESTDHANDLES), else the parent's own, and no other handle whatever the inherit
/// flags say. The bridge's host handles are never inheritable; the three are passed as inheritable copies made for
/// this start alone (one start at a time, so no other child can inherit them) and closed once it has happened. None
/// (NULL, INVALID_HANDLE_VALUE) is the NUL device.</item>
/// <item>A guest child also gets its GetCommandLineW line and the STARTUPINFO fields the guest gave (it reads those
/// through the bridge: the host's STARTUPINFO always says STARTF_USESTDHANDLES), and no <c>APIBRIDGE_GUEST_PATH</c>:
/// its program is the file that runs.</item>
/// <item>A waiter thread per child records its exit code when it ends; TerminateProcess ends it with the code given.</item>
/// </list>
/// </summary>
internal static unsafe class WindowsChildLauncher
{
    private const uint EXTENDED_STARTUPINFO_PRESENT = 0x80000, CREATE_UNICODE_ENVIRONMENT = 0x400;

    private static readonly object StartGate = new();

    public static ProcessObject? Start(LaunchRequest request, Action<ProcessObject> opened, out int error)
    {
        error = 0;
        var environment = ChildLauncher.ChildEnvironment(request, keepDriveFolders: true);
        if (request.Program.Kind == ProgramKind.Guest)
        {
            environment.RemoveAll(v => string.Equals(v.Key, GuestProgram.GuestPathVariable, StringComparison.OrdinalIgnoreCase));
            environment.Add(new(GuestStartup.CommandLineVariable, request.CommandLine));
            environment.Add(new(GuestStartup.StartupInfoVariable, GuestStartup.FormatStartup(request.StartupFields, request.StartupTitle)));
        }

        PROCESS_INFORMATION information;
        lock (StartGate)
        {
            if (!CreateProcess(request, EnvironmentBlock(environment), out information, out error))
                return null;
        }
        WindowsProcessApi.CloseHandle(information.hThread);
        var handle = new SafeProcessHandle(information.hProcess, ownsHandle: true);
        var process = ProcessObject.Started((int)information.dwProcessId, code => Terminate(handle, code), (int)information.dwThreadId);
        opened(process);
        var waiter = new Thread(() => Reap(process, handle), 128 * 1024) { IsBackground = true, Name = "apibridge wait " + information.dwProcessId };
        waiter.Start();
        return process;
    }

    private static bool CreateProcess(LaunchRequest request, string environmentBlock, out PROCESS_INFORMATION information, out int error)
    {
        information = default;
        error = 0;
        nint[] standard = request.UseStdHandles
            ? new[] { request.StdIn, request.StdOut, request.StdErr }
            : [WindowsProcessApi.StandardHandle(0), WindowsProcessApi.StandardHandle(1), WindowsProcessApi.StandardHandle(2)];
        SafeFileHandle? nul = null;
        var copies = new nint[3];
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var source = standard[i];
                if (source == 0 || source == -1)
                    source = (nul ??= File.OpenHandle("NUL", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite)).DangerousGetHandle();
                copies[i] = WindowsProcessApi.InheritableCopy(source);
            }
            var fields = request.StartupFields;
            var startup = new STARTUPINFOW
            {
                cb = (uint)sizeof(STARTUPINFOW),
                dwFlags = fields[0] | STARTUPINFOW.STARTF_USESTDHANDLES,
                wShowWindow = (ushort)fields[1],
                dwX = fields[2],
                dwY = fields[3],
                dwXSize = fields[4],
                dwYSize = fields[5],
                dwXCountChars = fields[6],
                dwYCountChars = fields[7],
                dwFillAttribute = fields[8],
                hStdInput = copies[0],
                hStdOutput = copies[1],
                hStdError = copies[2],
            };
            // CreateProcessW may write into the command line: a private, terminated copy.
            var commandLine = (request.CommandLine + "\0").ToCharArray();
            var flags = (request.CreationFlags & ~EXTENDED_STARTUPINFO_PRESENT) | CREATE_UNICODE_ENVIRONMENT;
            fixed (char* application = request.Program.ProgramFile)
            fixed (char* line = commandLine)
            fixed (char* block = environmentBlock)
            fixed (char* folder = request.HostWorkingDirectory)
            fixed (char* title = request.StartupTitle)
            {
                startup.lpTitle = title;
                PROCESS_INFORMATION created;
                if (WindowsProcessApi.CreateProcess(application, line, null, null, 1, flags, block, folder, &startup, &created) == 0)
                {
                    error = Marshal.GetLastPInvokeError();
                    return false;
                }
                information = created;
                return true;
            }
        }
        finally
        {
            foreach (var copy in copies)
            {
                if (copy != 0)
                    WindowsProcessApi.CloseHandle(copy);
            }
            nul?.Dispose();
        }
    }

    /// <summary><c>name=value\0…\0\0</c>, sorted as Windows keeps a block (drive folders "=C:" first, names ignoring case).</summary>
    private static string EnvironmentBlock(List<KeyValuePair<string, string>> environment)
    {
        var block = new StringBuilder();
        foreach (var (name, value) in environment.OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase))
            block.Append(name).Append('=').Append(value).Append('\0');
        if (block.Length == 0)
            block.Append('\0');
        return block.Append('\0').ToString();
    }

    /// <summary>Waits for the child on its own thread and records its exit code.</summary>
    private static void Reap(ProcessObject process, SafeProcessHandle handle)
    {
        uint code = 0;
        try
        {
            if (WindowsProcessApi.WaitForSingleObject(handle, WindowsProcessApi.INFINITE) == WindowsProcessApi.WAIT_OBJECT_0)
                WindowsProcessApi.GetExitCodeProcess(handle, out code);
        }
        finally
        {
            process.SetExited(code);
            handle.Dispose();
        }
    }

    private static void Terminate(SafeProcessHandle handle, uint code)
    {
        try
        {
            WindowsProcessApi.TerminateProcess(handle, code);
        }
        catch (ObjectDisposedException)
        {
            // It ended (and its waiter let the handle go) while TerminateProcess was on its way: nothing left to end.
        }
    }
}
