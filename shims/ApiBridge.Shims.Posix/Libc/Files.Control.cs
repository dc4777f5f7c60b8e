using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// fcntl and ioctl on the guest's descriptors. The descriptor and status flags live in the emulated table, so they
/// behave the same on both hosts. Record locks (F_GETLK/F_SETLK/F_SETLKW and the OFD forms) go to the host's fcntl on
/// the file's own descriptor on a Linux host (struct flock is the guest's layout there); a Windows host has no POSIX
/// record locks (LockFileEx locks are mandatory and per handle), so there they fail with ENOLCK, what Linux answers
/// when the locking service cannot take a lock (NFS without a lock daemon).
/// </summary>
public static unsafe partial class Files
{
    public const int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7,
        F_SETOWN = 8, F_GETOWN = 9, F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38, F_GETLEASE = 1025,
        F_DUPFD_CLOEXEC = 1030, F_GETPIPE_SZ = 1032, FD_CLOEXEC = 1;

    /// <summary>O_LARGEFILE: a 64-bit kernel opens every file with it, and F_GETFL shows it for files and folders.</summary>
    private const int O_LARGEFILE = 0x8000;

    /// <summary>
    /// int fcntl(int fd, int cmd, ... /* arg */) — F_DUPFD(_CLOEXEC) (the lowest free number ≥ arg; arg outside the
    /// table EINVAL), F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL/F_SETFL (O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT and
    /// O_NOATIME change; the access mode and creation flags are ignored), F_GETOWN (0: no owner), F_GETLEASE (F_UNLCK),
    /// F_GETPIPE_SZ (a pipe's 65 536; EBADF on anything else), the record locks; any other command EINVAL.
    /// </summary>
    /// <remarks>arg is variadic: guests declare it as an int or a pointer (or leave it out), the rewriter widens an int.</remarks>
    [ShimExport("fcntl", VariadicFrom = 2)]
    [ShimExport("fcntl64", VariadicFrom = 2)]
    public static int fcntl(int fd, int cmd, nint arg = 0)
    {
        var table = PosixServices.Descriptors;
        var d = table.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        switch (cmd)
        {
            case F_DUPFD or F_DUPFD_CLOEXEC:
            {
                if (arg < 0 || arg >= FileDescriptorTable.Limit)
                    return Fail(Errno.EINVAL);
                var copy = table.Duplicate(fd, (int)arg);
                if (copy < 0)
                    return Fail(-copy);
                if (cmd == F_DUPFD_CLOEXEC)
                    table.SetCloseOnExec(copy, true);
                return copy;
            }
            case F_GETFD:
                return table.IsCloseOnExec(fd) ? FD_CLOEXEC : 0;
            case F_SETFD:
                return table.SetCloseOnExec(fd, ((int)arg & FD_CLOEXEC) != 0) ? 0 : Fail(Errno.EBADF);
            case F_GETFL:
                return StatusFlags(d);
            case F_SETFL:
                d.SetStatusFlags((int)arg);
                return 0;
            case F_GETOWN:
                return 0;
            case F_GETLEASE:
                return 2; // F_UNLCK: the bridge never grants leases
            case F_GETPIPE_SZ:
                return d.IsPipe ? 65536 : Fail(Errno.EBADF);
            case F_GETLK or F_SETLK or F_SETLKW or F_OFD_GETLK or F_OFD_SETLK or F_OFD_SETLKW:
                return Lock(d, cmd, arg);
            default:
                return Fail(Errno.EINVAL);
        }
    }

    /// <summary>What F_GETFL shows: the flags Linux keeps on the open file (no creation flags, no O_CLOEXEC), O_LARGEFILE on files and folders.</summary>
    private static int StatusFlags(OpenFileDescription d)
    {
        var flags = d.Flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
        return d.Kind == DescriptionKind.Stream ? flags : flags | O_LARGEFILE;
    }

    private static int Lock(OpenFileDescription d, int cmd, nint flock)
    {
        if (flock == 0)
            return Fail(Errno.EFAULT);
        if (!HostLibc.Available)
            return Fail(Errno.ENOLCK);
        var hostFd = d.Kind switch
        {
            DescriptionKind.Regular => (int)d.Handle!.DangerousGetHandle(),
            DescriptionKind.Stream when d.StandardStreamNumber >= 0 => d.StandardStreamNumber,
            _ => -1,
        };
        if (hostFd < 0)
            return Fail(Errno.ENOLCK);
        return HostLibc.fcntl(hostFd, cmd, flock) is var result and >= 0 ? result : Fail(HostLibc.Errno);
    }

    public const ulong FIONREAD = 0x541B, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451;

    /// <summary>
    /// int ioctl(int fd, unsigned long request, ...) — FIOCLEX/FIONCLEX, FIONBIO (O_NONBLOCK from *arg), FIONREAD (the
    /// bytes a read would get now: a file's length past the offset, what a pipe holds). Every other request: ENOTTY,
    /// what Linux answers for a request the file does not know — always, for files, folders and pipes, since none is a
    /// terminal. The standard streams on a Linux host are the host's own (a terminal answers its requests there); on a
    /// Windows host the console is no tty device, so they are ENOTTY too.
    /// </summary>
    /// <remarks>
    /// Guests declare request as int, uint or ulong (glibc's prototype says unsigned long) and arg as an int or a
    /// pointer: both are widened to the register the ABI passes them in, and request is cut to the 32 bits the
    /// kernel reads (its ioctl takes an unsigned int), so a negative int request names the same command.
    /// </remarks>
    [ShimExport("ioctl", VariadicFrom = 1)]
    public static int ioctl(int fd, ulong request, nint arg = 0)
    {
        request = (uint)request;
        var table = PosixServices.Descriptors;
        var d = table.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        switch (request)
        {
            case FIOCLEX or FIONCLEX:
                table.SetCloseOnExec(fd, request == FIOCLEX);
                return 0;
            case FIONBIO:
                if (arg == 0)
                    return Fail(Errno.EFAULT);
                d.SetStatusFlags(*(int*)arg != 0 ? d.Flags | O_NONBLOCK : d.Flags & ~O_NONBLOCK);
                return 0;
        }
        if (d.Kind == DescriptionKind.Stream && d.StandardStreamNumber >= 0 && HostLibc.Available)
            return HostLibc.ioctl(d.StandardStreamNumber, request, arg) is var result and >= 0 ? result : Fail(HostLibc.Errno);
        if (request != FIONREAD || d.Kind == DescriptionKind.Directory || (d.Kind == DescriptionKind.Stream && !d.IsPipe))
            return Fail(Errno.ENOTTY);
        if (arg == 0)
            return Fail(Errno.EFAULT);
        if (d.IsPipe)
        {
            PipeEnds.Poll((System.IO.Pipes.PipeStream)d.Stream, out var available);
            *(int*)arg = available;
            return 0;
        }
        try
        {
            lock (d.Gate)
                *(int*)arg = (int)Math.Clamp(RandomAccess.GetLength(d.Handle!) - d.Offset, 0, int.MaxValue);
            return 0;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }
}
