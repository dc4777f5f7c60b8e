using ApiBridge.Shims.Posix.Libc;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>access, unlink, rename, mkdir, rmdir, chdir, getcwd, realpath, chmod, utimensat.</summary>
public sealed unsafe class PathCallTests : PosixTest
{
    [Fact]
    public void Access_FOK_ExistsOrENOENT_BadModeIsEINVAL()
    {
        File.WriteAllText(P("f"), "x");
        Assert.Equal(0, Access(P("f"), F_OK));
        Assert.Equal(0, Access(P("f"), R_OK | W_OK));
        Assert.Equal(-1, Access(P("g"), F_OK));
        Assert.Equal(2, Errno);
        Assert.Equal(-1, Access(P("f"), 8));
        Assert.Equal(22, Errno);
    }

    [Fact]
    public void Unlink_MissingIsENOENT_FolderIsEISDIR_FileGoes()
    {
        Directory.CreateDirectory(P("d"));
        File.WriteAllText(P("f"), "x");
        Assert.Equal(-1, PathCall(P("missing"), &Files.unlink));
        Assert.Equal(2, Errno);
        Assert.Equal(-1, PathCall(P("d"), &Files.unlink));
        Assert.Equal(21, Errno);
        Assert.Equal(0, PathCall(P("f"), &Files.unlink));
        Assert.False(File.Exists(P("f")));
    }

