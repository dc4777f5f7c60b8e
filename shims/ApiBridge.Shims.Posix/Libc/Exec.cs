using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// execve, execv, execvp, fexecve, fork. A .NET process cannot have its image replaced and go on as the new program on either host
/// (the runtime owns the process), so exec is done as Cygwin does it on Windows: the program starts as a child with
/// the guest's argv and environment and the same standard streams, the guest waits for it, and the guest's process
/// ends with its exit status, so whoever waits for the guest sees the program's. What exec checks first fails as
/// exec fails (ENOENT, EACCES for a folder, EFAULT) and returns to the caller. fork is refused with ENOSYS on both
/// hosts: the child would hold one thread of the runtime's many (no GC, no finalizer) and cannot run managed code.
/// A fork followed at once by exec is another matter: the rewriter turns it into a spawn (<see cref="ForkExec"/>),
/// so only a fork whose child branch does more than set up an exec reaches <see cref="fork"/>.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class Exec
{
    /// <summary>int execve(const char *pathname, char *const argv[], char *const envp[]) — returns only on failure.</summary>
    [ShimExport("execve")]
    public static int execve(byte* pathname, byte** argv, byte** envp)
    {
        if (pathname == null)
            return Fail(Errno.EFAULT);
        var error = Resolve(pathname, out var path);
        if (error != 0)
            return Fail(error);
        var kind = HostFiles.KindOf(path, follow: true);
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(path.Host));
        if (kind == EntryKind.Directory || path.TrailingSlash)
            return Fail(kind == EntryKind.Directory ? Errno.EACCES : Errno.ENOTDIR);
        return Replace(path.Host, argv, envp);
    }

    /// <summary>int fexecve(int fd, char *const argv[], char *const envp[]) — the file the descriptor is open on; EBADF, or EINVAL for a stream.</summary>
    [ShimExport("fexecve")]
    public static int fexecve(int fd, byte** argv, byte** envp)
    {
        var description = PosixServices.Descriptors.Get(fd);
        if (description is null)
            return Fail(Errno.EBADF);
        if (description.Kind == DescriptionKind.Stream)
            return Fail(Errno.EINVAL);
        if (description.Kind == DescriptionKind.Directory)
            return Fail(Errno.EACCES);
        return Replace(description.HostPath, argv, envp);
    }

    /// <summary>int execv(const char *pathname, char *const argv[]) — execve with the process's environment.</summary>
    [ShimExport("execv")]
    public static int execv(byte* pathname, byte** argv) => execve(pathname, argv, null);

    /// <summary>
    /// int execvp(const char *file, char *const argv[]) — a name without '/' is looked up on PATH (ENOENT when no
    /// folder has it); otherwise execv.
    /// </summary>
    [ShimExport("execvp")]
    public static int execvp(byte* file, byte** argv)
    {
        if (file == null)
            return Fail(Errno.EFAULT);
        var name = NativeStrings.Read(file)!;
        if (name.Length == 0)
            return Fail(Errno.ENOENT);
        if (name.Contains('/'))
            return execve(file, argv, null);
        var host = Process.SearchPath(name);
        return host is null ? Fail(Errno.ENOENT) : Replace(host, argv, null);
    }

    /// <summary>pid_t fork(void) — ENOSYS (see the class); a fork+exec the rewriter recognised never gets here.</summary>
    [ShimExport("fork", Refuses = ".NET cannot run in a forked child: ENOSYS (a fork followed at once by exec becomes a spawn)")]
    public static int fork() => Fail(Errno.ENOSYS);

    /// <summary>pid_t vfork(void) — ENOSYS as fork: the child would share the runtime's memory and could not run .NET code either.</summary>
    [ShimExport("vfork", Refuses = ".NET cannot run in a forked child: ENOSYS (a vfork followed at once by exec becomes a spawn)")]
    public static int vfork() => Fail(Errno.ENOSYS);

    /// <summary>
    /// int clone(int (*fn)(void *), void *stack, int flags, void *arg, …) — ENOSYS as fork: a thread or process made
    /// behind the runtime's back cannot run managed code (a guest makes threads with System.Threading).
    /// </summary>
    [ShimExport("clone", Refuses = ".NET cannot run in a cloned child: ENOSYS")]
    public static int clone(void* fn, void* stack, int flags, void* arg) => Fail(Errno.ENOSYS);

    /// <summary>int daemon(int nochdir, int noclose) — forks first, so it fails as fork does (ENOSYS), with nothing changed.</summary>
    [ShimExport("daemon", Refuses = "daemon forks, which .NET cannot survive: ENOSYS")]
    public static int daemon(int nochdir, int noclose) => Fail(Errno.ENOSYS);

    private static int Replace(string host, byte** argv, byte** envp)
    {
        // The child branch of a fork+exec the rewriter recognised: the program becomes the guest's child instead.
        if (ForkExec.TrySpawnInstead(host, argv, envp, out var spawnError))
            return spawnError == 0 ? 0 : Fail(spawnError);
        var status = Run(host, argv, envp, out var error);
        if (error != 0)
            return Fail(error);
        Process.End(status);
        return 0; // not reached: the process has ended
    }

    /// <summary>
    /// What the guest's process becomes: starts the program, waits for it, and returns its exit status (128 + the
    /// signal for one a signal ended), or sets <paramref name="error"/> to the errno exec gives when it cannot start.
    /// </summary>
    public static int Run(string host, byte** argv, byte** envp, out int error)
    {
        error = Process.Start(host, argv, envp, out var started);
        if (error != 0)
            return 0;
        started!.WaitForExit();
        PosixServices.Children.Remove(started.Id); // the program is no child of the guest's: it is the guest now
        var code = started.ExitCode;
        started.Dispose();
        return code;
    }
}
