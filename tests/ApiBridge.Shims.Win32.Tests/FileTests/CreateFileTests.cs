using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>CreateFileW dispositions, access, sharing, folders, devices, delete-on-close (kernel32.md, Wine's file.c).</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class CreateFileTests : FileSystemTest
{
    [Fact]
    public void CreateNew_OnExistingFile_FailsWithFileExists()
    {
        var h = Create("a.txt", GENERIC_WRITE, 0, CREATE_NEW);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.Equal(0, Err);
        Assert.True(Close(h));
        Assert.Equal(INVALID_HANDLE_VALUE, Create("a.txt", GENERIC_WRITE, 0, CREATE_NEW));
        Assert.Equal(80, Err);
    }

    [Theory]
    [InlineData(OPEN_ALWAYS)]
    [InlineData(CREATE_ALWAYS)]
    public void OpenAlways_CreateAlways_SetAlreadyExistsOnExisting_AndZeroOnNew(uint disposition)
    {
        var h = Create("n.txt", GENERIC_WRITE, 0, disposition);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.Equal(0, Err);
        Close(h);
        h = Create("n.txt", GENERIC_WRITE, 0, disposition);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.Equal(183, Err);
        Close(h);
    }

    [Fact]
    public void CreateAlways_Truncates_OpenAlways_DoesNot()
    {
        WriteHostFile("t.txt", "0123456789");
        var h = Create("t.txt", GENERIC_WRITE, 0, OPEN_ALWAYS);
        Close(h);
        Assert.Equal(10, new FileInfo(HostOf("t.txt")).Length);
        h = Create("t.txt", GENERIC_WRITE, 0, CREATE_ALWAYS);
        Close(h);
        Assert.Equal(0, new FileInfo(HostOf("t.txt")).Length);
    }

    [Fact]
    public void OpenExisting_Missing_Is2_MissingFolder_Is3()
    {
        Assert.Equal(INVALID_HANDLE_VALUE, Create("missing.txt", GENERIC_READ, 0, OPEN_EXISTING));
        Assert.Equal(2, Err);
        Assert.Equal(INVALID_HANDLE_VALUE, Create(@"nodir\missing.txt", GENERIC_READ, 0, OPEN_EXISTING));
        Assert.Equal(3, Err);
        Assert.Equal(INVALID_HANDLE_VALUE, Create(@"nodir\new.txt", GENERIC_WRITE, 0, CREATE_NEW));
        Assert.Equal(3, Err);
    }

    [Fact]
    public void TruncateExisting_NeedsGenericWrite_AndAnExistingFile()
    {
        WriteHostFile("tr.txt", "abc");
        Assert.Equal(INVALID_HANDLE_VALUE, Create("tr.txt", GENERIC_READ, 0, TRUNCATE_EXISTING));
        Assert.Equal(87, Err);
        Assert.Equal(INVALID_HANDLE_VALUE, Create("nope.txt", GENERIC_WRITE, 0, TRUNCATE_EXISTING));
        Assert.Equal(2, Err);
        var h = Create("tr.txt", GENERIC_WRITE, 0, TRUNCATE_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Close(h);
        Assert.Equal(0, new FileInfo(HostOf("tr.txt")).Length);
    }

    [Theory]
    [InlineData("", 3u)]
    [InlineData(@"c:\*.*", 123u)]
    [InlineData(@"a?.txt", 123u)]
    [InlineData(@"x\a:b", 123u)]
    [InlineData(@"\\server\share\f", 53u)]
    [InlineData(@"Q:\f.txt", 3u)]
    public void BadNames(string name, uint expected)
    {
        Assert.Equal(INVALID_HANDLE_VALUE, Create(name, GENERIC_READ, 0, OPEN_EXISTING));
        Assert.Equal((int)expected, Err);
    }

    [Fact]
    public void NullName_IsPathNotFound_AndDisposition0_IsInvalidParameter()
    {
        Assert.Equal(INVALID_HANDLE_VALUE, Create(null, GENERIC_READ, 0, OPEN_EXISTING));
        Assert.Equal(3, Err);
        Assert.Equal(INVALID_HANDLE_VALUE, Create("x.txt", GENERIC_READ, 0, 0));
        Assert.Equal(87, Err);
    }

    [Fact]
    public void SharingViolation_BetweenHandlesOfThisProcess()
    {
        var first = Create("s.txt", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, CREATE_NEW);
        // The second wants write; the first did not share write.
        Assert.Equal(INVALID_HANDLE_VALUE, Create("s.txt", GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING));
        Assert.Equal(32, Err);
        // The second shares read only; the first has write access.
        Assert.Equal(INVALID_HANDLE_VALUE, Create("s.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING));
        Assert.Equal(32, Err);
        // Read access sharing read+write is compatible.
        var second = Create("s.txt", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, second);
        Assert.Equal(0, Err);
        // Attribute-only opens never conflict.
        var attributes = Create("s.txt", 0, 0, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, attributes);
        Close(attributes);
        Close(second);
        Close(first);
        var again = Create("s.txt", GENERIC_WRITE, 0, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, again);
        Close(again);
    }

    [Fact]
    public void SharingIsByFileIdentity_NotByName()
    {
        var first = Create("Case.txt", GENERIC_WRITE, 0, CREATE_NEW);
        Assert.Equal(INVALID_HANDLE_VALUE, Create("CASE.TXT", GENERIC_READ, SHARE_ALL, OPEN_EXISTING));
        Assert.Equal(32, Err);
        Close(first);
    }

    [Fact]
    public void Folder_NeedsBackupSemantics()
    {
        Directory.CreateDirectory(HostOf("dir"));
        Assert.Equal(INVALID_HANDLE_VALUE, Create("dir", GENERIC_READ, SHARE_ALL, OPEN_EXISTING));
        Assert.Equal(5, Err);
        var h = Create("dir", GENERIC_READ, SHARE_ALL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.Equal(1u, FileHandles.GetFileType(h));
        Close(h);
    }

    [Fact]
    public void ReadOnlyAttribute_MapsToWriteBits_AndDeniesWriting()
    {
        var h = Create("ro.txt", GENERIC_WRITE, 0, CREATE_NEW, 0x1);
        Assert.True(Write(h, "data"));
        Close(h);
        Assert.Equal(0, (int)(File.GetUnixFileMode(HostOf("ro.txt")) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)));
        Assert.Equal(0x21u, Attributes("ro.txt"));
        Assert.Equal(INVALID_HANDLE_VALUE, Create("ro.txt", GENERIC_WRITE, 0, OPEN_EXISTING));
        Assert.Equal(5, Err);
        Assert.False(DeleteFile("ro.txt"));
        Assert.Equal(5, Err);
        var r = Create("ro.txt", GENERIC_READ, 0, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, r);
        Close(r);
    }

    [Fact]
    public void DeleteOnClose_RemovesTheFileWhenTheLastHandleCloses()
    {
        var h = Create("doc.txt", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE, CREATE_NEW, FILE_FLAG_DELETE_ON_CLOSE);
        Assert.True(Write(h, "temp"));
        // Others must share delete.
        Assert.Equal(INVALID_HANDLE_VALUE, Create("doc.txt", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING));
        Assert.Equal(32, Err);
        Assert.True(File.Exists(HostOf("doc.txt")));
        Close(h);
        Assert.False(File.Exists(HostOf("doc.txt")));
    }

    [Fact]
    public void NulDevice_OpensAnywhere_AsACharacterDevice()
    {
        var h = Create(@"C:\no\such\folder\nul", GENERIC_READ | GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.Equal(2u, FileHandles.GetFileType(h));
        Assert.True(Write(h, "discarded"));
        Assert.True(Read(h, 10, out var data));
        Assert.Empty(data);
        Close(h);
    }

    [Fact]
    public void CloseHandle_Twice_IsInvalidHandle_AndPseudoHandlesSucceed()
    {
        var h = Create("c.txt", GENERIC_WRITE, 0, CREATE_NEW);
        Assert.True(Close(h));
        Assert.False(Close(h));
        Assert.Equal(6, Err);
        Assert.False(Close(0));
        Assert.Equal(6, Err);
        Assert.False(Close(0x7654320));
        Assert.Equal(6, Err);
        Assert.True(Close(-1));
        Assert.True(Close(-2));
    }

    [Fact]
    public void FileHandleValue_IsTheHostDescriptor()
    {
        var h = Create("fd.txt", GENERIC_WRITE, 0, CREATE_NEW);
        Assert.True(File.Exists($"/proc/self/fd/{h}"));
        Assert.Equal(HostOf("fd.txt"), new FileInfo($"/proc/self/fd/{h}").LinkTarget);
        Close(h);
    }

    [Fact]
    public void WrongKindOfHandle_IsInvalidHandle()
    {
        File.WriteAllText(HostOf("k.txt"), "x");
        var find = FindHandle("k.txt");
        Assert.False(Read(find, 1, out _));
        Assert.Equal(6, Err);
        Assert.True(FindFiles.FindClose(find) != 0);
        var file = Create("k.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Clear();
        Assert.Equal(0, FindFiles.FindClose(file));
        Assert.Equal(6, Err);
        Close(file);
    }

    private static nint FindHandle(string pattern)
    {
        Native.WIN32_FIND_DATAW data;
        fixed (char* p = pattern)
            return FindFiles.FindFirstFileW(p, &data);
    }
}
