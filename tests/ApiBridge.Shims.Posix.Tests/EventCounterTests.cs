using ApiBridge.Shims.Posix.Libc;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>eventfd: the counter's read and write rules, blocking and not, as Linux's eventfd(2) gives them.</summary>
public sealed unsafe class EventCounterTests : PosixTest
{
    private static long ReadCount(int fd)
    {
        ulong value;
        var n = Files.read(fd, (byte*)&value, 8);
        return n < 0 ? -1 : (long)value;
    }

    private static nint Add(int fd, ulong value) => Files.write(fd, (byte*)&value, 8);

    [Fact]
    public void A_read_takes_the_whole_count_and_a_semaphore_one_at_a_time()
    {
        var fd = EventCounters.eventfd(3, EventCounters.EFD_NONBLOCK);
        Assert.Equal(8, Add(fd, 4));
        Assert.Equal(7, ReadCount(fd));
        Assert.Equal(-1, ReadCount(fd));
        Assert.Equal(E.EAGAIN, Errno); // 0 and nonblocking

        var sem = EventCounters.eventfd(2, EventCounters.EFD_SEMAPHORE | EventCounters.EFD_NONBLOCK | EventCounters.EFD_CLOEXEC);
        Assert.Equal((1L, 1L, -1L), (ReadCount(sem), ReadCount(sem), ReadCount(sem)));
        Assert.Equal(Files.FD_CLOEXEC, Files.fcntl(sem, Files.F_GETFD, 0));
        Assert.Equal(O_RDWR | O_NONBLOCK, Files.fcntl(sem, Files.F_GETFL, 0));
        Files.close(fd);
        Files.close(sem);
    }

    [Fact]
    public void Sizes_and_values_Linux_refuses_are_EINVAL_and_overflow_is_EAGAIN()
    {
        var fd = EventCounters.eventfd(0, EventCounters.EFD_NONBLOCK);
        uint small = 1;
        Assert.Equal(-1, Files.write(fd, (byte*)&small, 4));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.read(fd, (byte*)&small, 4));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Add(fd, ulong.MaxValue));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(8, Add(fd, 0xFFFF_FFFF_FFFF_FFFE)); // the largest count
        Assert.Equal(-1, Add(fd, 1));
        Assert.Equal(E.EAGAIN, Errno);
        Assert.Equal(-1, EventCounters.eventfd(0, 0x10));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.lseek(fd, 0, SEEK_SET));
        Assert.Equal(E.ESPIPE, Errno);
        Native.Stat st;
        Assert.Equal(0, FileStatus.fstat(fd, &st));
        Assert.Equal(0x180u, st.st_mode); // an anonymous inode, rw for the owner
        Files.close(fd);
    }

    [Fact]
    public void A_blocking_read_waits_for_a_write_from_another_thread()
    {
        var fd = EventCounters.eventfd(0, 0);
        var reader = Task.Run(() => ReadCount(fd));
        Assert.False(reader.Wait(100)); // nothing yet: blocked
        Assert.Equal(8, Add(fd, 5));
        Assert.True(reader.Wait(5000));
        Assert.Equal(5, reader.Result);
        Files.close(fd);
    }
}
