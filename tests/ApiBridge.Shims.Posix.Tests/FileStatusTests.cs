using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>stat(2) family, the x86-64 struct stat and struct dirent64 layouts, opendir/readdir/closedir.</summary>
public sealed unsafe class FileStatusTests : PosixTest
{
    [Theory]
    [InlineData("st_dev", 0)]
    [InlineData("st_ino", 8)]
    [InlineData("st_nlink", 16)]
    [InlineData("st_mode", 24)]
    [InlineData("st_uid", 28)]
    [InlineData("st_gid", 32)]
    [InlineData("st_rdev", 40)]
    [InlineData("st_size", 48)]
    [InlineData("st_blksize", 56)]
    [InlineData("st_blocks", 64)]
    [InlineData("st_atim", 72)]
    [InlineData("st_mtim", 88)]
    [InlineData("st_ctim", 104)]
    public void StatLayout_MatchesX8664Linux(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<Stat>(field));

    [Fact]
    public void StructSizes_MatchX8664Linux()
    {
        Assert.Equal(144, sizeof(Stat));
        Assert.Equal(16, sizeof(Timespec));
        Assert.Equal(16, sizeof(Timeval));
        Assert.Equal(56, sizeof(Tm));
        Assert.Equal(280, sizeof(Dirent64));
        Assert.Equal(19, (int)Marshal.OffsetOf<Dirent64>("d_name"));
        Assert.Equal(18, (int)Marshal.OffsetOf<Dirent64>("d_type"));
        Assert.Equal(40, (int)Marshal.OffsetOf<Tm>("tm_gmtoff"));
    }

    [Fact]
    public void Stat_RegularFile_SizeModeTimes()
    {
        File.WriteAllText(P("f"), "12345");
        var mtime = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(P("f"), mtime);
        Assert.Equal(0, Stat(P("f"), out var st));
        Assert.Equal(Native.Stat.S_IFREG, st.st_mode & Native.Stat.S_IFMT);
        Assert.Equal(5, st.st_size);
        Assert.Equal(1UL, st.st_nlink);
        Assert.Equal(new DateTimeOffset(mtime).ToUnixTimeSeconds(), st.st_mtim.tv_sec);
        Assert.NotEqual(0UL, st.st_ino);
        if (!OperatingSystem.IsWindows())
            Assert.Equal((uint)File.GetUnixFileMode(P("f")), st.st_mode & 0xFFF);
    }

    [Fact]
    public void Stat_Folder_IsSIFDIR_MissingIsENOENT_ThroughFileIsENOTDIR()
    {
        Directory.CreateDirectory(P("d"));
        File.WriteAllText(P("f"), "x");
        Assert.Equal(0, Stat(P("d"), out var st));
        Assert.Equal(Native.Stat.S_IFDIR, st.st_mode & Native.Stat.S_IFMT);
        Assert.Equal(-1, Stat(P("missing"), out _));
        Assert.Equal(2, Errno);
        Assert.Equal(-1, Stat(P("f/x"), out _));
        Assert.Equal(20, Errno);
        Assert.Equal(-1, Stat(P("f/"), out _));
        Assert.Equal(20, Errno);
    }

    [Fact]
    public void Lstat_SeesTheLink_StatTheTarget()
    {
        File.WriteAllText(P("target"), "0123456789");
        File.CreateSymbolicLink(P("link"), P("target"));
        Assert.Equal(0, Lstat(P("link"), out var link));
        Assert.Equal(Native.Stat.S_IFLNK, link.st_mode & Native.Stat.S_IFMT);
        Assert.Equal(P("target").Length, link.st_size);
        Assert.Equal(0, Stat(P("link"), out var target));
        Assert.Equal(Native.Stat.S_IFREG, target.st_mode & Native.Stat.S_IFMT);
        Assert.Equal(10, target.st_size);
    }

    [Fact]
    public void Fstat_MatchesStat_OnSizeAndInode_BadDescriptorIsEBADF()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR);
        Write(fd, "abc");
        Stat byFd;
        Assert.Equal(0, FileStatus.fstat(fd, &byFd));
        Assert.Equal(0, Stat(P("f"), out var byPath));
        Assert.Equal(3, byFd.st_size);
        Assert.Equal(byPath.st_ino, byFd.st_ino);
        Assert.Equal(byPath.st_dev, byFd.st_dev);
        Assert.Equal(-1, FileStatus.fstat(99, &byFd));
        Assert.Equal(9, Errno);
    }

    [Fact]
    public void VersionedEntryPoints_AcceptVersion0And1_OthersAreEINVAL()
    {
        File.WriteAllText(P("f"), "abcd");
        Stat st;
        fixed (byte* p = Z(P("f")))
        {
            Assert.Equal(0, FileStatus.__xstat(1, p, &st));
            Assert.Equal(4, st.st_size);
            Assert.Equal(0, FileStatus.__lxstat(0, p, &st));
            Assert.Equal(-1, FileStatus.__xstat(3, p, &st));
            Assert.Equal(22, Errno);
        }
        var fd = Open(P("f"), O_RDONLY);
        Assert.Equal(0, FileStatus.__fxstat(1, fd, &st));
        Assert.Equal(4, st.st_size);
    }

    [Fact]
    public void Readdir_ListsDotDotDotAndEntries_WithTypes()
    {
        Directory.CreateDirectory(P("d/sub"));
        File.WriteAllText(P("d/file.txt"), "x");
        Assert.Equal([".", "..", "file.txt", "sub"], ListDirectory(P("d")));

        void* dir;
        fixed (byte* p = Z(P("d"))) dir = Directories.opendir(p);
        var types = new Dictionary<string, byte>();
        for (Dirent64* e; (e = Directories.readdir(dir)) != null;)
        {
            types[Str(e->d_name)!] = e->d_type;
            Assert.Equal(0, e->d_reclen % 8);
        }
        Assert.Equal(Dirent64.DT_DIR, types["sub"]);
        Assert.Equal(Dirent64.DT_REG, types["file.txt"]);
        Assert.Equal(0, Directories.closedir(dir));
    }

    [Fact]
    public void Readdir_AtTheEnd_IsNullWithErrnoUntouched_ClosedirTwiceIsEBADF()
    {
        Directory.CreateDirectory(P("d"));
        void* dir;
        fixed (byte* p = Z(P("d"))) dir = Directories.opendir(p);
        Assert.True(dir != null);
        while (Directories.readdir(dir) != null) { }
        ApiBridge.Runtime.LastError.Set(0);
        Assert.True(Directories.readdir(dir) == null);
        Assert.Equal(0, Errno);
        Assert.Equal(0, Directories.closedir(dir));
        Assert.Equal(-1, Directories.closedir(dir));
        Assert.Equal(9, Errno);
        Assert.True(Directories.readdir(dir) == null);
        Assert.Equal(9, Errno);
    }

    [Fact]
    public void Opendir_MissingIsENOENT_FileIsENOTDIR()
    {
        File.WriteAllText(P("f"), "x");
        fixed (byte* p = Z(P("missing"))) Assert.True(Directories.opendir(p) == null);
        Assert.Equal(2, Errno);
        fixed (byte* p = Z(P("f"))) Assert.True(Directories.opendir(p) == null);
        Assert.Equal(20, Errno);
    }
}
