using System.Runtime.InteropServices;
using static ForkExecGuest.Native;

namespace ForkExecGuest;

/// <summary>Forks the rule must leave alone (they stay ENOSYS): each returns fork's result and errno as (pid, errno).</summary>
public static class BareForks
{
    /// <summary>No exec at all.</summary>
    public static (int, int) Bare()
    {
        var pid = fork();
        return (pid, Marshal.GetLastPInvokeError());
    }

    /// <summary>The child writes before it execs: the parent would see that output.</summary>
    public static (int, int) WritesFirst(string path)
    {
        int pid = fork();
        if (pid == 0)
        {
            Console.WriteLine("child speaking");
            execv(path, new[] { Marshal.StringToHGlobalAnsi(path), IntPtr.Zero });
            _exit(127);
        }
        return (pid, Marshal.GetLastPInvokeError());
    }

    /// <summary>Both processes would exec (fork's result is ignored).</summary>
    public static (int, int) BothExec(string path)
    {
        var pid = fork();
        if (pid < 0)
            return (pid, Marshal.GetLastPInvokeError());
        execv(path, new[] { Marshal.StringToHGlobalAnsi(path), IntPtr.Zero });
        return (pid, 0);
    }

    /// <summary>The exec goes through a declaration the binder leaves native.</summary>
    public static (int, int) UnboundExec(string path)
    {
        int pid = fork();
        if (pid == 0)
        {
            execvStrings(path, new[] { path, null! });
            _exit(127);
        }
        return (pid, Marshal.GetLastPInvokeError());
    }

    /// <summary>The child fills an array the parent made: the parent would see it filled.</summary>
    public static (int, int) FillsTheParentsArray(string path)
    {
        var argv = new IntPtr[2];
        int pid = fork();
        if (pid == 0)
        {
            argv[0] = Marshal.StringToHGlobalAnsi(path);
            execv(path, argv);
            _exit(127);
        }
        return (pid, Marshal.GetLastPInvokeError());
    }
}
