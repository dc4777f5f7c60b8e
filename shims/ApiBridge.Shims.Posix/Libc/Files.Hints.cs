using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// The calls that tell the file system about future use — posix_fadvise, readahead, fallocate, posix_fallocate,
/// sync_file_range, syncfs. Advice and read-ahead change no result a guest can see, so once the kernel's checks pass
/// (in its order) they succeed without acting; allocation makes the file as long as Linux would (the space itself is
/// the host's business), and the range syncs flush the file as fsync does.
/// </summary>
public static unsafe partial class Files
{
    public const int FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2, FALLOC_FL_ZERO_RANGE = 0x10;

    /// <summary>
    /// int posix_fadvise(int fd, off_t offset, off_t len, int advice) — returns the error number (EBADF, ESPIPE for a
    /// pipe, EINVAL for a negative len or an advice outside 0–5), errno untouched; the advice itself is a hint.
    /// </summary>
    [ShimExport("posix_fadvise")]
    [ShimExport("posix_fadvise64")]
    public static int posix_fadvise(int fd, long offset, long len, int advice)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Errno.EBADF;
        if (d.Kind == DescriptionKind.Stream)
            return Errno.ESPIPE;
        return len < 0 || advice is < 0 or > 5 ? Errno.EINVAL : 0;
    }

    /// <summary>ssize_t readahead(int fd, off64_t offset, size_t count) — EBADF unless open for reading; EINVAL unless a regular file.</summary>
    [ShimExport("readahead")]
    public static nint readahead(int fd, long offset, nuint count)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null || !d.CanRead)
            return FailN(Errno.EBADF);
        return d.Kind == DescriptionKind.Regular ? 0 : FailN(Errno.EINVAL);
    }

    /// <summary>
    /// int fallocate(int fd, int mode, off_t offset, off_t len) — mode 0 makes the file at least offset + len long,
    /// FALLOC_FL_KEEP_SIZE reserves without changing the length (nothing to do here), FALLOC_FL_PUNCH_HOLE (with
    /// KEEP_SIZE) and FALLOC_FL_ZERO_RANGE make the range read as zeros. Collapsing and inserting ranges, and any
    /// other mode, are EOPNOTSUPP, what a file system without them (tmpfs, NTFS under WSL) answers. The kernel's
    /// order: EINVAL, EOPNOTSUPP, EBADF (not open for writing), ESPIPE, EISDIR.
    /// </summary>
    [ShimExport("fallocate")]
    [ShimExport("fallocate64")]
    public static int fallocate(int fd, int mode, long offset, long len)
    {
        var error = Allocate(fd, mode, offset, len);
        return error == 0 ? 0 : Fail(error);
    }

    /// <summary>int posix_fallocate(int fd, off_t offset, off_t len) — fallocate with mode 0, returning the error number (errno untouched).</summary>
    [ShimExport("posix_fallocate")]
    [ShimExport("posix_fallocate64")]
    public static int posix_fallocate(int fd, long offset, long len) => Allocate(fd, 0, offset, len);

    private static int Allocate(int fd, int mode, long offset, long len)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Errno.EBADF;
        if (offset < 0 || len <= 0)
            return Errno.EINVAL;
        var keep = (mode & FALLOC_FL_KEEP_SIZE) != 0;
        var punch = (mode & FALLOC_FL_PUNCH_HOLE) != 0;
        var zero = (mode & FALLOC_FL_ZERO_RANGE) != 0;
        if ((mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) != 0 || (punch && (!keep || zero)))
            return Errno.EOPNOTSUPP;
        if (!d.CanWrite)
            return Errno.EBADF;
        if (d.Kind == DescriptionKind.Stream)
            return Errno.ESPIPE;
        if (d.Kind == DescriptionKind.Directory)
            return Errno.EISDIR;
        if (offset > long.MaxValue - len)
            return Errno.EFBIG;
        try
        {
            var handle = d.Handle!;
            lock (d.Gate)
            {
                var length = RandomAccess.GetLength(handle);
                var end = offset + len;
                if (punch || zero)
                {
                    // Zeros over the part of the range the file has; the rest is what growing below adds (zeros too).
                    var zeroEnd = Math.Min(end, length);
                    var block = new byte[64 * 1024];
                    for (var at = offset; at < zeroEnd; at += block.Length)
                        RandomAccess.Write(handle, block.AsSpan(0, (int)Math.Min(block.Length, zeroEnd - at)), at);
                }
                if (!keep && end > length)
                    RandomAccess.SetLength(handle, end);
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return HostErrors.ToErrno(e);
        }
    }

    public const int SYNC_FILE_RANGE_WAIT_BEFORE = 1, SYNC_FILE_RANGE_WRITE = 2, SYNC_FILE_RANGE_WAIT_AFTER = 4;

    /// <summary>
    /// int sync_file_range(int fd, off64_t offset, off64_t nbytes, unsigned int flags) — EBADF, then EINVAL for an
    /// unknown flag or a negative or overflowing range, ESPIPE for a pipe; a regular file open for writing is flushed
    /// (the whole file: the host flushes no less).
    /// </summary>
    [ShimExport("sync_file_range")]
    public static int sync_file_range(int fd, long offset, long nbytes, uint flags)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if ((flags & ~7u) != 0 || offset < 0 || nbytes < 0 || offset > long.MaxValue - nbytes)
            return Fail(Errno.EINVAL);
        if (d.Kind == DescriptionKind.Stream)
            return Fail(Errno.ESPIPE);
        return flags == 0 || d.Kind != DescriptionKind.Regular || !d.CanWrite ? 0 : Flush(d);
    }

    /// <summary>
    /// int syncfs(int fd) — flushes the file system the descriptor is on: the host's syncfs on a Linux host; on
    /// Windows, which has no per-volume flush a user may call, every file the guest has open for writing (as sync).
    /// </summary>
    [ShimExport("syncfs")]
    public static int syncfs(int fd)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if (HostLibc.Available && d.Handle is { } handle)
            return HostLibc.syncfs((int)handle.DangerousGetHandle()) == 0 ? 0 : Fail(HostLibc.Errno);
        SystemInfo.sync();
        return 0;
    }

    private static int Flush(OpenFileDescription d)
    {
        try
        {
            RandomAccess.FlushToDisk(d.Handle!);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }
}
