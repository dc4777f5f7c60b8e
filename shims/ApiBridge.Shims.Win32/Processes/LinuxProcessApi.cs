using System.Runtime.InteropServices;
using System.Text;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// The glibc calls the process services need on a Linux host: posix_spawn with file actions (the child's 0/1/2 are
/// the bridge's own descriptors, dup2'd in the child, so EOF and exit ordering are the kernel's), waitpid, kill,
/// pipe2, and the FIONREAD/tee pair PeekNamedPipe uses. Results are 0/count or a negated errno.
/// </summary>
internal static unsafe class LinuxProcessApi
{
    private const string LibC = "libc.so.6";

    public const int SIGKILL = 9, ESRCH = 3, ECHILD = 10, EINTR = 4, EAGAIN = 11;
    private const int O_CLOEXEC = 0x80000, O_NONBLOCK = 0x800, O_RDONLY = 0, O_RDWR = 2;
    private const int F_DUPFD_CLOEXEC = 1030;
    private const int FIONREAD = 0x541B;
    private const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;
    private const uint SPLICE_F_NONBLOCK = 0x02;
    private const short POLLIN = 0x1, POLLHUP = 0x10;

    // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on x86-64/arm64; sigset_t 128.
    // Generous buffers keep this independent of the exact sizes.
    private const int FileActionsSize = 256, AttrSize = 1024, SigSetSize = 256;

    [DllImport(LibC, EntryPoint = "posix_spawn")]
    private static extern int SysPosixSpawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [DllImport(LibC, EntryPoint = "posix_spawn_file_actions_init")]
    private static extern int FileActionsInit(void* actions);

    [DllImport(LibC, EntryPoint = "posix_spawn_file_actions_destroy")]
    private static extern int FileActionsDestroy(void* actions);

