using ApiBridge.Runtime.Exports;
using Microsoft.Win32.SafeHandles;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// libc's descriptor calls (and, in Files.Paths.cs, its path calls) over the guest's <see cref="FileDescriptorTable"/> and <see cref="PosixPathView"/>,
/// with .NET's host file APIs (<see cref="FileStream"/>, <see cref="RandomAccess"/>, <see cref="Directory"/>).
/// Linux x86-64 flag values and errno numbers whatever the host is.
/// </summary>
[ShimLibrary("libc", "file")]
public static unsafe partial class Files
{
    /// <summary>Linux's largest single read/write transfer (0x7ffff000).</summary>
    private const int MaxTransfer = 0x7FFFF000;

    /// <summary>int open(const char *pathname, int flags, mode_t mode)</summary>
    [ShimExport("open")]
    [ShimExport("open64")]
    public static int open(byte* pathname, int flags, uint mode = 0) => OpenAt(AT_FDCWD, pathname, flags, mode);

    /// <summary>int openat(int dirfd, const char *pathname, int flags, mode_t mode)</summary>
    [ShimExport("openat")]
    public static int openat(int dirfd, byte* pathname, int flags, uint mode = 0) => OpenAt(dirfd, pathname, flags, mode);

    /// <summary>int creat(const char *pathname, mode_t mode) — open with O_CREAT|O_WRONLY|O_TRUNC.</summary>
    [ShimExport("creat")]
    public static int creat(byte* pathname, uint mode) => OpenAt(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);

