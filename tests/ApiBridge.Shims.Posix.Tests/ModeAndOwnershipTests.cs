using E = ApiBridge.Shims.Posix.Errno;
using System.Diagnostics;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// fchmod/fchmodat/umask, chown/fchown/lchown/fchownat, the *at forms of access/unlink/mkdir, mkfifo: Linux's results
/// and errno (chmod(2), chown(2), umask(2), unlinkat(2)). On this Linux host the calls reach the host; the rule a
/// Windows host applies instead is checked on its own.
/// </summary>
public sealed unsafe class ModeAndOwnershipTests : PosixTest
{
    private uint ModeOf(string path) => Stat(path, out var st) == 0 ? st.st_mode & 0xFFF : uint.MaxValue;

    [Fact]
    public void Fchmodat_and_fchmod_set_the_bits_and_refuse_as_linux()
    {
        File.WriteAllText(P("f"), "x");
        var dirfd = OpenAt(AT_FDCWD, Scratch, O_RDONLY | O_DIRECTORY);
        fixed (byte* name = Z("f"))
        {
            Assert.Equal(0, FileModes.fchmodat(dirfd, name, 0x180 /* 0600 */, 0));
            Assert.Equal(0x180u, ModeOf(P("f")));
            Assert.Equal(-1, FileModes.fchmodat(dirfd, name, 0x180, 0x1));
            Assert.Equal(E.EINVAL, Errno);
        }
        var fd = Open(P("f"), O_RDONLY);
        Assert.Equal(0, FileModes.fchmod(fd, 0x1A0 /* 0640 */));
        Assert.Equal(0x1A0u, ModeOf(P("f")));
        Files.close(fd);
        Assert.Equal(-1, FileModes.fchmod(fd, 0x1A0));
        Assert.Equal(E.EBADF, Errno);

        File.CreateSymbolicLink(P("l"), P("f"));
        fixed (byte* name = Z("l"))
            Assert.Equal(-1, FileModes.fchmodat(dirfd, name, 0x1FF, AT_SYMLINK_NOFOLLOW));
        Assert.Equal(FileModes.EOPNOTSUPP, Errno);
        Assert.Equal(-1, PathCall(P("f") + "/", &ChmodAll));
        Assert.Equal(E.ENOTDIR, Errno);
        Files.close(dirfd);
    }

    private static int ChmodAll(byte* path) => Files.chmod(path, 0x1FF);

    [Fact]
    public void Umask_returns_the_previous_mask_and_applies_to_new_files()
    {
        var old = FileModes.umask(0x3F); // 077
        try
        {
            Assert.Equal(0x3Fu, FileModes.umask(0x3F));
            var fd = Open(P("new"), O_CREAT | O_WRONLY, 0x1B6 /* 0666 */);
            Assert.True(fd >= 0);
            Files.close(fd);
            Assert.Equal(0x180u, ModeOf(P("new")));
            Assert.Equal(0, Mkdir(P("dir"), 0x1FF));
            Assert.Equal(0x1C0u, ModeOf(P("dir")));
        }
        finally
        {
            Assert.Equal(0x3Fu, FileModes.umask(old));
        }
    }

    [Fact]
    public void Chown_reaches_the_host_and_lchown_changes_the_link_itself()
    {
        File.WriteAllText(P("f"), "x");
        File.CreateSymbolicLink(P("l"), "f");
        fixed (byte* link = Z(P("l")))
        {
            Assert.Equal(0, Ownership.chown(link, 1234, 2345)); // follows the link (this host runs the tests as root)
            Assert.Equal("1234:2345", HostStat("%u:%g", P("f")));
            Assert.Equal(0, Ownership.lchown(link, 4321, OwnershipRules.Unchanged));
            Assert.Equal("4321:0", HostStat("%u:%g", P("l")));
            Assert.Equal("1234:2345", HostStat("%u:%g", P("f")));
        }
        var fd = Open(P("f"), O_RDONLY);
        Assert.Equal(0, Ownership.fchown(fd, 7, 8));
        Assert.Equal("7:8", HostStat("%u:%g", P("f")));
        fixed (byte* empty = Z(""))
        {
            Assert.Equal(0, Ownership.fchownat(fd, empty, 9, 9, AT_EMPTY_PATH));
            Assert.Equal(-1, Ownership.fchownat(fd, empty, 9, 9, 0));
            Assert.Equal(E.ENOENT, Errno);
        }
        Assert.Equal("9:9", HostStat("%u:%g", P("f")));
        Files.close(fd);

        Assert.Equal(-1, Ownership.fchown(fd, 0, 0));
        Assert.Equal(E.EBADF, Errno);
        fixed (byte* missing = Z(P("missing")))
        {
            Assert.Equal(-1, Ownership.chown(missing, 0, 0));
            Assert.Equal(E.ENOENT, Errno);
            Assert.Equal(-1, Ownership.fchownat(AT_FDCWD, missing, 0, 0, 0x2));
            Assert.Equal(E.EINVAL, Errno);
        }
    }

