using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// The managed view's quick open: FileMode.Open of an existing file named as on disk is opened without the lookup and
/// registered by name, its identity looked up only when something could concern it. Whatever comes next — another
/// stream of that name, CreateFileW under the name or a hard link, a delete — still meets Windows' share modes.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class FileSharingByNameTests : FileSystemTest
{
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int ERROR_SHARING_VIOLATION = 32;

    [Fact]
    public void AStreamOpenedByName_BlocksACreateFileWWriter_UntilDisposed()
    {
        WriteHostFile("quick.txt", "q");
        var stream = FileMembers.OpenRead("quick.txt");
        Assert.Equal(INVALID_HANDLE_VALUE, Create("quick.txt", GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING));
        Assert.Equal(ERROR_SHARING_VIOLATION, Err);
        stream.Dispose();
        var h = Create("quick.txt", GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.True(Close(h));
    }

    [Fact]
    public void AFileInfosStreamOpenedByName_BlocksACreateFileWWriter()
    {
        WriteHostFile("info.txt", "i");
        using var stream = FileInfoMembers.OpenRead(FileInfoMembers.New(@"C:\work\info.txt"));
        Assert.Equal(INVALID_HANDLE_VALUE, Create("INFO.txt", GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING));
        Assert.Equal(ERROR_SHARING_VIOLATION, Err);
    }

    [Fact]
    public void AStreamOpenedByName_IsSeenThroughAHardLinkOfAnotherName()
    {
        WriteHostFile("original.txt", "o");
        Assert.Equal(0, Posix.Link(HostOf("original.txt"), HostOf("second-name.txt")));
        using var stream = FileStreamMembers.New("original.txt", FileMode.Open, FileAccess.Read, FileShare.None);
        Assert.Equal(INVALID_HANDLE_VALUE, Create("second-name.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING));
        Assert.Equal(ERROR_SHARING_VIOLATION, Err);
    }

    [Fact]
    public void ASecondStreamOfTheSameName_MeetsTheFirstsShareMode_NamedAsTyped()
    {
        WriteHostFile("same.txt", "s");
        using var first = FileStreamMembers.New("same.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var error = Assert.Throws<IOException>(() => FileMembers.OpenRead("same.txt").Dispose());
        Assert.Equal(SharingViolation, error.HResult);
        Assert.Equal(@"The process cannot access the file 'C:\work\same.txt' because it is being used by another process.", error.Message);
    }

    [Fact]
    public void AStreamOpenedByName_WithoutDeleteSharing_BlocksFileDelete()
    {
        WriteHostFile("kept.txt", "k");
        var stream = FileMembers.OpenRead("kept.txt");
        Assert.Throws<IOException>(() => WindowsManagedPaths.ToHostForDeleting("kept.txt"));
        stream.Dispose();
        Assert.Equal(HostOf("kept.txt"), WindowsManagedPaths.ToHostForDeleting("kept.txt"));
    }

    [Fact]
    public void AStreamOpenedByName_IsOpenAsTheTableCounts()
    {
        WriteHostFile("counted.txt", "c");
        var key = FileIdentity.Of(HostOf("counted.txt"))!.Value;
        using (FileMembers.OpenRead("counted.txt"))
            Assert.Equal(1, OpenFile.ShareTable.OpenCount(key));
        Assert.Equal(INVALID_HANDLE_VALUE, Create("missing-as-well.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING));
        Assert.True(OpenFile.ShareTable.OpenCount(key) <= 1);
        var h = Create("counted.txt", GENERIC_WRITE, 0, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.True(Close(h));
    }

    [Fact]
    public void StreamsOpenedByName_AndDisposed_DoNotPileUp()
    {
        for (var i = 0; i < 600; i++)
            WriteHostFile($"read{i}.txt", "r");
        for (var i = 0; i < 600; i++)
            FileMembers.OpenRead($"read{i}.txt").Dispose();
        Assert.InRange(OpenFile.ShareTable.FileCount, 0, 300);
    }

    [Fact]
    public void AnotherLetterCase_AndAMissingFile_AreTheLookupsToDecide()
    {
        WriteHostFile("Mixed.txt", "m");
        using (var stream = FileMembers.OpenRead("MIXED.TXT"))
            Assert.Equal("m", new StreamReader(stream).ReadToEnd());
        var missing = Assert.Throws<FileNotFoundException>(() => FileMembers.OpenRead("absent.txt"));
        Assert.Equal(@"Could not find file 'C:\work\absent.txt'.", missing.Message);
        var noFolder = Assert.Throws<DirectoryNotFoundException>(() => FileMembers.OpenRead(@"nowhere\absent.txt"));
        Assert.Contains(@"C:\work\nowhere\absent.txt", noFolder.Message);
    }

    [Fact]
    public void AFolderOpenedAsAFile_IsRefused_AsWindowsRefusesIt()
    {
        Directory.CreateDirectory(HostOf("folder"));
        var error = Assert.Throws<UnauthorizedAccessException>(() => FileMembers.OpenRead("folder"));
        Assert.Contains(@"C:\work\folder", error.Message);
    }
}
