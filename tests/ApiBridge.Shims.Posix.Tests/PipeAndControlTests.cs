using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>pipe/pipe2, fcntl and ioctl on the guest's descriptor table: Linux's results and errno.</summary>
public sealed unsafe class PipeAndControlTests : PosixTest
{
    [Fact]
    public void A_pipe_carries_bytes_then_ends_and_a_write_without_reader_is_EPIPE()
    {
        var fds = stackalloc int[2];
        Assert.Equal(0, Pipes.pipe(fds));
        Assert.Equal((3, 4), (fds[0], fds[1])); // the lowest free numbers
        Assert.Equal(5, Write(fds[1], "hello"));
        Assert.Equal("hel", Read(fds[0], 3));
        int pending;
        Assert.Equal(0, Files.ioctl(fds[0], Files.FIONREAD, (nint)(&pending)));
        Assert.Equal(2, pending);
        Assert.Equal("lo", Read(fds[0], 10));
        Assert.Equal(-1, Files.lseek(fds[0], 0, SEEK_CUR));
        Assert.Equal(E.ESPIPE, Errno);
        Assert.Equal(-1, Write(fds[0], "x"));
        Assert.Equal(E.EBADF, Errno); // the read end is not open for writing
        Native.Stat st;
        Assert.Equal(0, FileStatus.fstat(fds[0], &st));
        Assert.Equal(Native.Stat.S_IFIFO, st.st_mode & 0xF000);

        Assert.Equal(0, Files.close(fds[1]));
        Assert.Equal("", Read(fds[0], 10)); // end of file: every writer closed

        Assert.Equal(0, Pipes.pipe(fds));
        Assert.Equal(0, Files.close(fds[0]));
        Assert.Equal(-1, Write(fds[1], "x"));
        Assert.Equal(E.EPIPE, Errno);
        Files.close(fds[1]);
    }

