using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ApiBridge.RewriteBench;

/// <summary>
/// One whole-process start, measured as issue 17 asks: wall time from start to exit, and the process's peak resident
/// memory (<c>ru_maxrss</c> from <c>wait4</c>; it spans an <c>exec</c>, so a launcher that becomes the guest is counted
/// with it). Output goes to /dev/null.
/// </summary>
/// <remarks>
/// <see cref="Process"/> cannot give an exited child's peak, and a child started with <c>vfork</c> (which
/// <c>posix_spawn</c> and .NET use) shares this process's memory until its <c>exec</c>, where the kernel records the
/// shared memory's peak — this bench's 40 MiB — as the child's own. So the child is made with a real <c>fork</c>, and
/// between fork and exec it runs only libc calls that skip the runtime's GC transition, with everything prepared
/// before the fork.
/// </remarks>
public static unsafe class MeasuredProcess
{
    public readonly record struct Sample(TimeSpan Elapsed, int ExitCode, double PeakMiB);

    private const int OpenWriteOnlyCloseOnExec = 1 | 0x80000; // O_WRONLY | O_CLOEXEC
    private const int Interrupted = 4; // EINTR
    private const int MaxRssOffset = 32; // struct rusage: two struct timeval, then long ru_maxrss (KiB)

    public static Sample Run(string program, IReadOnlyList<string> arguments)
    {
        if (!OperatingSystem.IsLinux())
        {
            var (elapsed, exitCode, _) = ChildProcess.Run(program, arguments);
            return new Sample(elapsed, exitCode, double.NaN);
        }
        var path = Resolve(program);
        var strings = new List<IntPtr>();
        IntPtr Native(string text)
        {
            var pointer = Marshal.StringToCoTaskMemUTF8(text);
            strings.Add(pointer);
            return pointer;
        }
        var argv = new IntPtr[arguments.Count + 2];
        argv[0] = Native(path);
        for (var i = 0; i < arguments.Count; i++)
            argv[i + 1] = Native(arguments[i]);
        var file = Native(path);
        var devNull = open(Native("/dev/null"), OpenWriteOnlyCloseOnExec);
        var usage = stackalloc byte[256]; // struct rusage is 144 bytes
        try
        {
            if (devNull < 0)
                throw new InvalidOperationException("cannot open /dev/null");
            var environment = Environ();
            var stopwatch = Stopwatch.StartNew();
            int pid;
            fixed (IntPtr* arguments0 = argv)
            {
                pid = fork();
                if (pid == 0)
                {
                    dup2(devNull, 1);
                    dup2(devNull, 2);
                    execve(file, arguments0, environment);
                    _exit(127);
                }
            }
            if (pid < 0)
                throw new InvalidOperationException($"fork failed for {program}");
            int status;
            while (wait4(pid, &status, 0, usage) < 0)
                if (Marshal.GetLastPInvokeError() != Interrupted)
                    throw new InvalidOperationException($"wait4 failed: errno {Marshal.GetLastPInvokeError()}");
            stopwatch.Stop();
            var exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
            return new Sample(stopwatch.Elapsed, exitCode, *(long*)(usage + MaxRssOffset) / 1024.0);
        }
        finally
        {
            if (devNull >= 0)
                close(devNull);
            foreach (var pointer in strings)
                Marshal.FreeCoTaskMem(pointer);
        }
    }

    // execve takes a path: a bare name is looked up on PATH here, before the fork.
    private static string Resolve(string program)
    {
        if (program.Contains('/'))
            return Path.GetFullPath(program);
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"{program} is not on PATH");
    }

    // The process's own environment block, as the child inherits it through fork and exec.
    private static IntPtr* Environ() =>
        *(IntPtr**)NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "environ");

    [DllImport("libc")] private static extern int open(IntPtr path, int flags);
    [DllImport("libc")] private static extern int close(int descriptor);
    [DllImport("libc", SetLastError = true)] private static extern int wait4(int pid, int* status, int options, byte* usage);

    // The child's side: no GC transition, so nothing in the child waits for the runtime's other (absent) threads.
    [DllImport("libc"), SuppressGCTransition] private static extern int fork();
    [DllImport("libc"), SuppressGCTransition] private static extern int dup2(int descriptor, int copy);
    [DllImport("libc"), SuppressGCTransition] private static extern int execve(IntPtr path, IntPtr* argv, IntPtr* envp);
    [DllImport("libc"), SuppressGCTransition] private static extern void _exit(int code);
}