    [Theory]
    [InlineData(OwnershipRules.Unchanged, OwnershipRules.Unchanged, 0)]
    [InlineData(1000u, 1000u, 0)] // naming what it already is
    [InlineData(OwnershipRules.Unchanged, 1000u, 0)]
    [InlineData(0u, OwnershipRules.Unchanged, E.EPERM)] // giving a file away
    [InlineData(1001u, 1000u, E.EPERM)]
    [InlineData(OwnershipRules.Unchanged, 0u, E.EPERM)] // a group the user is not in
    public void An_unprivileged_guest_keeps_its_files(uint owner, uint group, int expected)
    {
        var user = new PosixIdentity(1000, 1000, 1000, 1000);
        Assert.Equal(expected, OwnershipRules.ChangeError(user, owner, group));
        Assert.Equal(0, OwnershipRules.ChangeError(new PosixIdentity(0, 0, 0, 0), owner, group)); // root may
    }

    [Fact]
    public void The_at_forms_of_mkdir_unlink_and_access()
    {
        var dirfd = OpenAt(AT_FDCWD, Scratch, O_RDONLY | O_DIRECTORY);
        File.WriteAllText(P("file"), "x");
        fixed (byte* sub = Z("sub")) fixed (byte* file = Z("file")) fixed (byte* dangling = Z("dangling"))
        {
            Assert.Equal(0, Files.mkdirat(dirfd, sub, 0x1ED));
            Assert.True(Directory.Exists(P("sub")));
            Assert.Equal(-1, Files.unlinkat(dirfd, sub, 0));
            Assert.Equal(E.EISDIR, Errno);
            Assert.Equal(-1, Files.unlinkat(dirfd, file, AT_REMOVEDIR));
            Assert.Equal(E.ENOTDIR, Errno);
            Assert.Equal(-1, Files.unlinkat(dirfd, sub, 0x1));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(0, Files.unlinkat(dirfd, sub, AT_REMOVEDIR));
            Assert.False(Directory.Exists(P("sub")));

            Assert.Equal(0, Files.faccessat(dirfd, file, R_OK, 0));
            File.CreateSymbolicLink(P("dangling"), "nowhere");
            Assert.Equal(-1, Files.faccessat(dirfd, dangling, F_OK, 0));
            Assert.Equal(E.ENOENT, Errno);
            Assert.Equal(0, Files.faccessat(dirfd, dangling, F_OK, AT_SYMLINK_NOFOLLOW)); // the link itself is there
            Assert.Equal(-1, Files.faccessat(dirfd, file, F_OK, 0x1));
            Assert.Equal(E.EINVAL, Errno);

            Assert.Equal(0, Files.unlinkat(dirfd, file, 0));
            Assert.False(File.Exists(P("file")));
        }
        Files.close(dirfd);
    }

    [Fact]
    public void Mkfifo_makes_a_named_pipe_on_a_linux_host()
    {
        fixed (byte* fifo = Z(P("fifo"))) fixed (byte* nowhere = Z(P("no/fifo")))
        {
            Assert.Equal(0, Files.mkfifo(fifo, 0x180));
            Assert.Equal("fifo", HostStat("%F", P("fifo")));
            Assert.Equal(-1, Files.mkfifo(fifo, 0x180));
            Assert.Equal(E.EEXIST, Errno);
            Assert.Equal(-1, Files.mkfifo(nowhere, 0x180));
            Assert.Equal(E.ENOENT, Errno);
        }
    }
}
