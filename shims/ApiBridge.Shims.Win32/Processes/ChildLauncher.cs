using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// What CreateProcessW asks for, after the program is located and the Windows arguments are read. The standard handles
/// are host descriptors (Linux) or host handles (Windows); -1 for none (the child gets the null device).
/// </summary>
public sealed record LaunchRequest(
    LocatedProgram Program,
    string CommandLine,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    string? HostWorkingDirectory,
    bool UseStdHandles,
    nint StdIn,
    nint StdOut,
    nint StdErr,
    uint[] StartupFields,
    string? StartupTitle,
    uint CreationFlags = 0);

/// <summary>
/// Starts a located program as a host process: on a Windows host as Windows starts any program, its own file with the
/// host's CreateProcessW (<see cref="WindowsChildLauncher"/>); on Linux with posix_spawn (<see cref="LinuxProcessApi.Spawn"/>):
/// <list type="bullet">
/// <item>A guest, when this process was started by <c>apibridge run</c> (<c>APIBRIDGE_CLI</c> and
/// <c>APIBRIDGE_DOTNET</c> are set): its rewritten copy from the same cache (<see cref="ApiBridge.Runtime.Guests.CachedGuests"/>, which asks
/// <c>apibridge resolve</c> once per program), started as <c>$APIBRIDGE_DOTNET &lt;cached child.dll&gt; args…</c>; should
/// that fail, <c>$APIBRIDGE_DOTNET $APIBRIDGE_CLI run &lt;child&gt; args…</c>. Otherwise a guest already rewritten (it carries
/// BridgedAssemblyAttribute) starts as <c>dotnet child.dll args…</c>; one that is not fails with ERROR_BAD_EXE_FORMAT.</item>
/// <item>A host program: its path, argv[0] as the command line names it.</item>
/// </list>
/// The argv is the command line split by CommandLineToArgvW's rules, passed as separate strings (nothing is
/// re-quoted on the way). A guest child also gets the exact command line (GetCommandLineW), the STARTUPINFO fields,
/// and, when started through the CLI, the note that the CLI's process id is its own; and, when the parent gave its own
/// environment block, the bridge's variables (APIBRIDGE_*, DOTNET_*, HOME, XDG_CACHE_HOME) it left out, so the child
/// uses the same prefix and cache.
/// </summary>
public static class ChildLauncher
{
    public const string CliVariable = ApiBridge.Runtime.BridgeVariables.Cli;
    public const string DotnetVariable = ApiBridge.Runtime.BridgeVariables.Dotnet;

    private static readonly string[] CarriedVariables = ["HOME", "XDG_CACHE_HOME", "DOTNET_ROOT", "PATH"];

    /// <summary>
    /// Starts the program; null with <paramref name="error"/> (a Win32 code) when it cannot be started.
    /// <paramref name="opened"/> runs before the child is watched, so the handles it opens keep the object findable
    /// (OpenProcess) even when the child ends at once.
    /// </summary>
    public static ProcessObject? Start(LaunchRequest request, Action<ProcessObject> opened, out int error)
    {
        error = 0;
        if (OperatingSystem.IsWindows())
            return WindowsChildLauncher.Start(request, opened, out error);
        if (!OperatingSystem.IsLinux())
        {
            error = Win32Error.ERROR_NOT_SUPPORTED;
            return null;
        }
        var arguments = WindowsCommandLine.Parse(request.CommandLine);
        var rest = arguments.Count > 0 ? arguments.Skip(1).ToList() : new List<string>();
        // "=C:=C:\dir" entries are per-drive folders, not host variables.
        var environment = ChildEnvironment(request, keepDriveFolders: false);

        string program;
        List<string> argv;
        if (request.Program.Kind == ProgramKind.Guest)
        {
            var command = GuestCommand.For(request.Program, out error);
            if (command is null)
                return null;
            program = command.Program;
            argv = [command.Program, .. command.Arguments, .. rest];
            if (command.ThroughCli)
                environment.Add(new(GuestStartup.PidFromParentVariable, "1"));
            else
                Set(environment, GuestProgram.GuestPathVariable, request.Program.HostPath);
            environment.Add(new(GuestStartup.CommandLineVariable, request.CommandLine));
            environment.Add(new(GuestStartup.StartupInfoVariable, GuestStartup.FormatStartup(request.StartupFields, request.StartupTitle)));
        }
        else
        {
            program = request.Program.HostPath;
            argv = [arguments.Count > 0 ? arguments[0] : program, .. rest];
        }

        var spawn = new LinuxProcessApi.SpawnRequest(program, argv, environment.Select(v => v.Key + "=" + v.Value).ToList(),
            request.HostWorkingDirectory, (int)request.StdIn, (int)request.StdOut, (int)request.StdErr, InheritStandard: !request.UseStdHandles);
        var pid = LinuxProcessApi.Spawn(spawn);
        if (pid < 0)
        {
            error = -pid switch
            {
                2 => Win32Error.ERROR_FILE_NOT_FOUND,
                13 => Win32Error.ERROR_ACCESS_DENIED,
                8 => Win32Error.ERROR_BAD_EXE_FORMAT, // ENOEXEC
                20 => Win32Error.ERROR_DIRECTORY,
                12 => Win32Error.ERROR_NOT_ENOUGH_MEMORY,
                _ => Win32Error.ERROR_ACCESS_DENIED,
            };
            return null;
        }
        var process = ProcessObject.Started(pid, _ => KillTree(pid));
        opened(process);
        var waiter = new Thread(() => Reap(process), 128 * 1024) { IsBackground = true, Name = "apibridge wait " + pid };
        waiter.Start();
        return process;
    }

