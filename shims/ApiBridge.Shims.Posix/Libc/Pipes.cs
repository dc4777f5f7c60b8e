using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// pipe and pipe2: two descriptors of the guest's table on the two ends of a host anonymous pipe
/// (<see cref="PipeEnds"/>), so read blocks until data or end of file, EOF follows the last write end's close, and a
/// write with no reader left fails with EPIPE. O_NONBLOCK makes an empty pipe's read EAGAIN. O_DIRECT (packet mode)
/// is refused with EINVAL, what a kernel without packet pipes (before 3.4) answers: a host pipe keeps no message
/// boundaries to honour it with.
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class Pipes
{
    /// <summary>int pipe(int pipefd[2]) — pipefd[0] the read end, pipefd[1] the write end, the lowest free numbers.</summary>
    [ShimExport("pipe")]
    public static int pipe(int* pipefd) => pipe2(pipefd, 0);

    /// <summary>int pipe2(int pipefd[2], int flags) — flags O_CLOEXEC and O_NONBLOCK; any other: EINVAL.</summary>
    [ShimExport("pipe2")]
    public static int pipe2(int* pipefd, int flags)
    {
        if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) != 0)
            return Fail(Errno.EINVAL);
        if (pipefd == null)
            return Fail(Errno.EFAULT);
        var (readEnd, writeEnd) = PipeEnds.Create();
        var status = flags & O_NONBLOCK;
        var reader = OpenFileDescription.ForPipe(O_RDONLY | status, readEnd);
        var writer = OpenFileDescription.ForPipe(O_WRONLY | status, writeEnd);
        var table = PosixServices.Descriptors;
        var closeOnExec = (flags & O_CLOEXEC) != 0;
        var first = table.Add(reader, closeOnExec: closeOnExec);
        var second = first < 0 ? -1 : table.Add(writer, closeOnExec: closeOnExec);
        if (second < 0)
        {
            if (first >= 0)
                table.Close(first);
            else
                reader.Release();
            writer.Release();
            return Fail(Errno.EMFILE);
        }
        pipefd[0] = first;
        pipefd[1] = second;
        return 0;
    }
}
