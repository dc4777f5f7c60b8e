using System.Runtime.InteropServices;

namespace ForkExecGuest;

/// <summary>libc as a C# guest declares it for fork and exec.</summary>
public static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int fork();

    [DllImport("libc", SetLastError = true)]
    public static extern int vfork();

    [DllImport("libc", SetLastError = true)]
    public static extern int execv(string path, IntPtr[] argv);

    [DllImport("libc", SetLastError = true)]
    public static extern int execvp(string file, IntPtr[] argv);

    [DllImport("libc", SetLastError = true)]
    public static extern int execve(string path, IntPtr[] argv, IntPtr[] envp);

    /// <summary>A declaration the binder cannot adapt (an array of strings): it stays native, so no spawn goes through it.</summary>
    [DllImport("libc", EntryPoint = "execv", SetLastError = true)]
    public static extern int execvStrings(string path, string[] argv);

    [DllImport("libc")]
    public static extern void _exit(int status);

    [DllImport("libc", SetLastError = true)]
    public static extern int waitpid(int pid, out int status, int options);
}