    [Fact]
    public void Unlink_OfAnOpenFile_KeepsTheDescriptorUsable()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR);
        Assert.Equal(0, PathCall(P("f"), &Files.unlink));
        Assert.Equal(3, Write(fd, "abc"));
        Assert.Equal(0, Files.close(fd));
    }

    [Fact]
    public void Rename_ReplacesAnExistingFile_MissingSourceIsENOENT()
    {
        File.WriteAllText(P("a"), "new");
        File.WriteAllText(P("b"), "old");
        Assert.Equal(0, Rename(P("a"), P("b")));
        Assert.Equal("new", File.ReadAllText(P("b")));
        Assert.False(File.Exists(P("a")));
        Assert.Equal(-1, Rename(P("a"), P("c")));
        Assert.Equal(2, Errno);
    }

    [Fact]
    public void Rename_Folders_OverEmptyReplaces_OverNonEmptyIsENOTEMPTY_FileOverFolderIsEISDIR()
    {
        Directory.CreateDirectory(P("d1/sub"));
        Directory.CreateDirectory(P("empty"));
        Directory.CreateDirectory(P("full/x"));
        File.WriteAllText(P("f"), "x");
        Assert.Equal(-1, Rename(P("d1"), P("full")));
        Assert.Equal(39, Errno);
        Assert.Equal(0, Rename(P("d1"), P("empty")));
        Assert.True(Directory.Exists(P("empty/sub")));
        Assert.Equal(-1, Rename(P("f"), P("full")));
        Assert.Equal(21, Errno);
        Assert.Equal(-1, Rename(P("full"), P("f")));
        Assert.Equal(20, Errno);
        Assert.Equal(-1, Rename(P("full"), P("full/x/inside")));
        Assert.Equal(22, Errno);
    }

    [Fact]
    public void Mkdir_ExistingIsEEXIST_MissingParentIsENOENT_ParentFileIsENOTDIR()
    {
        Assert.Equal(0, Mkdir(P("d")));
        Assert.True(Directory.Exists(P("d")));
        Assert.Equal(-1, Mkdir(P("d")));
        Assert.Equal(17, Errno);
        File.WriteAllText(P("f"), "x");
        Assert.Equal(-1, Mkdir(P("f")));
        Assert.Equal(17, Errno);
        Assert.Equal(-1, Mkdir(P("a/b")));
        Assert.Equal(2, Errno);
        Assert.Equal(-1, Mkdir(P("f/b")));
        Assert.Equal(20, Errno);
    }

    [Fact]
    public void Rmdir_NonEmptyIsENOTEMPTY_FileIsENOTDIR_MissingIsENOENT_DotIsEINVAL()
    {
        Directory.CreateDirectory(P("d/x"));
        File.WriteAllText(P("f"), "x");
        Assert.Equal(-1, PathCall(P("d"), &Files.rmdir));
        Assert.Equal(39, Errno);
        Assert.Equal(-1, PathCall(P("f"), &Files.rmdir));
        Assert.Equal(20, Errno);
        Assert.Equal(-1, PathCall(P("missing"), &Files.rmdir));
        Assert.Equal(2, Errno);
        Assert.Equal(-1, PathCall(P("d/x/."), &Files.rmdir));
        Assert.Equal(22, Errno);
        Assert.Equal(0, PathCall(P("d/x"), &Files.rmdir));
        Assert.False(Directory.Exists(P("d/x")));
    }

    [Fact]
    public void Chdir_ThenRelativePathsAndGetcwd_FollowIt()
    {
        Directory.CreateDirectory(P("d"));
        File.WriteAllText(P("d/inner"), "x");
        Assert.Equal(0, PathCall(P("d"), &Files.chdir));
        Assert.Equal(P("d"), Getcwd());
        Assert.Equal(0, Access("inner", F_OK));
        Assert.Equal(-1, PathCall(P("d/inner"), &Files.chdir));
        Assert.Equal(20, Errno);
        Assert.Equal(-1, PathCall(P("nope"), &Files.chdir));
        Assert.Equal(2, Errno);
    }

    [Fact]
    public void Getcwd_TooSmallIsERANGE_ZeroSizeWithBufferIsEINVAL_NullBufferAllocates()
    {
        var small = new byte[2];
        fixed (byte* b = small)
        {
            Assert.True(Files.getcwd(b, 2) == null);
            Assert.Equal(34, Errno);
            Assert.True(Files.getcwd(b, 0) == null);
            Assert.Equal(22, Errno);
        }
        var allocated = Files.getcwd(null, 0);
        Assert.Equal(Directory.GetCurrentDirectory(), Str(allocated));
        System.Runtime.InteropServices.NativeMemory.Free(allocated);
    }

    [Fact]
    public void Realpath_RemovesDotsAndLinks_MissingIsENOENT()
    {
        Directory.CreateDirectory(P("d/sub"));
        File.WriteAllText(P("d/file"), "x");
        File.CreateSymbolicLink(P("link"), P("d/file"));
        Assert.Equal(P("d/file"), Realpath(P("d/sub/../file")));
        Assert.Equal(P("d/file"), Realpath(P("link")));
        Assert.Null(Realpath(P("d/missing")));
        Assert.Equal(2, Errno);
    }

    [Fact]
    public void Chmod_SetsTheModeBits_MissingIsENOENT()
    {
        File.WriteAllText(P("f"), "x");
        fixed (byte* p = Z(P("f")))
            Assert.Equal(0, Files.chmod(p, 0x100)); // 0400
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(P("f")));
        fixed (byte* p = Z(P("g")))
            Assert.Equal(-1, Files.chmod(p, 0x1A4));
        Assert.Equal(2, Errno);
    }

    [Fact]
    public void Utimensat_SetsTimes_OmitKeeps_BadNanosecondsIsEINVAL()
    {
        File.WriteAllText(P("f"), "x");
        var before = File.GetLastAccessTimeUtc(P("f"));
        var times = stackalloc Native.Timespec[2];
        times[0] = new Native.Timespec { tv_sec = 0, tv_nsec = Files.UTIME_OMIT };
        times[1] = new Native.Timespec { tv_sec = 1_000_000_000, tv_nsec = 500 };
        fixed (byte* p = Z(P("f")))
        {
            Assert.Equal(0, Files.utimensat(AT_FDCWD, p, times, 0));
            Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_000_000_000).AddTicks(5), File.GetLastWriteTimeUtc(P("f")));
            Assert.Equal(before, File.GetLastAccessTimeUtc(P("f")));
            times[1].tv_nsec = 1_000_000_000;
            Assert.Equal(-1, Files.utimensat(AT_FDCWD, p, times, 0));
            Assert.Equal(22, Errno);
            Assert.Equal(-1, Files.utimensat(AT_FDCWD, p, null, 0x4));
            Assert.Equal(22, Errno);
        }
    }
}
