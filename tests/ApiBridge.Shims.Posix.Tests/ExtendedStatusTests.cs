using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>statx: fstatat's answer in struct statx, checked against the host's statx and the shims' own stat.</summary>
public sealed unsafe class ExtendedStatusTests : PosixTest
{
    [Fact]
    public void Statx_reports_what_the_host_reports_for_files_folders_and_links()
    {
        File.WriteAllText(P("f"), "hello");
        File.SetLastWriteTimeUtc(P("f"), new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567));
        Directory.CreateDirectory(P("d"));
        File.CreateSymbolicLink(P("l"), P("f"));
        foreach (var (name, flags) in new[] { ("f", 0), ("d", 0), ("l", 0), ("l", AT_SYMLINK_NOFOLLOW) })
        {
            Statx ours, theirs;
            fixed (byte* p = Z(P(name)))
            {
                Assert.Equal(0, ExtendedStatus.statx(AT_FDCWD, p, flags, Statx.STATX_BASIC_STATS, &ours));
                Assert.Equal(0, HostC.statx(AT_FDCWD, p, flags, Statx.STATX_BASIC_STATS, &theirs));
            }
            Assert.Equal(Statx.STATX_BASIC_STATS, ours.stx_mask & Statx.STATX_BASIC_STATS);
            Assert.Equal((theirs.stx_mode, theirs.stx_uid, theirs.stx_gid), (ours.stx_mode, ours.stx_uid, ours.stx_gid));
            if ((theirs.stx_mode & Native.Stat.S_IFMT) != Native.Stat.S_IFDIR)
                Assert.Equal(theirs.stx_size, ours.stx_size);
            // To the 100 ns the shims' stat keeps where it reads times through .NET (folders, links): statx is stat's answer.
            Assert.Equal((theirs.stx_mtime.tv_sec, theirs.stx_mtime.tv_nsec / 100), (ours.stx_mtime.tv_sec, ours.stx_mtime.tv_nsec / 100));
        }
    }

    [Fact]
    public void Statx_is_stat_field_for_field_with_the_device_split_as_glibc_splits_it()
    {
        File.WriteAllText(P("f"), "hello");
        Native.Stat st;
        Statx stx;
        fixed (byte* p = Z(P("f")))
        {
            Assert.Equal(0, FileStatus.stat(p, &st));
            Assert.Equal(0, ExtendedStatus.statx(AT_FDCWD, p, 0, 0, &stx));
        }
        Assert.Equal((st.st_ino, (uint)st.st_nlink, (ulong)st.st_blocks, (uint)st.st_blksize), (stx.stx_ino, stx.stx_nlink, stx.stx_blocks, stx.stx_blksize));
        Assert.Equal((HostC.gnu_dev_major(st.st_dev), HostC.gnu_dev_minor(st.st_dev)), (stx.stx_dev_major, stx.stx_dev_minor));

        // Converting a made-up stat: the large device numbers glibc packs above bit 32 come back apart.
        var made = new Native.Stat { st_dev = 0x0000_1234_5678_9ABCUL, st_rdev = 0xFFFF_F000_0000_0FFFUL };
        Convert(&made, &stx);
        Assert.Equal((HostC.gnu_dev_major(made.st_dev), HostC.gnu_dev_minor(made.st_dev)), (stx.stx_dev_major, stx.stx_dev_minor));
        Assert.Equal((HostC.gnu_dev_major(made.st_rdev), HostC.gnu_dev_minor(made.st_rdev)), (stx.stx_rdev_major, stx.stx_rdev_minor));
    }

    private static void Convert(Native.Stat* st, Statx* stx) => ExtendedStatus.Convert(st, stx);

    [Fact]
    public void Statx_takes_a_descriptor_with_AT_EMPTY_PATH_and_refuses_bad_flags()
    {
        File.WriteAllText(P("f"), "12345678");
        var fd = Open(P("f"), O_RDONLY);
        Statx stx;
        fixed (byte* empty = Z("")) fixed (byte* f = Z(P("f")))
        {
            Assert.Equal(0, ExtendedStatus.statx(fd, empty, AT_EMPTY_PATH, Statx.STATX_BASIC_STATS, &stx));
            Assert.Equal(8UL, stx.stx_size);
            Assert.Equal(Native.Stat.S_IFREG, stx.stx_mode & Native.Stat.S_IFMT);
            Directory.SetCurrentDirectory(Scratch);
            Assert.Equal(0, ExtendedStatus.statx(AT_FDCWD, empty, AT_EMPTY_PATH, 0, &stx));
            Assert.Equal(Native.Stat.S_IFDIR, stx.stx_mode & Native.Stat.S_IFMT);
            Assert.Equal(-1, ExtendedStatus.statx(fd, empty, 0, 0, &stx));
            Assert.Equal(E.ENOENT, Errno); // an empty path without AT_EMPTY_PATH
            Assert.Equal(-1, ExtendedStatus.statx(AT_FDCWD, f, 0x6000, 0, &stx));
            Assert.Equal(E.EINVAL, Errno); // both sync types
            Assert.Equal(-1, ExtendedStatus.statx(AT_FDCWD, f, 0, Statx.STATX__RESERVED, &stx));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(-1, ExtendedStatus.statx(AT_FDCWD, f, 0x1, 0, &stx));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(-1, ExtendedStatus.statx(99, empty, AT_EMPTY_PATH, 0, &stx));
            Assert.Equal(E.EBADF, Errno);
        }
        Files.close(fd);
    }
}
