using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>What a pipe's read end holds right now.</summary>
public enum PipeState
{
    /// <summary>Bytes are waiting.</summary>
    Data,

    /// <summary>Nothing waiting, and a writer is still open: a read would block.</summary>
    Empty,

    /// <summary>Nothing waiting and every writer closed: a read returns 0 (end of file).</summary>
    Closed,
}

/// <summary>
/// pipe(2)'s two ends as host anonymous pipes (<see cref="AnonymousPipeServerStream"/>: a host pipe on Linux, a
/// Windows anonymous pipe there), and the one question .NET's streams cannot answer: what a read end holds without
/// reading it (for O_NONBLOCK and FIONREAD) — poll and FIONREAD on a Linux host, PeekNamedPipe on Windows.
/// </summary>
internal static unsafe class PipeEnds
{
    /// <summary>A new pipe: the end to read from and the end to write to.</summary>
    public static (PipeStream Read, PipeStream Write) Create()
    {
        var write = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None);
        // The client handle stays the read end's own: reading ClientSafePipeHandle tells the server not to close it.
        var read = new AnonymousPipeClientStream(PipeDirection.In, write.ClientSafePipeHandle);
        return (read, write);
    }

    /// <summary>What the read end <paramref name="end"/> holds, and how many bytes.</summary>
    public static PipeState Poll(PipeStream end, out int available)
    {
        available = 0;
        var handle = end.SafePipeHandle.DangerousGetHandle();
        if (OperatingSystem.IsWindows())
        {
            uint total;
            if (PeekNamedPipe(handle, null, 0, null, &total, null) == 0)
                return PipeState.Closed; // ERROR_BROKEN_PIPE: the write end is gone
            available = (int)Math.Min(total, int.MaxValue);
            return total > 0 ? PipeState.Data : PipeState.Empty;
        }
        var fd = (int)handle;
        int count;
        if (ioctl(fd, FIONREAD, &count) == 0 && count > 0)
        {
            available = count;
            return PipeState.Data;
        }
        var poll = new PollFd { Fd = fd, Events = PollIn };
        if (HostPoll(&poll, 1, 0) > 0 && (poll.Returned & PollHup) != 0)
            return PipeState.Closed;
        return PipeState.Empty;
    }

    private const ulong FIONREAD = 0x541B;
    private const short PollIn = 1, PollHup = 0x10;

    private struct PollFd
    {
        public int Fd;
        public short Events, Returned;
    }

    [DllImport("libc", EntryPoint = "ioctl")] private static extern int ioctl(int fd, ulong request, int* count);
    [DllImport("libc", EntryPoint = "poll")] private static extern int HostPoll(PollFd* fds, ulong count, int timeout);
    [DllImport("kernel32", EntryPoint = "PeekNamedPipe")]
    private static extern int PeekNamedPipe(IntPtr pipe, void* buffer, uint size, uint* read, uint* available, uint* left);
}
