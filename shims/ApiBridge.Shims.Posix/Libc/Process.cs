using System.ComponentModel;
using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.Tracing;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using HostProcess = System.Diagnostics.Process;
using HostStartInfo = System.Diagnostics.ProcessStartInfo;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// Process identity, signals, posix_spawn/waitpid and exit. Children are started with .NET's
/// <see cref="HostProcess"/> on every host and kept in <see cref="ChildProcessTable"/> for waitpid.
/// </summary>
/// <remarks>
/// posix_spawn honours file actions (<see cref="SpawnFileActionList"/>: open, close, dup2, chdir, fchdir, closefrom)
/// by running them on a copy of the guest's descriptor table (<see cref="ChildDescriptors"/>); their first failure is
/// posix_spawn's error, as glibc reports it, and no child starts. The child then gets descriptors 0–2 as the actions
/// left them (<see cref="ChildStandardStreams"/>: inherited when still the bridge's own stream, else through a pipe and
/// a pump to the guest's description); no other descriptor reaches it, since the guest's are not host descriptors.
/// A chdir action becomes the child's working directory. Attributes: <see cref="SpawnAttributeRules"/> says which are
/// honoured, accepted or refused with ENOSYS on each host. argv[0] is not passed to the host (Windows has no separate
/// argv[0]). On a Windows host,
/// kill supports signal 0 and the terminating signals (SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGKILL, SIGTERM: the
/// process is ended, and waitpid reports the signal), ignores SIGCHLD/SIGCONT/SIGURG/SIGWINCH, and gives ENOSYS for
/// others; a signal to the process itself is delivered as its disposition says (<see cref="SignalDelivery"/>: the
/// guest's handler, nothing, or the default action — the end of the process for all but the ignored and the stop
/// signals). On a Linux host every signal goes to the host's kill.
/// </remarks>
[ShimLibrary("libc", "process")]
public static unsafe class Process
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int WNOHANG = 1;
    public const int WUNTRACED = 2;

    /// <summary>pid_t getpid(void)</summary>
    [ShimExport("getpid")]
    public static int getpid() => Bridge.Environment.ProcessId;

    /// <summary>
    /// pid_t getppid(void) — never fails: when the host knows no parent (a Windows process started from outside
    /// Windows, as under Wine, or one whose parent is gone) the answer is 1, what Linux reports for an orphan.
    /// </summary>
    [ShimExport("getppid")]
    public static int getppid()
    {
        var parent = HostNative.ParentProcessId();
        return parent > 0 ? parent : 1;
    }

    /// <summary>int kill(pid_t pid, int sig)</summary>
    [ShimExport("kill")]
    public static int kill(int pid, int sig)
    {
        if (sig < 0 || sig > 64)
            return Fail(Errno.EINVAL);
        var child = PosixServices.Children.Find(pid);
        if (child is { IsStandIn: true })
            return 0; // a fork+exec whose exec failed: a zombie, which still takes signals
        if (!OperatingSystem.IsWindows())
        {
            var result = HostNative.kill(pid, sig);
            if (result != 0)
                return Fail(Marshal.GetLastPInvokeError());
            if (child is not null && IsTerminating(sig))
                child.TerminatedBySignal = sig;
            return 0;
        }
        if (pid <= 0)
            return Fail(Errno.EPERM); // process groups have no Windows counterpart
        HostProcess target;
        try
        {
            target = child?.Process ?? HostProcess.GetProcessById(pid);
            if (target.HasExited)
                return child is not null ? 0 : Fail(Errno.ESRCH); // a zombie still takes signals
        }
        catch (ArgumentException)
        {
            return Fail(Errno.ESRCH);
        }
        catch (InvalidOperationException)
        {
            return Fail(Errno.ESRCH);
        }
        if (sig == 0)
            return 0;
        if (pid == Bridge.Environment.ProcessId)
        {
            // Held while the calling thread blocks it; else the guest's handler runs here before kill returns, as
            // Linux delivers a signal a thread sends its own process to that thread when it can.
            var error = SignalActions.Delivery.Send(sig, SignalOrigin.Self(SignalOrigin.SI_USER));
            return error == 0 ? 0 : Fail(error);
        }
        if (SignalDispositions.IgnoredByDefault(sig))
            return 0;
        if (!IsTerminating(sig))
            return Fail(Errno.ENOSYS);
        try
        {
            if (child is not null)
                child.TerminatedBySignal = sig;
            target.Kill(entireProcessTree: false);
            return 0;
        }
        catch (Win32Exception)
        {
            return Fail(Errno.EPERM);
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    private static bool IsTerminating(int sig) => sig is 1 or 2 or 3 or 6 or SIGKILL or SIGTERM;

    /// <summary>
    /// int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *file_actions,
    /// const posix_spawnattr_t *attrp, char *const argv[], char *const envp[]) — returns an error number, errno untouched.
    /// </summary>
    [ShimExport("posix_spawn")]
    public static int posix_spawn(int* pid, byte* path, SpawnFileActions* file_actions, SpawnAttributes* attrp, byte** argv, byte** envp) =>
        Spawn(pid, path, file_actions, attrp, argv, envp, searchPath: false);

    /// <summary>int posix_spawnp(…) — like posix_spawn, a name without '/' is looked up on PATH.</summary>
    [ShimExport("posix_spawnp")]
    public static int posix_spawnp(int* pid, byte* file, SpawnFileActions* file_actions, SpawnAttributes* attrp, byte** argv, byte** envp) =>
        Spawn(pid, file, file_actions, attrp, argv, envp, searchPath: true);

    /// <summary>
    /// glibc's order: the attributes, then the file actions (their first failure is posix_spawn's answer, and no
    /// child is left behind), then the program is looked up — relative to the child's working directory — and started.
    /// </summary>
    private static int Spawn(int* pid, byte* path, SpawnFileActions* fileActions, SpawnAttributes* attributes, byte** argv, byte** envp, bool searchPath)
    {
        if (path == null)
            return Errno.EFAULT;
        var refused = SpawnAttributeRules.Check(attributes);
        if (refused != 0)
            return refused;
        using var child = new ChildDescriptors(PosixServices.Descriptors, PosixServices.View.CurrentDirectory);
        var error = child.Apply(fileActions);
        if (error != 0)
            return error;
        var baseDirectory = child.WorkingDirectoryChanged ? child.WorkingDirectory : null;
        var name = NativeStrings.Read(path)!;
        string? host;
        if (searchPath && !name.Contains('/'))
            host = SearchPath(name, baseDirectory);
        else
        {
            error = PosixServices.View.Resolve(name, out var resolved, baseDirectory);
            if (error != 0)
                return error;
            var kind = HostFiles.KindOf(resolved, follow: true);
            if (kind == EntryKind.Missing)
                return HostFiles.MissingError(resolved.Host);
            if (kind == EntryKind.Directory)
                return Errno.EACCES;
            host = resolved.Host;
        }
        if (host is null)
            return Errno.ENOENT;
        string? workingDirectory = null;
        if (baseDirectory is not null)
        {
            error = PosixServices.View.Resolve(baseDirectory, out var folder);
            if (error != 0)
                return error;
            workingDirectory = folder.Host;
        }
        var started = Start(host, argv, envp, out var process, new ChildStandardStreams(child), workingDirectory);
        if (started == 0 && pid != null)
            *pid = process!.Id;
        return started;
    }

    /// <summary>
    /// Starts a host program with the guest's argv (argv[0] dropped) and environment (NULL: the bridge's), as a child
    /// waitpid can wait for; 0 or the errno exec would give. Without <paramref name="streams"/> the child shares the
    /// host process's own standard streams; with them, descriptors 0–2 are what the guest's file actions made
    /// (a redirected one is carried by a <see cref="StandardStreamPump"/>).
    /// </summary>
    internal static int Start(string host, byte** argv, byte** envp, out HostProcess? process,
        ChildStandardStreams? streams = null, string? workingDirectory = null)
    {
        process = null;
        var start = new HostStartInfo(host) { UseShellExecute = false };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        streams?.Prepare(start);
        var arguments = NativeStrings.ReadArray(argv);
        if (arguments is not null)
        {
            for (var i = 1; i < arguments.Count; i++)
                start.ArgumentList.Add(arguments[i]);
        }
        var environment = NativeStrings.ReadArray(envp);
        if (environment is not null)
        {
            start.Environment.Clear();
            foreach (var entry in environment)
            {
                var equals = entry.IndexOf('=');
                if (equals > 0)
                    start.Environment[entry[..equals]] = entry[(equals + 1)..];
            }
        }
        try
        {
            Console.Out.Flush();
            ChildUsage.BeforeStart();
            process = HostProcess.Start(start);
            if (process is null)
            {
                streams?.Dispose();
                return Errno.ENOEXEC;
            }
            var child = PosixServices.Children.Add(process);
            ChildUsage.Watch(child);
            if (streams is not null)
                child.OutputPumps = streams.Connect(process);
            return 0;
        }
        catch (Win32Exception e)
        {
            streams?.Dispose();
            return e.NativeErrorCode switch
            {
                2 or 3 => Errno.ENOENT,
                5 => Errno.EACCES,
                193 or 216 => Errno.ENOEXEC,
                13 => Errno.EACCES, // Linux EACCES from exec
                8 => Errno.ENOEXEC,
                _ => e.NativeErrorCode is > 0 and < 200 && !OperatingSystem.IsWindows() ? e.NativeErrorCode : Errno.EACCES,
            };
        }
    }

    /// <summary>A bare program name on PATH: guest-path folders on POSIX hosts; host folders (PATH is Windows' own) with .exe on Windows.</summary>
    internal static string? SearchPath(string name, string? baseDirectory = null)
    {
        var variable = Bridge.Environment.GetVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        if (OperatingSystem.IsWindows())
        {
            foreach (var folder in variable.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var candidate in new[] { name, name + ".exe" })
                {
                    var full = Path.Combine(folder, PosixPathView.EncodeName(candidate));
                    if (File.Exists(full))
                        return full;
                }
            }
            return null;
        }
        foreach (var folder in variable.Split(':'))
        {
            var guest = (folder.Length == 0 ? "." : folder) + "/" + name;
            if (PosixServices.View.Resolve(guest, out var resolved, baseDirectory) == 0 && HostFiles.KindOf(resolved, follow: true) == EntryKind.File)
                return resolved.Host;
        }
        return null;
    }

    /// <summary>
    /// pid_t waitpid(pid_t pid, int *wstatus, int options) — children from posix_spawn; pid -1 (or 0, &lt; -1: no
    /// process groups) any of them. Status: exit code n as (n &amp; 0xff) &lt;&lt; 8, a signal s from kill as s.
    /// WNOHANG: 0 while they run. ECHILD when there is no such child (or it was already waited for).
    /// </summary>
    [ShimExport("waitpid")]
    public static int waitpid(int pid, int* wstatus, int options) => Wait(pid, wstatus, options, null);

    /// <summary>waitpid, and (wait4) the reaped child's resource usage into <paramref name="usage"/> when one was reaped.</summary>
    internal static int Wait(int pid, int* wstatus, int options, Rusage* usage)
    {
        if ((options & ~(WNOHANG | WUNTRACED | 8 /* WCONTINUED */)) != 0)
            return Fail(Errno.EINVAL);
        var table = PosixServices.Children;
        while (true)
        {
            ChildProcessTable.Child? exited = null;
            var exitedPid = 0;
            if (pid > 0)
            {
                var child = table.Find(pid);
                if (child is null)
                    return Fail(Errno.ECHILD);
                if ((options & WNOHANG) == 0)
                    child.WaitForExit();
                if (child.HasExited)
                {
                    exited = child;
                    exitedPid = pid;
                }
            }
            else
            {
                var all = table.All();
                if (all.Count == 0)
                    return Fail(Errno.ECHILD);
                foreach (var (id, child) in all)
                {
                    if (child.HasExited)
                    {
                        exited = child;
                        exitedPid = id;
                        break;
                    }
                }
            }
            if (exited is not null)
            {
                exited.WaitForExit();
                exited.FinishOutput();
                if (wstatus != null)
                    *wstatus = exited.TerminatedBySignal != 0 ? exited.TerminatedBySignal & 0x7F : (exited.ExitCode & 0xFF) << 8;
                var used = ChildUsage.Collect(exited);
                table.AddWaited(used);
                if (usage != null)
                    *usage = used;
                table.Remove(exitedPid);
                exited.Release();
                return exitedPid;
            }
            if ((options & WNOHANG) != 0)
                return 0;
            Thread.Sleep(5);
        }
    }

    /// <summary>pid_t wait(int *wstatus) — waitpid(-1, wstatus, 0).</summary>
    [ShimExport("wait")]
    public static int wait(int* wstatus) => waitpid(-1, wstatus, 0);

    /// <summary>int sched_yield(void) — gives the processor to another ready thread; never fails.</summary>
    [ShimExport("sched_yield")]
    public static int sched_yield()
    {
        Thread.Yield();
        return 0;
    }

    /// <summary>void exit(int status) — flushes the guest's output and tracing, ends the process with status &amp; 0xff.</summary>
    [ShimExport("exit")]
    public static void exit(int status) => End(status);

    /// <summary>void _exit(int status)</summary>
    [ShimExport("_exit")]
    [ShimExport("_Exit")]
    public static void _exit(int status) => End(status);

    internal static void End(int status)
    {
        try
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }
        catch (IOException)
        {
        }
        Relay.Flush();
        Bridge.Environment.Exit(status & 0xFF);
    }
}
