using System.Runtime.InteropServices;

Console.WriteLine("before fork");
Console.WriteLine($"echo: {Run(args.Length > 0 ? args[0] : "/bin/echo", "hello from echo")}");
Console.WriteLine($"missing program: {Run("/no/such/program", "unheard")}");
return 0;

// fork, exec in the child (exit 127 if exec fails), waitpid in the parent: what the child's exit status was.
static string Run(string program, string message)
{
    int pid = Libc.fork();
    if (pid < 0)
        return $"fork failed, errno {Marshal.GetLastPInvokeError()}";
    if (pid == 0)
    {
        Libc.execv(program, new[] { Marshal.StringToHGlobalAnsi(program), Marshal.StringToHGlobalAnsi(message), IntPtr.Zero });
        Libc._exit(127);
    }
    if (Libc.waitpid(pid, out var status, 0) != pid)
        return $"waitpid failed, errno {Marshal.GetLastPInvokeError()}";
    return (status & 0x7f) == 0 ? $"exited with {(status >> 8) & 0xff}" : $"killed by signal {status & 0x7f}";
}

internal static class Libc
{
    [DllImport("libc", SetLastError = true)]
    public static extern int fork();

    [DllImport("libc", SetLastError = true)]
    public static extern int execv(string path, IntPtr[] argv);

    [DllImport("libc")]
    public static extern void _exit(int status);

    [DllImport("libc", SetLastError = true)]
    public static extern int waitpid(int pid, out int status, int options);
}
