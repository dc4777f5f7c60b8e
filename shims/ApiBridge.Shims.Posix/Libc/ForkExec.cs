using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// The run-time half of the rewriter's fork+exec rule. A .NET process cannot fork (see <see cref="Exec"/>), but the
/// commonest reason to fork — start a program, then wait for it — needs no second copy of the guest: where the
/// rewriter finds a fork whose child branch only sets up exec's arguments and calls exec, the fork call becomes
/// <see cref="fork_for_exec"/>, which answers 0 so the guest's own child branch runs (in this process) up to exec,
/// and arms the thread: that exec starts the program as a child, as posix_spawn does (kept for waitpid/wait4),
/// instead of replacing the guest. Right after the exec call the rewritten code calls <see cref="exec_spawned"/>
/// and goes back to the fork call's result with the child's pid, so the guest's own checks lead it into its parent
/// branch.
/// </summary>
/// <remarks>
/// The exec goes through the guest's own exec declaration (its adapter marshals whatever argv type the guest
/// declared) and through exec's own checks, so it fails exactly as exec fails. When it fails, the forked child would
/// have returned from exec and, almost always, called <c>_exit(127)</c>: the parent saw a pid, and waitpid reported
/// that status. So a failed exec still gives a pid, a stand-in child that waitpid reports as exited with the status
/// the guest's child branch would have exited with (the rewriter reads it, 127 when it cannot). The guest's errno is
/// what it was at the fork, as fork's success leaves it. The arming is per thread and lasts until exec_spawned; only
/// if the child branch's set-up threw (out of memory) would it outlive the fork, and the thread's next fork_for_exec
/// replaces it.
/// </remarks>
[ForkExecSpawner]
public static unsafe class ForkExec
{
    [ThreadStatic]
    private static Armed? armed;

    private sealed class Armed(int errnoAtFork)
    {
        public int ErrnoAtFork { get; } = errnoAtFork;

        /// <summary>The started program's pid; 0 until exec started one.</summary>
        public int Pid { get; set; }
    }

    /// <summary>Stands in for the fork call of a recognised fork+exec: 0 (the child's answer), and the thread's next exec spawns.</summary>
    public static int fork_for_exec()
    {
        armed = new Armed(LastError.Value);
        return 0;
    }

    /// <summary>
    /// Called right after the child branch's exec returned: the pid the fork call site gives the parent branch — the
    /// started program's, or a stand-in child's that exited with <paramref name="failedExitStatus"/> when exec failed.
    /// </summary>
    public static int exec_spawned(int failedExitStatus)
    {
        var state = armed;
        armed = null;
        var pid = state?.Pid ?? 0;
        if (pid == 0)
            pid = PosixServices.Children.AddEnded(failedExitStatus);
        LastError.Set(state?.ErrnoAtFork ?? 0);
        return pid;
    }

    /// <summary>
    /// Exec's last step when a recognised fork armed the thread: start the program as a child (0, or the errno exec
    /// gives) instead of becoming it. False when the thread is not armed, and exec replaces the guest as usual.
    /// </summary>
    internal static bool TrySpawnInstead(string host, byte** argv, byte** envp, out int error)
    {
        error = 0;
        if (armed is not { Pid: 0 } state)
            return false;
        error = Process.Start(host, argv, envp, out var started);
        if (error == 0)
            state.Pid = started!.Id;
        return true;
    }
}
