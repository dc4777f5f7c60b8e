using System.Runtime.InteropServices;
using static ForkExecGuest.Native;

namespace ForkExecGuest;

/// <summary>
/// Forks whose child only sets up an exec and calls it: each returns what waitpid reports of the child (its status
/// word), -1 when fork fails, -2 when waitpid fails.
/// </summary>
public static class Spawns
{
    /// <summary>The plainest shape: <c>if (pid == 0) { execv; _exit(127); }</c>.</summary>
    public static int Execv(string path, string argument1, string argument2)
    {
        int pid = fork();
        if (pid == 0)
        {
            execv(path, new[] { Marshal.StringToHGlobalAnsi(path), Marshal.StringToHGlobalAnsi(argument1), Marshal.StringToHGlobalAnsi(argument2), IntPtr.Zero });
            _exit(127);
        }
        return waitpid(pid, out var status, 0) == pid ? status : -2;
    }

    /// <summary>vfork, a failure check first, argv in a local with a concatenated string, execvp and _exit(126).</summary>
    public static int Execvp(string file, string script)
    {
        var pid = vfork();
        if (pid < 0)
            return -1;
        if (pid == 0)
        {
            var argv = new IntPtr[] { Marshal.StringToHGlobalAnsi(file), Marshal.StringToHGlobalAnsi("-c"), Marshal.StringToHGlobalAnsi(script + " # from execvp"), IntPtr.Zero };
            execvp(file, argv);
            _exit(126);
        }
        return waitpid(pid, out var status, 0) == pid ? status : -2;
    }

    /// <summary>The parent first, the child in the else branch; execve with an environment of its own.</summary>
    public static int Execve(string path, string script, string greeting)
    {
        int pid = fork();
        if (pid != 0)
        {
            if (pid < 0)
                return -1;
            return waitpid(pid, out var status, 0) == pid ? status : -2;
        }
        else
        {
            execve(path, new[] { Marshal.StringToHGlobalAnsi(path), Marshal.StringToHGlobalAnsi("-c"), Marshal.StringToHGlobalAnsi(script), IntPtr.Zero },
                new[] { Marshal.StringToHGlobalAnsi("GREETING=" + greeting), IntPtr.Zero });
            _exit(127);
            return 0;
        }
    }

    /// <summary>The assignment inside the condition (a dup of fork's result).</summary>
    public static int AssignedInCondition(string path, string argument1, string argument2)
    {
        int pid;
        if ((pid = fork()) == 0)
        {
            execv(path, new[] { Marshal.StringToHGlobalAnsi(path), Marshal.StringToHGlobalAnsi(argument1), Marshal.StringToHGlobalAnsi(argument2), IntPtr.Zero });
            _exit(127);
        }
        return waitpid(pid, out var status, 0) == pid ? status : -2;
    }

    /// <summary>The child branch overwrites a local and an argument: the parent must still see its own values.</summary>
    public static int ChildStoresStayInTheChild(string path, string argument)
    {
        var message = "parent";
        int pid = fork();
        if (pid == 0)
        {
            message = "child";
            argument = message + " " + argument;
            execv(path, new[] { Marshal.StringToHGlobalAnsi(path), Marshal.StringToHGlobalAnsi(argument), IntPtr.Zero });
            _exit(127);
        }
        var status = waitpid(pid, out var word, 0) == pid ? word : -2;
        return message == "parent" && argument == "untouched" ? status : -3;
    }
}