    [DllImport(LibC, EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static extern int FileActionsAddDup2(void* actions, int fd, int newFd);

    [DllImport(LibC, EntryPoint = "posix_spawn_file_actions_addopen")]
    private static extern int FileActionsAddOpen(void* actions, int fd, byte* path, int flags, int mode);

    [DllImport(LibC, EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    private static extern int FileActionsAddChdir(void* actions, byte* path);

    [DllImport(LibC, EntryPoint = "posix_spawnattr_init")]
    private static extern int AttrInit(void* attributes);

    [DllImport(LibC, EntryPoint = "posix_spawnattr_destroy")]
    private static extern int AttrDestroy(void* attributes);

    [DllImport(LibC, EntryPoint = "posix_spawnattr_setflags")]
    private static extern int AttrSetFlags(void* attributes, short flags);

    [DllImport(LibC, EntryPoint = "posix_spawnattr_setsigdefault")]
    private static extern int AttrSetSigDefault(void* attributes, void* set);

    [DllImport(LibC, EntryPoint = "posix_spawnattr_setsigmask")]
    private static extern int AttrSetSigMask(void* attributes, void* set);

    [DllImport(LibC, EntryPoint = "sigfillset")]
    private static extern int SigFillSet(void* set);

    [DllImport(LibC, EntryPoint = "sigemptyset")]
    private static extern int SigEmptySet(void* set);

    [DllImport(LibC, SetLastError = true, EntryPoint = "waitpid")]
    private static extern int SysWaitPid(int pid, int* status, int options);

    [DllImport(LibC, SetLastError = true, EntryPoint = "kill")]
    private static extern int SysKill(int pid, int signal);

    [DllImport(LibC, SetLastError = true, EntryPoint = "pipe2")]
    private static extern int SysPipe2(int* fds, int flags);

    [DllImport(LibC, SetLastError = true, EntryPoint = "fcntl")]
    private static extern int SysFcntl(int fd, int command, int argument);

    [DllImport(LibC, SetLastError = true, EntryPoint = "close")]
    private static extern int SysClose(int fd);

    [DllImport(LibC, SetLastError = true, EntryPoint = "ioctl")]
    private static extern int SysIoctl(int fd, nuint request, int* value);

    [DllImport(LibC, SetLastError = true, EntryPoint = "poll")]
    private static extern int SysPoll(PollFd* fds, nuint count, int timeout);

    [DllImport(LibC, SetLastError = true, EntryPoint = "tee")]
    private static extern nint SysTee(int fdIn, int fdOut, nuint length, uint flags);

    [DllImport(LibC, SetLastError = true, EntryPoint = "read")]
    private static extern nint SysRead(int fd, byte* buffer, nint count);

    [DllImport(LibC, EntryPoint = "getppid")]
    public static extern int GetParentProcessId();

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    private static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>What the child gets: its program, argv, environment, folder and standard descriptors (-1: /dev/null).</summary>
    public sealed record SpawnRequest(string Program, IReadOnlyList<string> Arguments, IReadOnlyList<string> Environment,
        string? WorkingDirectory, int StdIn, int StdOut, int StdErr, bool InheritStandard);

    /// <summary>
    /// posix_spawn: the pid, or a negated errno. The standard descriptors are first copied above 2 in the parent
    /// (so no dup2 onto 0/1/2 can overwrite a source still to be copied), dup2'd onto 0/1/2 in the child, and the
    /// copies closed in the parent afterwards. Every other descriptor of the bridge is close-on-exec. Signal
    /// dispositions and mask are reset (the .NET runtime ignores SIGPIPE, which a host program must not inherit).
    /// </summary>
    public static int Spawn(SpawnRequest request)
    {
        var actions = stackalloc byte[FileActionsSize];
        var attributes = stackalloc byte[AttrSize];
        var all = stackalloc byte[SigSetSize];
        var none = stackalloc byte[SigSetSize];
        var copies = new List<int>(3);
        var strings = new List<nint>();
        try
        {
            FileActionsInit(actions);
            AttrInit(attributes);
            SigFillSet(all);
            SigEmptySet(none);
            AttrSetSigDefault(attributes, all);
            AttrSetSigMask(attributes, none);
            AttrSetFlags(attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

            if (!request.InheritStandard)
            {
                var sources = new[] { request.StdIn, request.StdOut, request.StdErr };
                for (var target = 0; target < 3; target++)
                {
                    if (sources[target] < 0)
                    {
                        var devNull = Utf8("/dev/null", strings);
                        FileActionsAddOpen(actions, target, devNull, target == 0 ? O_RDONLY : O_RDWR, 0);
                        continue;
                    }
                    var copy = SysFcntl(sources[target], F_DUPFD_CLOEXEC, 3);
                    if (copy < 0)
                        return -Errno;
                    copies.Add(copy);
                    FileActionsAddDup2(actions, copy, target);
                }
            }
            if (request.WorkingDirectory is not null)
                FileActionsAddChdir(actions, Utf8(request.WorkingDirectory, strings));

            var argv = stackalloc byte*[request.Arguments.Count + 1];
            for (var i = 0; i < request.Arguments.Count; i++)
                argv[i] = Utf8(request.Arguments[i], strings);
            argv[request.Arguments.Count] = null;
            var envp = (byte**)NativeMemory.Alloc((nuint)(request.Environment.Count + 1), (nuint)sizeof(byte*));
            strings.Add((nint)envp);
            for (var i = 0; i < request.Environment.Count; i++)
                envp[i] = Utf8(request.Environment[i], strings);
            envp[request.Environment.Count] = null;

            int pid;
            var error = SysPosixSpawn(&pid, Utf8(request.Program, strings), actions, attributes, argv, envp);
            return error == 0 ? pid : -error;
        }
        finally
        {
            foreach (var copy in copies)
                SysClose(copy);
            FileActionsDestroy(actions);
            AttrDestroy(attributes);
            foreach (var pointer in strings)
                NativeMemory.Free((void*)pointer);
        }
    }

    private static byte* Utf8(string text, List<nint> owned)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = (byte*)NativeMemory.Alloc((nuint)length + 1);
        owned.Add((nint)buffer);
        Encoding.UTF8.GetBytes(text, new Span<byte>(buffer, length));
        buffer[length] = 0;
        return buffer;
    }

    /// <summary>Blocks until <paramref name="pid"/> ends: its wait status, or a negated errno (ECHILD: reaped by someone else).</summary>
    public static int WaitForExit(int pid)
    {
        int status;
        while (true)
        {
            if (SysWaitPid(pid, &status, 0) == pid)
                return status;
            var e = Errno;
            if (e != EINTR)
                return -e;
        }
    }

    public static int Kill(int pid, int signal) => SysKill(pid, signal) == 0 ? 0 : -Errno;

    /// <summary>pipe2(O_CLOEXEC): 0 or a negated errno.</summary>
    public static int CreatePipe(out int readFd, out int writeFd)
    {
        var fds = stackalloc int[2];
        readFd = writeFd = -1;
        if (SysPipe2(fds, O_CLOEXEC) != 0)
            return -Errno;
        readFd = fds[0];
        writeFd = fds[1];
        return 0;
    }

    /// <summary>A close-on-exec copy of a descriptor (lowest free ≥ 3), or a negated errno.</summary>
    public static int Duplicate(int fd)
    {
        var copy = SysFcntl(fd, F_DUPFD_CLOEXEC, 3);
        return copy >= 0 ? copy : -Errno;
    }

    /// <summary>Bytes waiting in a pipe, or a negated errno.</summary>
    public static int BytesAvailable(int fd)
    {
        int count;
        return SysIoctl(fd, FIONREAD, &count) == 0 ? count : -Errno;
    }

    /// <summary>True when the pipe's write end is closed everywhere (poll reports POLLHUP).</summary>
    public static bool WriterGone(int fd)
    {
        var poll = new PollFd { Fd = fd, Events = POLLIN };
        return SysPoll(&poll, 1, 0) == 1 && (poll.REvents & POLLHUP) != 0;
    }

    /// <summary>
    /// Copies up to <paramref name="count"/> waiting bytes of a pipe into <paramref name="buffer"/> without consuming
    /// them (tee(2) into a scratch pipe, then read that): the number of bytes, or a negated errno.
    /// </summary>
    public static long Peek(int fd, byte* buffer, int count)
    {
        if (count <= 0)
            return 0;
        var scratch = stackalloc int[2];
        if (SysPipe2(scratch, O_CLOEXEC | O_NONBLOCK) != 0)
            return -Errno;
        try
        {
            var copied = SysTee(fd, scratch[1], (nuint)count, SPLICE_F_NONBLOCK);
            if (copied < 0)
            {
                var e = Errno;
                return e == EAGAIN ? 0 : -e;
            }
            long done = 0;
            while (done < copied)
            {
                var n = SysRead(scratch[0], buffer + done, (nint)(copied - done));
                if (n <= 0)
                    break;
                done += n;
            }
            return done;
        }
        finally
        {
            SysClose(scratch[0]);
            SysClose(scratch[1]);
        }
    }

    /// <summary>The pids whose parent is <paramref name="pid"/>, recursively (read from /proc), deepest last.</summary>
    public static List<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, List<int>>();
        try
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out var child))
                    continue;
                string stat;
                try { stat = File.ReadAllText(Path.Combine(directory, "stat")); }
                catch (IOException) { continue; }
                catch (UnauthorizedAccessException) { continue; }
                // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], out var parent))
                {
                    if (!parents.TryGetValue(parent, out var list))
                        parents[parent] = list = new List<int>();
                    list.Add(child);
                }
            }
        }
        catch (IOException)
        {
        }
        var result = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(pid);
        while (queue.Count > 0)
        {
            if (!parents.TryGetValue(queue.Dequeue(), out var children))
                continue;
            foreach (var child in children)
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }
        return result;
    }
}