    private static int OpenAt(int dirfd, byte* pathname, int flags, uint mode)
    {
        var error = ResolveLexically(dirfd, pathname, out var path, out var lexical);
        if (error != 0)
            return Fail(error);
        var access = flags & O_ACCMODE;
        if (access == O_ACCMODE)
            return Fail(Errno.EINVAL);
        if (lexical)
        {
            if (TryOpenExact(path, flags, access, out var result))
                return result;
            error = Resolve(dirfd, pathname, out path);
            if (error != 0)
                return Fail(error);
        }
        if (TryOpenExisting(path, flags, access, out var opened))
            return opened;
        var create = (flags & O_CREAT) != 0;
        var exclusive = create && (flags & O_EXCL) != 0;
        var kind = HostFiles.KindOf(path, follow: (flags & O_NOFOLLOW) == 0 && !exclusive);
        if (exclusive && (kind != EntryKind.Missing || path.CaseConflict))
            return Fail(Errno.EEXIST);
        if (kind == EntryKind.Link)
            return Fail(Errno.ELOOP);
        if (kind == EntryKind.Directory)
        {
            if (access != O_RDONLY || create)
                return Fail(Errno.EISDIR);
            return AddDescriptor(OpenFileDescription.ForDirectory(flags, path.Guest, path.Host));
        }
        if ((flags & O_DIRECTORY) != 0)
            return Fail(kind == EntryKind.Missing ? HostFiles.MissingError(path.Host) : Errno.ENOTDIR);
        if (path.TrailingSlash)
            return Fail(kind != EntryKind.Missing ? Errno.ENOTDIR : create ? Errno.EISDIR : HostFiles.MissingError(path.Host));
        if (kind == EntryKind.Missing)
        {
            if (!create)
                return Fail(HostFiles.MissingError(path.Host));
            if (path.CaseConflict)
                return Fail(Errno.EEXIST);
            var parentError = HostFiles.ParentError(path.Host);
            if (parentError != 0)
                return Fail(parentError);
        }

        var fileAccess = access switch
        {
            O_WRONLY => FileAccess.Write,
            O_RDWR => FileAccess.ReadWrite,
            _ => kind == EntryKind.Missing ? FileAccess.ReadWrite : FileAccess.Read,
        };
        OpenFileDescription description;
        try
        {
            if (kind == EntryKind.Missing)
            {
                // Creating: FileStream is what takes a Unix create mode.
                var options = new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = fileAccess,
                    Share = FileShare.ReadWrite | FileShare.Delete,
                    BufferSize = 0,
                };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = (UnixFileMode)(mode & 0xFFF);
                description = OpenFileDescription.ForFile(flags, path.Guest, path.Host, new FileStream(path.Host, options));
            }
            else
            {
                // An existing file: the handle alone (no FileStream and its strategy objects to build and dispose).
                var handle = File.OpenHandle(path.Host, FileMode.Open, fileAccess, FileShare.ReadWrite | FileShare.Delete);
                try
                {
                    if ((flags & O_TRUNC) != 0 && access != O_RDONLY)
                        RandomAccess.SetLength(handle, 0);
                }
                catch
                {
                    handle.Dispose();
                    throw;
                }
                description = OpenFileDescription.ForFile(flags, path.Guest, path.Host, handle);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
        if (kind == EntryKind.Missing && OperatingSystem.IsWindows() && (flags & O_CREAT) != 0)
            HostFiles.RecordCreatedMode(path.Host, EntryKind.File, mode);
        var fd = PosixServices.Descriptors.Add(description);
        if (fd < 0)
        {
            description.Release();
            return Fail(Errno.EMFILE);
        }
        return fd;
    }

    /// <summary>
    /// The common open on a Linux host — an existing file, no O_CREAT/O_DIRECTORY/O_NOFOLLOW, no trailing slash —
    /// straight to open(2) with the access mode, instead of a stat first and then .NET's open (which adds an fstat
    /// and a flock(LOCK_SH) that a real libc open does not take). A folder, or any failure, is not handled here:
    /// the general path below decides, with the precise errno.
    /// </summary>
    private static bool TryOpenExisting(in ResolvedPath path, int flags, int access, out int result)
    {
        result = 0;
        if (!OperatingSystem.IsLinux() || (flags & (O_CREAT | O_DIRECTORY | O_NOFOLLOW)) != 0 || path.TrailingSlash || path.CaseConflict)
            return false;
        var hostFd = HostNative.OpenExisting(path.Host, access);
        if (hostFd < 0)
            return false;
        if (HostNative.IsDirectory(hostFd))
        {
            new SafeFileHandle(hostFd, ownsHandle: true).Dispose();
            return false;
        }
        return Adopt(path, flags, access, new SafeFileHandle(hostFd, ownsHandle: true), out result);
    }

    /// <summary>
    /// The common open on a Windows host whose view resolves by text (<see cref="PosixPathView.ResolveLexically"/>):
    /// an existing file, no O_CREAT/O_DIRECTORY/O_NOFOLLOW, no trailing slash, opened with one exact
    /// (case-sensitive) lookup, so no attribute query comes first. A folder, a missing name, a name in another case
    /// or any other failure is not handled here: the walk and the general path decide, with the precise errno.
    /// </summary>
    private static bool TryOpenExact(in ResolvedPath path, int flags, int access, out int result)
    {
        result = 0;
        if ((flags & (O_CREAT | O_DIRECTORY | O_NOFOLLOW)) != 0 || path.TrailingSlash)
            return false;
        var handle = HostNative.OpenExisting(path.Plain!.ExactNtPath, access switch { O_WRONLY => FileAccess.Write, O_RDWR => FileAccess.ReadWrite, _ => FileAccess.Read });
        if (handle is null)
            return false;
        return Adopt(path, flags, access, handle, out result);
    }

    /// <summary>Makes a descriptor of a host file just opened (applying O_TRUNC); true with the descriptor or the errno's -1.</summary>
    private static bool Adopt(in ResolvedPath path, int flags, int access, SafeFileHandle handle, out int result)
    {
        try
        {
            if ((flags & O_TRUNC) != 0 && access != O_RDONLY)
                RandomAccess.SetLength(handle, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            handle.Dispose();
            result = Fail(HostErrors.ToErrno(e));
            return true;
        }
        var description = OpenFileDescription.ForFile(flags, path.Guest, path.Host, handle);
        var fd = PosixServices.Descriptors.Add(description);
        if (fd < 0)
        {
            description.Release();
            result = Fail(Errno.EMFILE);
            return true;
        }
        result = fd;
        return true;
    }

    private static int AddDescriptor(OpenFileDescription description)
    {
        var fd = PosixServices.Descriptors.Add(description);
        return fd < 0 ? Fail(Errno.EMFILE) : fd;
    }

    /// <summary>ssize_t read(int fd, void *buf, size_t count)</summary>
    [ShimExport("read")]
    public static nint read(int fd, byte* buf, nuint count)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null || !d.CanRead)
            return FailN(Errno.EBADF);
        if (d.Kind == DescriptionKind.Directory)
            return FailN(Errno.EISDIR);
        if (buf == null && count != 0)
            return FailN(Errno.EFAULT);
        var span = new Span<byte>(buf, (int)Math.Min(count, (nuint)MaxTransfer));
        if (d.Counter is { } counter)
            return EventCounters.Read(d, counter, buf, count);
        // O_NONBLOCK on a pipe: an empty one with a writer left would block, so EAGAIN instead.
        if (d.IsPipe && (d.Flags & O_NONBLOCK) != 0 && PipeEnds.Poll((System.IO.Pipes.PipeStream)d.Stream, out _) == PipeState.Empty)
            return FailN(Errno.EAGAIN);
        try
        {
            if (d.Kind == DescriptionKind.Stream)
                return d.Stream.Read(span);
            lock (d.Gate)
            {
                var n = RandomAccess.Read(d.Handle!, span, d.Offset);
                d.Offset += n;
                return n;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            return FailN(HostErrors.ToErrno(e));
        }
    }

    /// <summary>ssize_t write(int fd, const void *buf, size_t count) — with O_APPEND every write goes to the end.</summary>
    [ShimExport("write")]
    public static nint write(int fd, byte* buf, nuint count)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null || !d.CanWrite)
            return FailN(Errno.EBADF);
        if (d.Kind == DescriptionKind.Directory)
            return FailN(Errno.EISDIR);
        if (buf == null && count != 0)
            return FailN(Errno.EFAULT);
        if (d.Counter is { } counter)
            return EventCounters.Write(d, counter, buf, count);
        var span = new ReadOnlySpan<byte>(buf, (int)Math.Min(count, (nuint)MaxTransfer));
        try
        {
            if (d.Kind == DescriptionKind.Stream)
            {
                var stream = d.Stream;
                stream.Write(span);
                stream.Flush();
                return span.Length;
            }
            lock (d.Gate)
            {
                var handle = d.Handle!;
                var offset = d.Append ? RandomAccess.GetLength(handle) : d.Offset;
                RandomAccess.Write(handle, span, offset);
                d.Offset = offset + span.Length;
                return span.Length;
            }
        }
        catch (IOException) when (d.IsPipe)
        {
            return FailN(Errno.EPIPE); // no read end left (.NET ignores SIGPIPE, so a native guest sees EPIPE too)
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            return FailN(HostErrors.ToErrno(e));
        }
    }

    /// <summary>
    /// What pread and pwrite check before any transfer, in the kernel's order: a descriptor open for the direction,
    /// not a folder, seekable, a non-negative offset, a buffer. Returns the errno, or 0 with the description.
    /// </summary>
    private static int CheckPositioned(int fd, bool write, byte* buf, nuint count, long offset, out OpenFileDescription d)
    {
        d = PosixServices.Descriptors.Get(fd)!;
        if (d is null || !(write ? d.CanWrite : d.CanRead))
            return Errno.EBADF;
        if (d.Kind == DescriptionKind.Directory)
            return Errno.EISDIR;
        if (d.Kind == DescriptionKind.Stream)
            return Errno.ESPIPE;
        if (offset < 0)
            return Errno.EINVAL;
        if (buf == null && count != 0)
            return Errno.EFAULT;
        return 0;
    }

    /// <summary>ssize_t pread(int fd, void *buf, size_t count, off_t offset) — the file offset does not move.</summary>
    [ShimExport("pread")]
    [ShimExport("pread64")]
    public static nint pread(int fd, byte* buf, nuint count, long offset)
    {
        if (CheckPositioned(fd, write: false, buf, count, offset, out var d) is var readError and not 0)
            return FailN(readError);
        try
        {
            return RandomAccess.Read(d.Handle!, new Span<byte>(buf, (int)Math.Min(count, (nuint)MaxTransfer)), offset);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            return FailN(HostErrors.ToErrno(e));
        }
    }

    /// <summary>ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) — the file offset does not move.</summary>
    [ShimExport("pwrite")]
    [ShimExport("pwrite64")]
    public static nint pwrite(int fd, byte* buf, nuint count, long offset)
    {
        if (CheckPositioned(fd, write: true, buf, count, offset, out var d) is var writeError and not 0)
            return FailN(writeError);
        try
        {
            var span = new ReadOnlySpan<byte>(buf, (int)Math.Min(count, (nuint)MaxTransfer));
            RandomAccess.Write(d.Handle!, span, offset);
            return span.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            return FailN(HostErrors.ToErrno(e));
        }
    }

    /// <summary>off_t lseek(int fd, off_t offset, int whence)</summary>
    [ShimExport("lseek")]
    [ShimExport("lseek64")]
    public static long lseek(int fd, long offset, int whence)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if (d.Kind == DescriptionKind.Stream)
            return Fail(Errno.ESPIPE);
        lock (d.Gate)
        {
            long length;
            try
            {
                length = d.Kind == DescriptionKind.Regular ? RandomAccess.GetLength(d.Handle!) : 0;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                return Fail(HostErrors.ToErrno(e));
            }
            long target;
            try
            {
                target = whence switch
                {
                    SEEK_SET => offset,
                    SEEK_CUR => checked(d.Offset + offset),
                    SEEK_END => checked(length + offset),
                    SEEK_DATA => offset >= length ? -2 : offset,
                    SEEK_HOLE => offset >= length ? -2 : length,
                    _ => -3,
                };
            }
            catch (OverflowException)
            {
                return Fail(Errno.EOVERFLOW);
            }
            if (target == -3 && whence is not (SEEK_SET or SEEK_CUR or SEEK_END))
                return Fail(Errno.EINVAL);
            if (target == -2 && whence is SEEK_DATA or SEEK_HOLE)
                return Fail(Errno.ENXIO);
            if (target < 0)
                return Fail(Errno.EINVAL);
            d.Offset = target;
            return target;
        }
    }

    /// <summary>int close(int fd)</summary>
    [ShimExport("close")]
    public static int close(int fd) => PosixServices.Descriptors.Close(fd) ? 0 : Fail(Errno.EBADF);

    /// <summary>int dup(int oldfd) — the lowest free descriptor, sharing the offset.</summary>
    [ShimExport("dup")]
    public static int dup(int oldfd)
    {
        var fd = PosixServices.Descriptors.Duplicate(oldfd);
        return fd < 0 ? Fail(-fd) : fd;
    }

    /// <summary>int dup2(int oldfd, int newfd) — newfd is closed first; equal descriptors: newfd when valid.</summary>
    [ShimExport("dup2")]
    public static int dup2(int oldfd, int newfd)
    {
        var fd = PosixServices.Descriptors.DuplicateTo(oldfd, newfd);
        return fd < 0 ? Fail(-fd) : fd;
    }

    /// <summary>int fsync(int fd) — EINVAL on streams, as on pipes and terminals.</summary>
    [ShimExport("fsync")]
    [ShimExport("fdatasync")]
    public static int fsync(int fd)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if (d.Kind == DescriptionKind.Stream)
            return Fail(Errno.EINVAL);
        if (d.Kind == DescriptionKind.Directory)
            return 0;
        try
        {
            // As FileStream.Flush(flushToDisk: true) did: only a writable file is synced.
            if (d.CanWrite)
                RandomAccess.FlushToDisk(d.Handle!);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    /// <summary>int ftruncate(int fd, off_t length) — the offset stays where it was.</summary>
    [ShimExport("ftruncate")]
    [ShimExport("ftruncate64")]
    public static int ftruncate(int fd, long length)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null)
            return Fail(Errno.EBADF);
        if (length < 0 || d.Kind != DescriptionKind.Regular || !d.CanWrite)
            return Fail(Errno.EINVAL);
        try
        {
            RandomAccess.SetLength(d.Handle!, length);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or ObjectDisposedException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }
}
