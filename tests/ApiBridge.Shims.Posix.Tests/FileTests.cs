using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>open/read/write/lseek/close/dup/… against open(2), read(2), lseek(2), dup(2) and libc.md.</summary>
public sealed unsafe class FileTests : PosixTest
{
    [Fact]
    public void Open_Missing_IsENOENT_AndMissingFolderOnTheWayToo()
    {
        Assert.Equal(-1, Open(P("missing.txt"), O_RDONLY));
        Assert.Equal(2, Errno);
        Assert.Equal(-1, Open(P("nofolder/x.txt"), O_RDWR | O_CREAT));
        Assert.Equal(2, Errno);
    }

    [Fact]
    public void Open_CreatExclOnExisting_IsEEXIST()
    {
        File.WriteAllText(P("a.txt"), "x");
        Assert.Equal(-1, Open(P("a.txt"), O_CREAT | O_EXCL | O_WRONLY));
        Assert.Equal(17, Errno);
    }

    [Fact]
    public void Open_ThroughARegularFile_IsENOTDIR()
    {
        File.WriteAllText(P("a.txt"), "x");
        Assert.Equal(-1, Open(P("a.txt/b"), O_RDONLY));
        Assert.Equal(20, Errno);
    }

    [Fact]
    public void NewDescriptors_AreTheLowestFree_AfterTheStandardStreams()
    {
        var a = Open(P("a"), O_CREAT | O_RDWR);
        var b = Open(P("b"), O_CREAT | O_RDWR);
        Assert.Equal(3, a);
        Assert.Equal(4, b);
        Assert.Equal(0, Files.close(a));
        Assert.Equal(3, Open(P("c"), O_CREAT | O_RDWR));
    }

