using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>statvfs/fstatvfs, pathconf/fpathconf, mount/umount2, revoke and __xmknod(at), against this host.</summary>
public sealed unsafe class FileSystemAndNodeTests : PosixTest
{
    [Fact]
    public void Statvfs_is_the_file_systems_and_fstatvfs_the_same_through_a_descriptor()
    {
        File.WriteAllText(P("f"), "x");
        Statvfs ours, theirs, byDescriptor;
        fixed (byte* f = Z(P("f")))
        {
            Assert.Equal(0, FileSystems.statvfs(f, &ours));
            Assert.Equal(0, HostC.statvfs(f, &theirs));
        }
        Assert.Equal((theirs.f_bsize, theirs.f_blocks, theirs.f_files, theirs.f_namemax, theirs.f_fsid), (ours.f_bsize, ours.f_blocks, ours.f_files, ours.f_namemax, ours.f_fsid));
        var fd = Open(P("f"), O_RDONLY);
        Assert.Equal(0, FileSystems.fstatvfs(fd, &byDescriptor));
        Assert.Equal((ours.f_blocks, ours.f_fsid), (byDescriptor.f_blocks, byDescriptor.f_fsid));
        var dir = Open(Scratch, O_RDONLY | O_DIRECTORY);
        Assert.Equal(0, FileSystems.fstatvfs(dir, &byDescriptor));
        Assert.Equal(ours.f_fsid, byDescriptor.f_fsid);
        Assert.Equal(-1, FileSystems.fstatvfs(99, &byDescriptor));
        Assert.Equal(E.EBADF, Errno);
        fixed (byte* missing = Z(P("none/f")))
        {
            Assert.Equal(-1, FileSystems.statvfs(missing, &ours));
            Assert.Equal(E.ENOENT, Errno);
        }
        Files.close(fd);
        Files.close(dir);
    }

    [Fact]
    public void Pathconf_answers_as_Linux_and_the_Windows_table_agrees_but_for_NTFS_links()
    {
        fixed (byte* tmp = Z(Scratch)) fixed (byte* missing = Z(P("none")))
        {
            for (var name = -1; name <= 22; name++)
            {
                System.Runtime.InteropServices.Marshal.SetLastPInvokeError(0);
                var host = HostC.pathconf(tmp, name);
                var hostErrno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                ApiBridge.Runtime.LastError.Set(0);
                Assert.Equal(host, FileSystems.pathconf(tmp, name));
                Assert.Equal(hostErrno, Errno);
                ApiBridge.Runtime.LastError.Set(0);
                var windows = FileSystems.WindowsLimit(name);
                Assert.Equal(hostErrno, Errno);
                if (name != 0 /* _PC_LINK_MAX: NTFS's 1024 */)
                    Assert.Equal(host, windows);
            }
            Assert.Equal(-1, FileSystems.pathconf(missing, 3));
            Assert.Equal(E.ENOENT, Errno);
        }
        var fd = Open(Scratch, O_RDONLY | O_DIRECTORY);
        Assert.Equal(255, FileSystems.fpathconf(fd, 3));
        Assert.Equal(-1, FileSystems.fpathconf(99, 3));
        Assert.Equal(E.EBADF, Errno);
        Files.close(fd);
    }

    [Fact]
    public void Mounting_checks_the_target_and_unmounting_the_flags_and_revoke_is_a_stub()
    {
        fixed (byte* missing = Z(P("none"))) fixed (byte* scratch = Z(Scratch)) fixed (byte* tmpfs = Z("tmpfs"))
        {
            Assert.Equal(-1, FileSystems.mount(tmpfs, missing, tmpfs, 0, null));
            Assert.Equal(E.ENOENT, Errno);
            Assert.Equal(-1, FileSystems.umount2(scratch, 0x10));
            Assert.Equal(E.EINVAL, Errno);
            // Not a mount point: EINVAL to a caller who may unmount (this test host runs as root), EPERM to one who may not.
            Assert.Equal(-1, FileSystems.umount(scratch));
            Assert.Equal(PosixServices.Identity.EffectiveUid == 0 ? E.EINVAL : E.EPERM, Errno);
            Assert.Equal(-1, FileSystems.revoke(scratch));
            Assert.Equal(E.ENOSYS, Errno);
        }
    }

    [Fact]
    public void Xmknod_makes_files_and_fifos_and_checks_version_and_type_first()
    {
        ulong device = 0;
        fixed (byte* file = Z(P("node"))) fixed (byte* fifo = Z(P("fifo"))) fixed (byte* bad = Z(P("bad")))
        {
            Assert.Equal(-1, Files.__xmknod(1, file, 0x81A4, &device));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(0, Files.__xmknod(0, file, 0x8000 | 0x1A4, &device));
            Assert.Equal("regular empty file", HostStat("%F", P("node")));
            Assert.Equal(-1, Files.__xmknod(0, file, 0x8000 | 0x1A4, &device));
            Assert.Equal(E.EEXIST, Errno);
            Assert.Equal(0, Files.__xmknodat(0, AT_FDCWD, fifo, 0x1000 | 0x180, &device));
            Assert.Equal("fifo", HostStat("%F", P("fifo")));
            Assert.Equal(-1, Files.__xmknod(0, bad, 0x3000, &device)); // no such type
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(-1, Files.__xmknod(0, bad, 0x4000 | 0x1ED, &device)); // a folder is mkdir's
            Assert.Equal(E.EPERM, Errno);
            Assert.False(Path.Exists(P("bad")));
        }
    }
}
