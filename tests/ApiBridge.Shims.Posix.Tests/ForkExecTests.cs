using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using E = ApiBridge.Shims.Posix.Errno;
using Proc = ApiBridge.Shims.Posix.Libc.Process;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// ForkExec, what a fork+exec the rewriter recognised calls: fork_for_exec, then the guest's exec (which spawns instead
/// of replacing the process), then exec_spawned for the parent's pid — as the rewritten guest makes the calls.
/// </summary>
public sealed unsafe class ForkExecTests : PosixTest
{
    private const int ForkExecRuleDefault = 127; // what the rewriter passes when the child branch's own status is not a constant

    /// <summary>The rewritten sequence with execv (execvp when <paramref name="search"/>): the exec's result and the parent's pid.</summary>
    private static (int Exec, int Pid) ForkExecv(string path, string[] argv, int failedExitStatus = 127, bool search = false)
    {
        Assert.Equal(0, ForkExec.fork_for_exec());
        var exec = WithArgv(argv, a =>
        {
            fixed (byte* p = Z(path))
                return search ? Exec.execvp(p, (byte**)a) : Exec.execv(p, (byte**)a);
        });
        return (exec, ForkExec.exec_spawned(failedExitStatus));
    }

    private static int WithArgv(string[] argv, Func<nint, int> call)
    {
        var strings = argv.Select(Marshal.StringToCoTaskMemUTF8).ToList();
        var array = new nint[argv.Length + 1];
        strings.CopyTo(array);
        try
        {
            fixed (nint* a = array)
                return call((nint)a);
        }
        finally
        {
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private static int Wait(int pid)
    {
        int status;
        Assert.Equal(pid, Proc.waitpid(pid, &status, 0));
        return status;
    }

    [Fact]
    public void The_exec_starts_a_child_and_returns_and_waitpid_gets_its_status()
    {
        var (exec, pid) = ForkExecv("/bin/sh", ["sh", "-c", "exit 4"]);
        Assert.Equal(0, exec);
        Assert.True(pid > 0 && pid < ChildProcessTable.FirstStandInPid, $"pid {pid}");
        Assert.Equal(4 << 8, Wait(pid));
        int status;
        Assert.Equal(-1, Proc.waitpid(pid, &status, 0));
        Assert.Equal(E.ECHILD, Errno);
    }

    [Fact]
    public void The_program_gets_the_guests_argv_after_argv0()
    {
        var script = "test \"$0\" = zero && test \"$1\" = 'one two'";
        Assert.Equal(0, Wait(ForkExecv("/bin/sh", ["sh", "-c", script, "zero", "one two"]).Pid));
        Assert.Equal(1 << 8, Wait(ForkExecv("/bin/sh", ["sh", "-c", script, "zero", "three"]).Pid));
    }

    [Fact]
    public void Execvp_looks_the_name_up_on_PATH_and_wait4_reaps_the_child()
    {
        var (exec, pid) = ForkExecv("sh", ["sh", "-c", "exit 9"], search: true);
        Assert.Equal(0, exec);
        int status;
        var usage = new Rusage { ru_maxrss = 5 };
        Assert.Equal(pid, ResourceUsage.wait4(pid, &status, 0, &usage));
        Assert.Equal(9 << 8, status);
    }

    [Fact]
    public void Execve_gives_the_child_exactly_its_environment()
    {
        Assert.Equal(0, ForkExec.fork_for_exec());
        var envp = new[] { Marshal.StringToCoTaskMemUTF8("MARK=set"), 0 };
        try
        {
            fixed (nint* e = envp)
            {
                var environment = (nint)e;
                var exec = WithArgv(["sh", "-c", "test \"$MARK\" = set && test -z \"$HOME\""], a =>
                {
                    fixed (byte* p = Z("/bin/sh"))
                        return Exec.execve(p, (byte**)a, (byte**)environment);
                });
                Assert.Equal(0, exec);
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(envp[0]);
        }
        Assert.Equal(0, Wait(ForkExec.exec_spawned(127)));
    }

    [Fact]
    public void A_failed_exec_fails_as_exec_does_and_leaves_a_child_that_exited_with_the_branchs_status()
    {
        LastError.Set(E.EINTR); // the parent's errno before the fork
        var (exec, pid) = ForkExecv("/no/such/program", ["program"], failedExitStatus: 126);
        Assert.Equal(-1, exec);
        Assert.True(pid >= ChildProcessTable.FirstStandInPid, $"pid {pid}");
        Assert.Equal(E.EINTR, Errno); // fork's success leaves errno alone; exec's ENOENT was the child's
        Assert.Equal(0, Proc.kill(pid, 0)); // a zombie still takes signals
        Assert.Equal(0, Proc.kill(pid, Proc.SIGTERM));
        int status;
        Assert.Equal(pid, Proc.waitpid(-1, &status, Proc.WNOHANG)); // already exited
        Assert.Equal(126 << 8, status);
        Assert.Equal(-1, Proc.waitpid(pid, &status, 0));
        Assert.Equal(E.ECHILD, Errno);
    }

    [Fact]
    public void Exec_of_a_folder_is_EACCES_for_the_child_and_127_by_default_for_the_parent()
    {
        Assert.Equal(0, ForkExec.fork_for_exec());
        var exec = WithArgv(["folder"], a =>
        {
            fixed (byte* p = Z(Scratch))
                return Exec.execv(p, (byte**)a);
        });
        Assert.Equal(-1, exec);
        Assert.Equal(E.EACCES, Errno);
        Assert.Equal(127 << 8, Wait(ForkExec.exec_spawned(ForkExecRuleDefault)));
    }

    [Fact]
    public void Stand_in_pids_are_odd_above_Linuxs_pid_limit_and_never_repeat()
    {
        var first = ForkExecv("/no/such/program", ["a"]).Pid;
        var second = ForkExecv("/no/such/program", ["b"]).Pid;
        Assert.True(first > 1 << 22 && first % 2 == 1, $"pid {first}");
        Assert.NotEqual(first, second);
        Wait(first);
        Wait(second);
    }
}