    /// <summary>
    /// The child's environment: the block the parent gave (or its own), without the bridge's private startup notes; for
    /// a guest child also the bridge's variables the block left out (APIBRIDGE_*, DOTNET_*, HOME, XDG_CACHE_HOME, PATH),
    /// so the child uses the same prefix, cache and dotnet host.
    /// </summary>
    internal static List<KeyValuePair<string, string>> ChildEnvironment(LaunchRequest request, bool keepDriveFolders)
    {
        var environment = new List<KeyValuePair<string, string>>(request.Environment.Count + 8);
        foreach (var variable in request.Environment)
        {
            if (variable.Key.Length == 0 || (variable.Key[0] == '=' && !keepDriveFolders) || IsPrivate(variable.Key))
                continue;
            environment.Add(variable);
        }
        if (request.Program.Kind != ProgramKind.Guest)
            return environment;
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if ((name.StartsWith("APIBRIDGE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal)
                    || CarriedVariables.Contains(name)) && !IsPrivate(name) && !environment.Exists(v => string.Equals(v.Key, name, NameComparison)))
                environment.Add(new(name, (string?)entry.Value ?? string.Empty));
        }
        return environment;
    }

    // Windows' variable names ignore case, Linux's do not.
    private static readonly StringComparison NameComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static bool IsPrivate(string name) =>
        name is GuestStartup.CommandLineVariable or GuestStartup.StartupInfoVariable or GuestStartup.PidFromParentVariable;

    private static void Set(List<KeyValuePair<string, string>> environment, string name, string value)
    {
        environment.RemoveAll(v => v.Key == name);
        environment.Add(new(name, value));
    }

    /// <summary>Waits for the child on its own thread and records its exit code (a signal N gives 128 + N, as a shell says).</summary>
    private static void Reap(ProcessObject process)
    {
        var status = LinuxProcessApi.WaitForExit(process.Pid);
        uint code;
        if (status < 0)
            code = 0; // reaped by someone else (a runtime that reaps every child): the code is lost
        else if ((status & 0x7F) == 0)
            code = (uint)((status >> 8) & 0xFF);
        else
            code = 128u + (uint)(status & 0x7F);
        process.SetExited(code);
    }

    /// <summary>
    /// Ends a child and everything it started (a guest child runs as <c>apibridge run</c> plus the guest itself): the
    /// tree is read from /proc first, then each process gets SIGKILL.
    /// </summary>
    private static void KillTree(int pid)
    {
        var descendants = LinuxProcessApi.Descendants(pid);
        LinuxProcessApi.Kill(pid, LinuxProcessApi.SIGKILL);
        foreach (var child in descendants)
            LinuxProcessApi.Kill(child, LinuxProcessApi.SIGKILL);
    }
}
