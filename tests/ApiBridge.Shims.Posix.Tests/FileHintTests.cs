using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Libc;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>euidaccess, posix_fadvise, readahead, fallocate, posix_fallocate, sync_file_range, syncfs: the kernel's checks in its order, and their effect.</summary>
public sealed unsafe class FileHintTests : PosixTest
{
    [Fact]
    public void Euidaccess_and_eaccess_check_with_the_effective_ids()
    {
        File.WriteAllText(P("f"), "x");
        File.SetUnixFileMode(P("f"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        fixed (byte* f = Z(P("f"))) fixed (byte* missing = Z(P("none")))
        {
            Assert.Equal(0, Files.euidaccess(f, R_OK | W_OK));
            Assert.Equal(-1, Files.euidaccess(f, X_OK)); // no execute bit: refused even to root
            Assert.Equal(E.EACCES, Errno);
            Assert.Equal(-1, Files.euidaccess(missing, F_OK));
            Assert.Equal(E.ENOENT, Errno);
            Assert.Equal(-1, Files.euidaccess(f, 8));
            Assert.Equal(E.EINVAL, Errno);
        }
    }

    [Fact]
    public void Advice_and_readahead_check_the_descriptor_and_change_nothing()
    {
        File.WriteAllText(P("f"), "0123456789");
        var fd = Open(P("f"), O_RDWR);
        var writeOnly = Open(P("f"), O_WRONLY);
        var dir = Open(Scratch, O_RDONLY | O_DIRECTORY);
        var pipe = stackalloc int[2];
        Pipes.pipe(pipe);
        LastError.Set(0);
        Assert.Equal(0, Files.posix_fadvise(fd, 0, 0, 4 /* POSIX_FADV_DONTNEED */));
        Assert.Equal(0, Files.posix_fadvise(fd, -1, 5, 0)); // Linux takes a negative offset
        Assert.Equal(E.EINVAL, Files.posix_fadvise(fd, 0, 0, 9));
        Assert.Equal(E.EINVAL, Files.posix_fadvise(fd, 0, -1, 0));
        Assert.Equal(E.ESPIPE, Files.posix_fadvise(pipe[0], 0, 0, 0));
        Assert.Equal(E.EBADF, Files.posix_fadvise(99, 0, 0, 0));
        Assert.Equal(0, Errno); // results are returned, not put in errno

        Assert.Equal(0, Files.readahead(fd, 0, 10));
        Assert.Equal(-1, Files.readahead(writeOnly, 0, 10));
        Assert.Equal(E.EBADF, Errno);
        Assert.Equal(-1, Files.readahead(pipe[0], 0, 10));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.readahead(dir, 0, 10));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal("0123456789", Read(fd, 20)); // the offset did not move
        foreach (var d in new[] { fd, writeOnly, dir, pipe[0], pipe[1] }) Files.close(d);
    }

    [Fact]
    public void Fallocate_grows_keeps_or_zeroes_as_its_mode_says()
    {
        File.WriteAllText(P("f"), "0123456789");
        var fd = Open(P("f"), O_RDWR);
        Assert.Equal(0, Files.fallocate(fd, 0, 5, 20));
        Assert.Equal(25, new FileInfo(P("f")).Length);
        Assert.Equal(0, Files.fallocate(fd, 0, 0, 4)); // inside the file: no change
        Assert.Equal(25, new FileInfo(P("f")).Length);
        Assert.Equal(0, Files.fallocate(fd, Files.FALLOC_FL_KEEP_SIZE, 0, 100));
        Assert.Equal(25, new FileInfo(P("f")).Length);
        Assert.Equal(0, Files.fallocate(fd, Files.FALLOC_FL_PUNCH_HOLE | Files.FALLOC_FL_KEEP_SIZE, 2, 3));
        Assert.Equal("01\0\0\056789", File.ReadAllText(P("f"))[..10]);
        Assert.Equal(25, new FileInfo(P("f")).Length);

        Assert.Equal(-1, Files.fallocate(fd, Files.FALLOC_FL_PUNCH_HOLE, 0, 1));
        Assert.Equal(E.EOPNOTSUPP, Errno); // a hole needs KEEP_SIZE
        Assert.Equal(-1, Files.fallocate(fd, 0x40, 0, 1));
        Assert.Equal(E.EOPNOTSUPP, Errno);
        Assert.Equal(-1, Files.fallocate(fd, 0, 0, 0));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.fallocate(fd, 0, -1, 1));
        Assert.Equal(E.EINVAL, Errno);
        var readOnly = Open(P("f"), O_RDONLY);
        Assert.Equal(-1, Files.fallocate(readOnly, 0, 0, 100));
        Assert.Equal(E.EBADF, Errno);
        var pipe = stackalloc int[2];
        Pipes.pipe(pipe);
        Assert.Equal(-1, Files.fallocate(pipe[1], 0, 0, 1));
        Assert.Equal(E.ESPIPE, Errno);

        LastError.Set(0);
        Assert.Equal(0, Files.posix_fallocate(fd, 0, 30));
        Assert.Equal(30, new FileInfo(P("f")).Length);
        Assert.Equal(E.EBADF, Files.posix_fallocate(readOnly, 0, 10));
        Assert.Equal(E.EINVAL, Files.posix_fallocate(fd, 0, 0));
        Assert.Equal(E.ESPIPE, Files.posix_fallocate(pipe[1], 0, 10));
        Assert.Equal(0, Errno);
        foreach (var d in new[] { fd, readOnly, pipe[0], pipe[1] }) Files.close(d);
    }

    [Fact]
    public void The_range_and_file_system_syncs_check_in_the_kernels_order()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR);
        Write(fd, "data");
        var dir = Open(Scratch, O_RDONLY | O_DIRECTORY);
        var pipe = stackalloc int[2];
        Pipes.pipe(pipe);
        Assert.Equal(0, Files.sync_file_range(fd, 0, 0, Files.SYNC_FILE_RANGE_WRITE | Files.SYNC_FILE_RANGE_WAIT_AFTER));
        Assert.Equal(0, Files.sync_file_range(dir, 0, 0, Files.SYNC_FILE_RANGE_WRITE));
        Assert.Equal(-1, Files.sync_file_range(fd, 0, 0, 8));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.sync_file_range(fd, -1, 0, 1));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.sync_file_range(fd, long.MaxValue, 2, 1));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.sync_file_range(pipe[1], 0, 0, 1));
        Assert.Equal(E.ESPIPE, Errno);
        Assert.Equal(-1, Files.sync_file_range(99, 0, 0, 8));
        Assert.Equal(E.EBADF, Errno); // the descriptor before the flags

        Assert.Equal(0, Files.syncfs(fd));
        Assert.Equal(0, Files.syncfs(dir));
        Assert.Equal(-1, Files.syncfs(99));
        Assert.Equal(E.EBADF, Errno);
        Assert.Equal("data", File.ReadAllText(P("f")));
        foreach (var d in new[] { fd, dir, pipe[0], pipe[1] }) Files.close(d);
    }
}
