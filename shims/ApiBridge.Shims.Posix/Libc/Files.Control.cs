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
        // struct flock: short l_type, short l_whence, off_t l_start @8, off_t l_len @16, pid_t l_pid @24. The guest's
        // offset is the description's, not the host descriptor's (reads and writes go to explicit positions), so a
        // range from SEEK_CUR goes to the host from SEEK_SET, in a copy: the guest's own struct is only written where
        // the kernel writes it (F_GETLK's answer).
        var guest = (short*)flock;
        var copy = stackalloc long[4];
        Buffer.MemoryCopy((void*)flock, copy, 32, 32);
        if (guest[1] == SEEK_CUR)
        {
            ((short*)copy)[1] = SEEK_SET;
            lock (d.Gate)
                copy[1] += d.Offset;
        }
        var result = HostLibc.fcntl(hostFd, cmd, (nint)copy);
        if (result < 0)
            return Fail(HostLibc.Errno);
        if (cmd is F_GETLK or F_OFD_GETLK)
        {
            if (((short*)copy)[0] == 2 /* F_UNLCK: no conflict, the kernel changed nothing else */)
                guest[0] = 2;
            else
                Buffer.MemoryCopy(copy, (void*)flock, 32, 32);
        }
        return result;
    }

    public const int F_ULOCK = 0, F_LOCK = 1, F_TLOCK = 2, F_TEST = 3;

    /// <summary>
    /// int lockf(int fd, int cmd, off_t len) — glibc's: a record lock from the current offset over len bytes (0: to
    /// the end; negative: the bytes before it) through fcntl — F_LOCK waits (F_SETLKW), F_TLOCK does not (F_SETLK),
    /// F_ULOCK unlocks, F_TEST is 0 when no other process holds a lock on the range, else EACCES. Any other cmd:
    /// EINVAL. On a Windows host it fails as fcntl's locks do (ENOLCK).
    /// </summary>
    [ShimExport("lockf")]
    [ShimExport("lockf64")]
    public static int lockf(int fd, int cmd, long len)
    {
        // struct flock: short l_type, short l_whence, (pad), off_t l_start, off_t l_len, pid_t l_pid.
        var flock = stackalloc long[4];
        ((short*)flock)[1] = SEEK_CUR;
        flock[2] = len;
        switch (cmd)
        {
            case F_TEST:
            {
                ((short*)flock)[0] = 0; // F_RDLCK: is anything write-locked by another process?
                if (fcntl(fd, F_GETLK, (nint)flock) < 0)
                    return -1;
                var holder = *(int*)(flock + 3);
                return ((short*)flock)[0] == 2 /* F_UNLCK */ || holder == Process.getpid() ? 0 : Fail(Errno.EACCES);
            }
            case F_ULOCK:
                ((short*)flock)[0] = 2;
                return fcntl(fd, F_SETLK, (nint)flock);
            case F_LOCK or F_TLOCK:
                ((short*)flock)[0] = 1; // F_WRLCK
                return fcntl(fd, cmd == F_LOCK ? F_SETLKW : F_SETLK, (nint)flock);
            default:
                return Fail(Errno.EINVAL);
        }
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