    [Fact]
    public void ReadWrite_AdvanceTheOffset_AndReadAtEndIsZero()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR);
        Assert.Equal(5, Write(fd, "hello"));
        Assert.Equal(5, Files.lseek(fd, 0, SEEK_CUR));
        Assert.Equal(0, Files.lseek(fd, 0, SEEK_SET));
        Assert.Equal("hel", Read(fd, 3));
        Assert.Equal("lo", Read(fd, 10));
        Assert.Equal("", Read(fd, 10));
        Assert.Equal("hello", File.ReadAllText(P("f")));
    }

    [Fact]
    public void Append_WritesAlwaysGoToTheEnd()
    {
        File.WriteAllText(P("f"), "abc");
        var fd = Open(P("f"), O_WRONLY | O_APPEND);
        Assert.Equal(0, Files.lseek(fd, 0, SEEK_SET));
        Assert.Equal(2, Write(fd, "de"));
        Assert.Equal(5, Files.lseek(fd, 0, SEEK_CUR));
        Assert.Equal("abcde", File.ReadAllText(P("f")));
    }

    [Fact]
    public void Lseek_EndGivesTheSize_NegativeIsEINVAL_BadWhenceIsEINVAL()
    {
        File.WriteAllText(P("f"), "0123456789");
        var fd = Open(P("f"), O_RDONLY);
        Assert.Equal(10, Files.lseek(fd, 0, SEEK_END));
        Assert.Equal(-1, Files.lseek(fd, -11, SEEK_END));
        Assert.Equal(22, Errno);
        Assert.Equal(10, Files.lseek(fd, 0, SEEK_CUR)); // unchanged by the failed seek
        Assert.Equal(-1, Files.lseek(fd, 0, 7));
        Assert.Equal(22, Errno);
        Assert.Equal(-1, Files.lseek(1, 0, SEEK_SET));
        Assert.Equal(29, Errno); // ESPIPE on a stream
    }

    [Fact]
    public void Ftruncate_ShrinksAndExtends_OffsetStays()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR);
        Write(fd, "0123456789");
        Assert.Equal(0, Files.ftruncate(fd, 4));
        Assert.Equal(10, Files.lseek(fd, 0, SEEK_CUR));
        Assert.Equal(4, new FileInfo(P("f")).Length);
        Assert.Equal(0, Files.ftruncate(fd, 20));
        Assert.Equal(20, new FileInfo(P("f")).Length);
        Assert.Equal(-1, Files.ftruncate(fd, -1));
        Assert.Equal(22, Errno);
        var ro = Open(P("f"), O_RDONLY);
        Assert.Equal(-1, Files.ftruncate(ro, 1));
        Assert.Equal(22, Errno);
    }

    [Fact]
    public void Close_ClosedOrNeverOpened_IsEBADF()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR);
        Assert.Equal(0, Files.close(fd));
        Assert.Equal(-1, Files.close(fd));
        Assert.Equal(9, Errno);
        Assert.Equal(-1, Files.close(999));
        Assert.Equal(9, Errno);
        Assert.Equal(-1, Files.read(fd, null, 0));
        Assert.Equal(9, Errno);
    }

    [Fact]
    public void ReadOnWriteOnly_AndWriteOnReadOnly_AreEBADF()
    {
        File.WriteAllText(P("f"), "x");
        var ro = Open(P("f"), O_RDONLY);
        Assert.Equal(-1, Write(ro, "y"));
        Assert.Equal(9, Errno);
        var wo = Open(P("f"), O_WRONLY);
        Assert.Null(Read(wo, 1));
        Assert.Equal(9, Errno);
    }

    [Fact]
    public void Dup_SharesTheOffset_Dup2ReplacesTheTarget()
    {
        File.WriteAllText(P("f"), "abcdef");
        var fd = Open(P("f"), O_RDONLY);
        var copy = Files.dup(fd);
        Assert.Equal(fd + 1, copy);
        Assert.Equal("ab", Read(fd, 2));
        Assert.Equal("cd", Read(copy, 2));
        Assert.Equal(10, Files.dup2(fd, 10));
        Assert.Equal("ef", Read(10, 2));
        Assert.Equal(fd, Files.dup2(fd, fd));
        Assert.Equal(-1, Files.dup2(77, 10));
        Assert.Equal(9, Errno);
        Assert.Equal(0, Files.close(fd));
        Assert.Equal(0, Files.lseek(copy, 0, SEEK_SET)); // the description lives on in the copies
    }

    [Fact]
    public void Pread_Pwrite_DoNotMoveTheOffset()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR);
        Write(fd, "abcdef");
        var buffer = new byte[3];
        fixed (byte* b = buffer)
        {
            Assert.Equal(3, Files.pread(fd, b, 3, 1));
            Assert.Equal(6, Files.lseek(fd, 0, SEEK_CUR));
            Assert.Equal(-1, Files.pread(fd, b, 3, -1));
            Assert.Equal(22, Errno);
            Assert.Equal(3, Files.pwrite(fd, b, 3, 10));
        }
        Assert.Equal("bcd"u8.ToArray(), buffer);
        Assert.Equal(6, Files.lseek(fd, 0, SEEK_CUR));
        Assert.Equal(13, new FileInfo(P("f")).Length);
    }

    [Fact]
    public void Creat_TruncatesAndIsWriteOnly()
    {
        File.WriteAllText(P("f"), "old content");
        var fd = PathCall(P("f"), &CreatDefault);
        Assert.True(fd >= 3);
        Assert.Equal(0, new FileInfo(P("f")).Length);
        Assert.Null(Read(fd, 1));
        Assert.Equal(9, Errno);
    }

    private static int CreatDefault(byte* path) => Files.creat(path, 0x1A4);

    [Fact]
    public void OpenTrunc_EmptiesAnExistingFile()
    {
        File.WriteAllText(P("f"), "old content");
        var fd = Open(P("f"), O_WRONLY | O_TRUNC);
        Assert.True(fd >= 3);
        Assert.Equal(0, new FileInfo(P("f")).Length);
    }

    [Fact]
    public void Directories_OpenForWriteIsEISDIR_ODirectoryOnAFileIsENOTDIR_ReadIsEISDIR()
    {
        Directory.CreateDirectory(P("d"));
        File.WriteAllText(P("f"), "x");
        Assert.Equal(-1, Open(P("d"), O_WRONLY));
        Assert.Equal(21, Errno);
        Assert.Equal(-1, Open(P("f"), O_RDONLY | O_DIRECTORY));
        Assert.Equal(20, Errno);
        var dir = Open(P("d"), O_RDONLY | O_DIRECTORY);
        Assert.True(dir >= 3);
        Assert.Null(Read(dir, 1));
        Assert.Equal(21, Errno);
        Assert.Equal(0, Files.fsync(dir));
    }

    [Fact]
    public void Openat_ResolvesRelativeToTheDirectoryDescriptor()
    {
        Directory.CreateDirectory(P("d"));
        File.WriteAllText(P("d/inner.txt"), "inner");
        var dir = Open(P("d"), O_RDONLY | O_DIRECTORY);
        var fd = OpenAt(dir, "inner.txt", O_RDONLY);
        Assert.Equal("inner", Read(fd, 10));
        var file = Open(P("d/inner.txt"), O_RDONLY);
        Assert.Equal(-1, OpenAt(file, "x", O_RDONLY));
        Assert.Equal(20, Errno);
        Assert.Equal(-1, OpenAt(500, "x", O_RDONLY));
        Assert.Equal(9, Errno);
        Assert.True(OpenAt(AT_FDCWD, P("d/inner.txt"), O_RDONLY) >= 3);
    }

    [Fact]
    public void OpenAccmode3_IsEINVAL()
    {
        File.WriteAllText(P("f"), "x");
        Assert.Equal(-1, Open(P("f"), 3));
        Assert.Equal(22, Errno);
    }

    [Fact]
    public void Fsync_OnAFile_Succeeds_OnAStream_IsEINVAL()
    {
        var fd = Open(P("f"), O_CREAT | O_RDWR);
        Write(fd, "data");
        Assert.Equal(0, Files.fsync(fd));
        Assert.Equal(-1, Files.fsync(1));
        Assert.Equal(22, Errno);
    }

    [Fact]
    public void CreatedFiles_GetTheRequestedModeMinusUmask()
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = Open(P("f"), O_CREAT | O_WRONLY, 0x180); // 0600
        Assert.True(fd >= 3);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(P("f")));
    }
}
