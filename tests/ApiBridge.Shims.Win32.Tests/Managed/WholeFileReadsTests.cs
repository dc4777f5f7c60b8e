using System.Text;
using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// File.ReadAllBytes/ReadAllText/ReadAllLines of a Windows guest: through the guest file system (any letter case),
/// read as the BCL reads (byte order marks decide the encoding), and with Windows' share modes and messages.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class WholeFileReadsTests : FileSystemTest
{
    [Fact]
    public void TheFileIsRead_ByItsOwnName_OrAnotherLetterCase()
    {
        WriteHostFile("Data.txt", "one\r\ntwo\nthree");
        Assert.Equal("one\r\ntwo\nthree"u8.ToArray(), WholeFileReads.ReadAllBytes(@"C:\work\Data.txt"));
        Assert.Equal("one\r\ntwo\nthree", WholeFileReads.ReadAllText("DATA.TXT"));
        Assert.Equal(["one", "two", "three"], WholeFileReads.ReadAllLines(@"c:\WORK\data.txt"));
    }

    [Fact]
    public void AByteOrderMark_DecidesTheEncoding_AnEmptyFileIsEmpty()
    {
        File.WriteAllText(HostOf("utf16.txt"), "wide", Encoding.Unicode);
        Assert.Equal("wide", WholeFileReads.ReadAllText("utf16.txt"));
        Assert.Equal(["wide"], WholeFileReads.ReadAllLines("utf16.txt", Encoding.ASCII));
        File.WriteAllBytes(HostOf("empty.bin"), []);
        Assert.Empty(WholeFileReads.ReadAllBytes("empty.bin"));
        Assert.Equal("", WholeFileReads.ReadAllText("empty.bin", Encoding.UTF8));
    }

    [Fact]
    public void AFileAnotherOpenDoesNotShareForReading_IsASharingViolation_NamedAsTyped()
    {
        WriteHostFile("held.txt", "h");
        using (FileStreamMembers.New("held.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<IOException>(() => WholeFileReads.ReadAllText("held.txt"));
            Assert.Equal(unchecked((int)0x80070020), error.HResult);
            Assert.Equal(@"The process cannot access the file 'C:\work\held.txt' because it is being used by another process.", error.Message);
            Assert.Throws<IOException>(() => WholeFileReads.ReadAllBytes("HELD.txt"));
        }
        // A reader shares reading: two whole-file reads and an open reader coexist, and nothing stays held afterwards.
        using (FileMembers.OpenRead("held.txt"))
            Assert.Equal("h", WholeFileReads.ReadAllText("held.txt"));
        using var exclusive = FileStreamMembers.New("held.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(exclusive.CanWrite);
    }

    [Fact]
    public void AMissingFile_IsWindowsFileNotFoundException()
    {
        var error = Assert.Throws<FileNotFoundException>(() => WholeFileReads.ReadAllBytes("absent.txt"));
        Assert.Equal(@"Could not find file 'C:\work\absent.txt'.", error.Message);
        Assert.Throws<DirectoryNotFoundException>(() => WholeFileReads.ReadAllLines(@"C:\work\nowhere\absent.txt"));
        Assert.Throws<ArgumentException>(() => WholeFileReads.ReadAllText(""));
    }
}
