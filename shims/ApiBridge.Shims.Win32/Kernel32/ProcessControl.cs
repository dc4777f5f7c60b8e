using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// Starting and ending processes: CreateProcessW/A, GetExitCodeProcess, GetExitCodeThread, TerminateProcess,
/// OpenProcess, GetProcessId, GetThreadId. What gets started and how is described on <see cref="ProgramLocator"/>
/// (the program) and <see cref="ChildLauncher"/> (the host process). Contracts (Microsoft docs, Wine's process.c):
/// <list type="bullet">
/// <item>Failures leave PROCESS_INFORMATION zeroed: an empty application name or command line ERROR_PATH_NOT_FOUND (3);
/// a missing program ERROR_FILE_NOT_FOUND (2) or, when a folder on its path is missing, 3; a folder 5; not a
/// program ERROR_BAD_EXE_FORMAT (193); a missing or non-folder lpCurrentDirectory ERROR_DIRECTORY (267);
/// DEBUG_PROCESS, DEBUG_ONLY_THIS_PROCESS and CREATE_SUSPENDED ERROR_NOT_SUPPORTED (50, not emulated);
/// CREATE_NEW_CONSOLE with DETACHED_PROCESS ERROR_INVALID_PARAMETER (87).</item>
/// <item>Accepted and without effect on a Linux host: CREATE_NO_WINDOW, CREATE_NEW_CONSOLE, DETACHED_PROCESS,
/// CREATE_NEW_PROCESS_GROUP, the priority classes, CREATE_DEFAULT_ERROR_MODE, CREATE_BREAKAWAY_FROM_JOB,
/// EXTENDED_STARTUPINFO_PRESENT (the attribute list is ignored), CREATE_UNICODE_ENVIRONMENT (selects the block's encoding).
/// A Windows host gets them all but the attribute list.</item>
/// <item>bInheritHandles and the handles' inherit flags are not enforced, on either host: the child gets its three
/// standard handles (STARTF_USESTDHANDLES, else the parent's own 0/1/2) and nothing else, whatever they say. A NULL or
/// INVALID_HANDLE_VALUE standard handle becomes the null device.</item>
/// <item>Exit codes of a Linux child are 8-bit (0–255); a child killed by signal N reads 128 + N; TerminateProcess's
/// code is reported exactly. A Windows host's are its own 32-bit codes.</item>
/// </list>
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class ProcessControl
{
    public const uint DEBUG_PROCESS = 0x1, DEBUG_ONLY_THIS_PROCESS = 0x2, CREATE_SUSPENDED = 0x4, DETACHED_PROCESS = 0x8,
        CREATE_NEW_CONSOLE = 0x10, CREATE_NEW_PROCESS_GROUP = 0x200, CREATE_UNICODE_ENVIRONMENT = 0x400,
        EXTENDED_STARTUPINFO_PRESENT = 0x80000, CREATE_NO_WINDOW = 0x08000000;

    /// <summary>
    /// BOOL CreateProcessW(LPCWSTR lpApplicationName, LPWSTR lpCommandLine, LPSECURITY_ATTRIBUTES lpProcessAttributes,
    /// LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles, DWORD dwCreationFlags, LPVOID lpEnvironment,
    /// LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo, LPPROCESS_INFORMATION lpProcessInformation)
    /// </summary>
    [ShimExport("CreateProcessW")]
    public static int CreateProcessW(char* applicationName, char* commandLine, SECURITY_ATTRIBUTES* processAttributes,
        SECURITY_ATTRIBUTES* threadAttributes, int inheritHandles, uint creationFlags, void* environment, char* currentDirectory,
        STARTUPINFOW* startupInfo, PROCESS_INFORMATION* processInformation)
    {
        var title = startupInfo != null && startupInfo->lpTitle != null ? new string(startupInfo->lpTitle) : null;
        return Create(FileShim.Wide(applicationName), FileShim.Wide(commandLine), creationFlags,
            ReadEnvironment(environment, (creationFlags & CREATE_UNICODE_ENVIRONMENT) != 0), environment != null,
            FileShim.Wide(currentDirectory), startupInfo, title, processInformation);
    }

    /// <summary>BOOL CreateProcessA(…) — strings and an ANSI environment block in UTF-8; STARTUPINFOA has STARTUPINFOW's layout.</summary>
    [ShimExport("CreateProcessA")]
    public static int CreateProcessA(byte* applicationName, byte* commandLine, SECURITY_ATTRIBUTES* processAttributes,
        SECURITY_ATTRIBUTES* threadAttributes, int inheritHandles, uint creationFlags, void* environment, byte* currentDirectory,
        STARTUPINFOW* startupInfo, PROCESS_INFORMATION* processInformation)
    {
        var title = startupInfo != null && startupInfo->lpTitle != null ? FileShim.Ansi((byte*)startupInfo->lpTitle) : null;
        return Create(FileShim.Ansi(applicationName), FileShim.Ansi(commandLine), creationFlags,
            ReadEnvironment(environment, (creationFlags & CREATE_UNICODE_ENVIRONMENT) != 0), environment != null,
            FileShim.Ansi(currentDirectory), startupInfo, title, processInformation);
    }

    private static int Create(string? applicationName, string? commandLine, uint flags, List<KeyValuePair<string, string>>? block,
        bool hasBlock, string? currentDirectory, STARTUPINFOW* startupInfo, string? title, PROCESS_INFORMATION* information)
    {
        try
        {
            if (information != null)
                *information = default;
            if ((flags & (DEBUG_PROCESS | DEBUG_ONLY_THIS_PROCESS | CREATE_SUSPENDED)) != 0)
                return FileShim.Fail(Win32Error.ERROR_NOT_SUPPORTED);
            if ((flags & (CREATE_NEW_CONSOLE | DETACHED_PROCESS)) == (CREATE_NEW_CONSOLE | DETACHED_PROCESS))
                return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
            if (startupInfo == null || information == null)
                return FileShim.Fail(Win32Error.ERROR_NOACCESS);

            var fs = GuestFileSystem.Current;
            var environment = Bridge.Environment;
            var program = ProgramLocator.Locate(fs, applicationName, commandLine, GuestProgram.WindowsFolder(environment),
                fs.EnvironmentValue("PATH"), System.Environment.GetEnvironmentVariable(ProgramLocator.HostProgramsVariable), out var error);
            if (program is null)
                return FileShim.Fail(error);

            string? hostDirectory;
            if (currentDirectory is not null)
            {
                var folderError = fs.Resolve(currentDirectory, out var folder);
                if (folderError != 0 || !folder.Exists || !folder.IsDirectory)
                    return FileShim.Fail(Win32Error.ERROR_DIRECTORY);
                hostDirectory = folder.HostPath;
            }
            else
            {
                hostDirectory = fs.CurrentHostDirectory();
            }

            // Without a command line the application name is the command line (quoted when it holds a space).
            var name = applicationName ?? string.Empty;
            var line = commandLine ?? (name.AsSpan().IndexOfAny(' ', '\t') >= 0 ? "\"" + name + "\"" : name);

            var useStd = (startupInfo->dwFlags & STARTUPINFOW.STARTF_USESTDHANDLES) != 0;
            var fields = new uint[]
            {
                startupInfo->dwFlags, startupInfo->wShowWindow, startupInfo->dwX, startupInfo->dwY, startupInfo->dwXSize,
                startupInfo->dwYSize, startupInfo->dwXCountChars, startupInfo->dwYCountChars, startupInfo->dwFillAttribute,
            };
            var request = new LaunchRequest(program, line, hasBlock ? block! : environment.GetVariables(), hostDirectory,
                useStd, useStd ? HostHandle(startupInfo->hStdInput) : -1, useStd ? HostHandle(startupInfo->hStdOutput) : -1,
                useStd ? HostHandle(startupInfo->hStdError) : -1, fields, title, flags);
            var process = ChildLauncher.Start(request, started =>
            {
                information->hProcess = Bridge.Handles.Add(new ProcessHandle(started, isThread: false));
                information->hThread = Bridge.Handles.Add(new ProcessHandle(started, isThread: true));
                information->dwProcessId = (uint)started.Pid;
                information->dwThreadId = (uint)started.ThreadId;
                started.ImagePath = ImagePath(fs, program);
            }, out error);
            if (process is null)
                return FileShim.Fail(error);
            LastError.Set(0);
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FileShim.Fail(e is IOException or UnauthorizedAccessException ? HostErrors.FromException(e) : Win32Error.ERROR_GEN_FAILURE);
        }
    }

    /// <summary>
    /// The child's program as it shows in the guest's Windows view: the file the name led to, a guest's assembly as its
    /// <c>.exe</c> (what GetModuleFileNameW says inside the child).
    /// </summary>
    private static string ImagePath(GuestFileSystem fs, LocatedProgram program)
    {
        var path = fs.ToWindowsOrUnix(program.ProgramFile);
        return program.Kind == ProgramKind.Guest && path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? path[..^4] + ".exe" : path;
    }

    /// <summary>
    /// The host descriptor (Linux) or handle (Windows) behind a standard handle for the child: -1 (→ the null device) for
    /// NULL, INVALID_HANDLE_VALUE and unknown handles.
    /// </summary>
    private static nint HostHandle(nint handle)
    {
        if (handle == 0 || handle == -1 || !Bridge.Handles.TryGet<OpenFile>(handle, out var file))
            return -1;
        return file.Host.HostHandle;
    }

    /// <summary>An environment block (<c>name=value\0…\0\0</c>), UTF-16 or UTF-8; null for NULL.</summary>
    internal static List<KeyValuePair<string, string>>? ReadEnvironment(void* block, bool unicode)
    {
        if (block == null)
            return null;
        var result = new List<KeyValuePair<string, string>>();
        if (unicode)
        {
            var p = (char*)block;
            while (*p != '\0')
            {
                var entry = new string(p);
                p += entry.Length + 1;
                Add(entry);
            }
        }
        else
        {
            var p = (byte*)block;
            while (*p != 0)
            {
                var length = 0;
                while (p[length] != 0)
                    length++;
                Add(Encoding.UTF8.GetString(p, length));
                p += length + 1;
            }
        }
        return result;

        void Add(string entry)
        {
            // "=C:=C:\dir" keeps its leading '='; the name ends at the next one.
            var equals = entry.IndexOf('=', 1);
            if (equals > 0)
                result.Add(new(entry[..equals], entry[(equals + 1)..]));
        }
    }

    /// <summary>BOOL GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode) — STILL_ACTIVE (259) while it runs.</summary>
    [ShimExport("GetExitCodeProcess")]
    public static int GetExitCodeProcess(nint process, uint* exitCode)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (exitCode == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *exitCode = target.ExitCode;
        return 1;
    }

    /// <summary>BOOL GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode) — for a child's main thread, its process's code.</summary>
    [ShimExport("GetExitCodeThread")]
    public static int GetExitCodeThread(nint thread, uint* exitCode)
    {
        if (!KernelObjects.TryGetProcess(thread, allowThread: true, out var target, out var isThread) || !isThread)
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (exitCode == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        *exitCode = target.ExitCode;
        return 1;
    }

    /// <summary>
    /// BOOL TerminateProcess(HANDLE hProcess, UINT uExitCode) — the child (and what it started) ends at once with that
    /// code; a process that has already ended: FALSE, ERROR_ACCESS_DENIED. The current process ends as ExitProcess.
    /// </summary>
    [ShimExport("TerminateProcess")]
    public static int TerminateProcess(nint process, uint exitCode)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (target.IsCurrent)
        {
            ProcessBasics.ExitProcess(exitCode);
            return 1;
        }
        return target.Terminate(exitCode) ? 1 : FileShim.Fail(Win32Error.ERROR_ACCESS_DENIED);
    }

    /// <summary>
    /// HANDLE OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId) — the current process or a
    /// child the bridge started (while it runs or a handle to it is open). Id 0 or an unknown id: NULL,
    /// ERROR_INVALID_PARAMETER; another live host process: NULL, ERROR_ACCESS_DENIED (the bridge cannot wait for it).
    /// </summary>
    [ShimExport("OpenProcess")]
    public static nint OpenProcess(uint desiredAccess, int inheritHandle, uint processId)
    {
        var target = processId == 0 ? null : ProcessObject.Find((int)processId);
        if (target is null)
        {
            var exists = processId != 0 && OperatingSystem.IsLinux() && Directory.Exists("/proc/" + processId);
            LastError.Set(exists ? Win32Error.ERROR_ACCESS_DENIED : Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        return Bridge.Handles.Add(new ProcessHandle(target, isThread: false));
    }

    /// <summary>DWORD GetProcessId(HANDLE Process) — 0 with ERROR_INVALID_HANDLE for anything but a process handle.</summary>
    [ShimExport("GetProcessId")]
    public static uint GetProcessId(nint process)
    {
        if (!KernelObjects.TryGetProcess(process, allowThread: false, out var target, out _))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return 0;
        }
        return target.IsCurrent ? ProcessBasics.GetCurrentProcessId() : (uint)target.Pid;
    }

    /// <summary>DWORD GetThreadId(HANDLE Thread) — a child's main thread id (its pid on Linux); the calling thread's for -2.</summary>
    [ShimExport("GetThreadId")]
    public static uint GetThreadId(nint thread)
    {
        if (!KernelObjects.TryGetThread(thread, out _, out var threadId))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return 0;
        }
        return (uint)threadId;
    }
}
