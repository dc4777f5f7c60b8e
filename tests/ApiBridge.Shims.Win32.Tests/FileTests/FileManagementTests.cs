using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>DeleteFileW, MoveFile(Ex)W, CopyFile(Ex)W, ReplaceFileW, attributes and times (kernel32.md, Wine's file.c).</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class FileManagementTests : FileSystemTest
{
    private static bool Move(string from, string to, uint flags) => Call(from, to, (a, b) => FileManagement.MoveFileExW((char*)a, (char*)b, flags));
    private static bool Copy(string from, string to, bool failIfExists) => Call(from, to, (a, b) => FileManagement.CopyFileW((char*)a, (char*)b, failIfExists ? 1 : 0));

    [Fact]
    public void DeleteFile_Contracts()
    {
        Assert.False(DeleteFile("missing.txt"));
        Assert.Equal(2, Err);
        Assert.False(DeleteFile(@"nodir\missing.txt"));
        Assert.Equal(3, Err);
        Assert.False(DeleteFile(""));
        Assert.Equal(3, Err);
        Clear();
        Assert.Equal(0, FileManagement.DeleteFileW(null));
        Assert.Equal(3, Err);
        Directory.CreateDirectory(HostOf("folder"));
        Assert.False(DeleteFile("folder"));
        Assert.Equal(5, Err);
        WriteHostFile("del.txt", "x");
        var h = Create("del.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
        Assert.False(DeleteFile("del.txt"));
        Assert.Equal(32, Err);
        Close(h);
        Assert.True(DeleteFile("DEL.TXT"));
        Assert.False(File.Exists(HostOf("del.txt")));
    }

    [Fact]
    public void MoveFile_Contracts()
    {
        WriteHostFile("a.txt", "A");
        WriteHostFile("b.txt", "B");
        Assert.False(Call("a.txt", "b.txt", (x, y) => FileManagement.MoveFileW((char*)x, (char*)y)));
        Assert.Equal(183, Err);
        Assert.False(Move("a.txt", "b.txt", 0));
        Assert.Equal(183, Err);
        Assert.False(Move("missing.txt", "c.txt", 0));
        Assert.Equal(2, Err);
        Assert.False(Move("a.txt", "c*.txt", 0));
        Assert.Equal(123, Err);
        Assert.True(Move("a.txt", "b.txt", 1));
        Assert.Equal("A", File.ReadAllText(HostOf("b.txt")));
        Assert.False(File.Exists(HostOf("a.txt")));
        Directory.CreateDirectory(HostOf("dir"));
        Assert.False(Move("b.txt", "dir", 1));
        Assert.Equal(5, Err);
    }

    [Fact]
    public void MoveFile_ReadOnlySourceStillMoves_AndCaseOnlyRenameWorks()
    {
        WriteHostFile("ro.txt", "r");
        File.SetUnixFileMode(HostOf("ro.txt"), UnixFileMode.UserRead);
        Assert.True(Move("ro.txt", "moved.txt", 0));
        Assert.True(File.Exists(HostOf("moved.txt")));
        Assert.True(Move("moved.txt", "MOVED.TXT", 0));
        Assert.Equal(["MOVED.TXT"], Directory.GetFiles(WorkHost).Select(Path.GetFileName));
    }

    [Fact]
    public void CopyFile_Contracts()
    {
        WriteHostFile("src.txt", "content");
        var past = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(HostOf("src.txt"), past);
        Assert.True(Copy("src.txt", "dst.txt", true));
        Assert.Equal("content", File.ReadAllText(HostOf("dst.txt")));
        Assert.Equal(past, File.GetLastWriteTimeUtc(HostOf("dst.txt")));
        Assert.False(Copy("src.txt", "dst.txt", true));
        Assert.Equal(80, Err);
        Assert.True(Copy("src.txt", "dst.txt", false));
        Assert.False(Copy("missing.txt", "x.txt", false));
        Assert.Equal(2, Err);
        Assert.False(Copy("src.txt", "SRC.TXT", false));
        Assert.Equal(32, Err);
        Clear();
        fixed (char* a = "src.txt")
        fixed (char* b = "ex.txt")
            Assert.Equal(1, FileManagement.CopyFileExW(a, b, 0, null, null, 1));
    }

    private const uint DELETE = 0x10000;

    /// <summary>Wine's test_CopyFileA sharing cases, as Windows answers them.</summary>
    [Theory]
    [InlineData("source", GENERIC_READ, FILE_SHARE_WRITE, false)]                        // read-locked source
    [InlineData("source", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, true)]          // r+w source shared for reading
    [InlineData("source", DELETE, FILE_SHARE_READ, true)]                                // delete-locked source
    [InlineData("dest", GENERIC_WRITE, FILE_SHARE_READ, false)]                          // write-locked destination
    [InlineData("dest", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_WRITE, true)]           // r+w destination shared for writing
    [InlineData("dest", DELETE, SHARE_ALL, false)]                                       // delete-locked, even when shared
    [InlineData("dest", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, true)]         // opened as Wine opens a source
    public void CopyFile_ShareModes_AsWindows(string which, uint access, uint share, bool copies)
    {
        WriteHostFile("source.txt", "new");
        WriteHostFile("dest.txt", "old");
        var held = Create(which + ".txt", access, share, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, held);
        Clear();
        Assert.Equal(copies, Copy("source.txt", "dest.txt", false));
        Assert.Equal(copies ? 0 : 32, Err);
        Close(held);
        Assert.Equal(copies ? "new" : "old", File.ReadAllText(HostOf("dest.txt")));
    }

    [Fact]
    public void ReplaceFile_SwapsInTheReplacement_AndKeepsABackup()
    {
        WriteHostFile("target.txt", "old");
        WriteHostFile("new.txt", "new");
        Clear();
        fixed (char* t = "target.txt")
        fixed (char* n = "new.txt")
        fixed (char* b = "target.bak")
            Assert.Equal(1, FileManagement.ReplaceFileW(t, n, b, 0, null, null));
        Assert.Equal("new", File.ReadAllText(HostOf("target.txt")));
        Assert.Equal("old", File.ReadAllText(HostOf("target.bak")));
        Assert.False(File.Exists(HostOf("new.txt")));
        fixed (char* t = "target.txt")
        fixed (char* n = "gone.txt")
            Assert.Equal(0, FileManagement.ReplaceFileW(t, n, null, 0, null, null));
        Assert.Equal(2, Err);
    }

    [Fact]
    public void Attributes_OfFilesFoldersAndMissing()
    {
        WriteHostFile("f.txt", "x");
        Directory.CreateDirectory(HostOf("d"));
        Assert.Equal(0x20u, Attributes("f.txt"));
        Assert.Equal(0x10u, Attributes("d"));
        Assert.Equal(0x10u, Attributes(@"d\"));
        Assert.Equal(0xFFFFFFFFu, Attributes("missing"));
        Assert.Equal(2, Err);
        Assert.Equal(0xFFFFFFFFu, Attributes(@"missing\f"));
        Assert.Equal(3, Err);
        Assert.True(Call("f.txt", p => FileInformation.SetFileAttributesW((char*)p, 1)));
        Assert.Equal(0x21u, Attributes("f.txt"));
        Assert.True(Call("f.txt", p => FileInformation.SetFileAttributesW((char*)p, 0x80)));
        Assert.Equal(0x20u, Attributes("f.txt"));
    }

    [Fact]
    public void GetFileAttributesEx_AndHandleInformation_AndTimes()
    {
        WriteHostFile("i.txt", "12345");
        WIN32_FILE_ATTRIBUTE_DATA data = default;
        var pointer = (nint)(&data);
        Assert.True(Call("i.txt", p => FileInformation.GetFileAttributesExW((char*)p, 0, (WIN32_FILE_ATTRIBUTE_DATA*)pointer)));
        Assert.Equal(0x20u, data.dwFileAttributes);
        Assert.Equal(5u, data.nFileSizeLow);
        Assert.Equal(File.GetLastWriteTimeUtc(HostOf("i.txt")).ToFileTimeUtc(), (long)data.ftLastWriteTime.Value);
        Assert.False(Call("i.txt", p => FileInformation.GetFileAttributesExW((char*)p, 1, (WIN32_FILE_ATTRIBUTE_DATA*)pointer)));
        Assert.Equal(87, Err);

        var h = Create("i.txt", GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
        BY_HANDLE_FILE_INFORMATION info;
        Assert.Equal(1, FileInformation.GetFileInformationByHandle(h, &info));
        Assert.Equal(5u, info.nFileSizeLow);
        Assert.Equal(1u, info.nNumberOfLinks);
        Assert.NotEqual(0u, info.nFileIndexLow | info.nFileIndexHigh);

        var when = FILETIME.FromValue(132223104000000000); // 2020-01-01
        Assert.Equal(1, FileInformation.SetFileTime(h, null, null, &when));
        FILETIME creation, access, write;
        Assert.Equal(1, FileInformation.GetFileTime(h, &creation, &access, &write));
        Assert.Equal(132223104000000000ul, write.Value);
        Close(h);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(HostOf("i.txt")));
    }

    [Fact]
    public void StructLayouts_MatchWindows()
    {
        Assert.Equal(592, sizeof(WIN32_FIND_DATAW));
        Assert.Equal(320, sizeof(WIN32_FIND_DATAA));
        Assert.Equal(52, sizeof(BY_HANDLE_FILE_INFORMATION));
        Assert.Equal(36, sizeof(WIN32_FILE_ATTRIBUTE_DATA));
        Assert.Equal(32, sizeof(OVERLAPPED));
    }
}