    [Fact]
    public void Pipe2_takes_cloexec_and_nonblock_only()
    {
        var fds = stackalloc int[2];
        Assert.Equal(-1, Pipes.pipe2(fds, O_DIRECTORY));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Pipes.pipe2(null, 0));
        Assert.Equal(E.EFAULT, Errno);
        Assert.Equal(0, Pipes.pipe2(fds, O_CLOEXEC | O_NONBLOCK));
        Assert.Equal(Files.FD_CLOEXEC, Files.fcntl(fds[0], Files.F_GETFD, 0));
        Assert.Equal(O_RDONLY | O_NONBLOCK, Files.fcntl(fds[0], Files.F_GETFL, 0));
        Assert.Equal(O_WRONLY | O_NONBLOCK, Files.fcntl(fds[1], Files.F_GETFL, 0));
        Assert.Null(Read(fds[0], 4));
        Assert.Equal(E.EAGAIN, Errno); // empty, a writer left: no blocking
        Write(fds[1], "ab");
        Assert.Equal("ab", Read(fds[0], 4));
        Assert.Equal(65536, Files.fcntl(fds[0], Files.F_GETPIPE_SZ, 0));
        Files.close(fds[1]);
        Assert.Equal("", Read(fds[0], 4)); // closed: end of file, not EAGAIN
        Files.close(fds[0]);
    }

    [Fact]
    public void Fcntl_duplicates_and_keeps_descriptor_and_status_flags()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR | O_CLOEXEC | O_TRUNC);
        Assert.Equal(O_RDWR | 0x8000, Files.fcntl(fd, Files.F_GETFL, 0)); // creation flags gone, O_LARGEFILE shown
        Assert.Equal(Files.FD_CLOEXEC, Files.fcntl(fd, Files.F_GETFD, 0));
        Assert.Equal(0, Files.fcntl(fd, Files.F_SETFD, 0));
        Assert.Equal(0, Files.fcntl(fd, Files.F_GETFD, 0));

        Assert.Equal(10, Files.fcntl(fd, Files.F_DUPFD, 10));
        Assert.Equal(11, Files.fcntl(fd, Files.F_DUPFD_CLOEXEC, 10));
        Assert.Equal((0, Files.FD_CLOEXEC), (Files.fcntl(10, Files.F_GETFD, 0), Files.fcntl(11, Files.F_GETFD, 0)));
        Assert.Equal(-1, Files.fcntl(fd, Files.F_DUPFD, -1));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.fcntl(fd, Files.F_DUPFD, 1024));
        Assert.Equal(E.EINVAL, Errno);

        // F_SETFL O_APPEND: the shared description now writes at the end, whatever the offset.
        Write(fd, "abc");
        Assert.Equal(0L, Files.lseek(10, 0, SEEK_SET));
        Assert.Equal(0, Files.fcntl(fd, Files.F_SETFL, O_APPEND | O_WRONLY | O_TRUNC));
        Assert.Equal(O_RDWR | O_APPEND | 0x8000, Files.fcntl(10, Files.F_GETFL, 0)); // access mode unchanged
        Write(10, "d");
        Assert.Equal("abcd", File.ReadAllText(P("f")));

        Assert.Equal(-1, Files.fcntl(fd, 12345, 0));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.fcntl(fd, Files.F_GETPIPE_SZ, 0));
        Assert.Equal(E.EBADF, Errno);
        Assert.Equal(-1, Files.fcntl(77, Files.F_GETFD, 0));
        Assert.Equal(E.EBADF, Errno);
        Assert.Equal(2, Files.fcntl(fd, Files.F_GETLEASE, 0));
        foreach (var d in new[] { fd, 10, 11 }) Files.close(d);
        Assert.Equal(-1, Files.fcntl(10, Files.F_GETFD, 0));
        Assert.Equal(E.EBADF, Errno);
    }

    [Fact]
    public void Fcntl_record_locks_reach_the_file()
    {
        var fd = Open(P("locked"), O_CREAT | O_RDWR);
        // struct flock: short l_type, short l_whence, off_t l_start, off_t l_len, pid_t l_pid.
        var flock = stackalloc long[4];
        ((short*)flock)[0] = 1; // F_WRLCK
        flock[1] = 0;
        flock[2] = 10;
        Assert.Equal(0, Files.fcntl(fd, Files.F_SETLK, (nint)flock));
        // Another process sees the lock: util-linux's flock(1) cannot, but a second open file description's OFD query can.
        var other = Open(P("locked"), O_RDWR);
        var query = stackalloc long[4];
        ((short*)query)[0] = 1;
        query[2] = 10;
        Assert.Equal(0, Files.fcntl(other, Files.F_OFD_GETLK, (nint)query));
        Assert.Equal(1, ((short*)query)[0]); // F_WRLCK: held by our process-associated lock
        Assert.Equal(-1, Files.fcntl(fd, Files.F_SETLK, 0));
        Assert.Equal(E.EFAULT, Errno);
        Files.close(other);
        Files.close(fd);
    }

    [Fact]
    public void Lockf_locks_from_the_offset_and_unlocks()
    {
        var fd = Open(P("locked"), O_CREAT | O_RDWR);
        Write(fd, "0123456789");
        Files.lseek(fd, 4, SEEK_SET);
        Assert.Equal(0, Files.lockf(fd, Files.F_TLOCK, 3));
        Assert.Equal(0, Files.lockf(fd, Files.F_TEST, 3)); // our own lock does not count

        // What an open file description of its own sees: the bytes 4–6 write-locked, from this process.
        var other = Open(P("locked"), O_RDWR);
        var query = stackalloc long[4];
        ((short*)query)[0] = 1; // F_WRLCK
        query[1] = 0;
        query[2] = 10;
        Assert.Equal(0, Files.fcntl(other, Files.F_OFD_GETLK, (nint)query));
        Assert.Equal((1, 4L, 3L), (((short*)query)[0], query[1], query[2]));

        Assert.Equal(0, Files.lockf(fd, Files.F_ULOCK, 3));
        ((short*)query)[0] = 1;
        query[1] = 0;
        query[2] = 10;
        query[3] = 0; // an OFD query must have l_pid 0
        Assert.Equal(0, Files.fcntl(other, Files.F_OFD_GETLK, (nint)query));
        Assert.Equal(2, ((short*)query)[0]); // F_UNLCK: nothing left
        Assert.Equal(-1, Files.lockf(fd, 7, 3));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.lockf(99, Files.F_LOCK, 0));
        Assert.Equal(E.EBADF, Errno);
        Files.close(other);
        Files.close(fd);
    }

    [Fact]
    public void Ioctl_answers_the_generic_requests_and_ENOTTY_for_the_rest()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR);
        Write(fd, "hello");
        Files.lseek(fd, 1, SEEK_SET);
        int n;
        Assert.Equal(0, Files.ioctl(fd, Files.FIONREAD, (nint)(&n)));
        Assert.Equal(4, n);
        Assert.Equal(-1, Files.ioctl(fd, 0x5401 /* TCGETS */, (nint)(&n)));
        Assert.Equal(E.ENOTTY, Errno);
        Assert.Equal(0, Files.ioctl(fd, Files.FIOCLEX, 0));
        Assert.Equal(Files.FD_CLOEXEC, Files.fcntl(fd, Files.F_GETFD, 0));
        Assert.Equal(0, Files.ioctl(fd, Files.FIONCLEX, 0));
        Assert.Equal(0, Files.fcntl(fd, Files.F_GETFD, 0));
        var on = 1;
        Assert.Equal(0, Files.ioctl(fd, Files.FIONBIO, (nint)(&on)));
        Assert.Equal(O_NONBLOCK, Files.fcntl(fd, Files.F_GETFL, 0) & O_NONBLOCK);
        var dir = Open(Scratch, O_RDONLY | O_DIRECTORY);
        Assert.Equal(-1, Files.ioctl(dir, Files.FIONREAD, (nint)(&n)));
        Assert.Equal(E.ENOTTY, Errno);
        Assert.Equal(-1, Files.ioctl(99, Files.FIONREAD, (nint)(&n)));
        Assert.Equal(E.EBADF, Errno);
        Files.close(dir);
        Files.close(fd);
    }
}
