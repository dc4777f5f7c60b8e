using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// File.Copy and FileInfo.CopyTo meet the guest's opens as CopyFileW does under Wine: the source is read sharing
/// everything, the destination written sharing everything; a destination the guest holds open sharing writing is
/// copied over (where the host's exclusive lock on it would refuse), keeping the source's last write time.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class FileCopiesTests : FileSystemTest
{
    private const int SharingViolation = unchecked((int)0x80070020);

    public FileCopiesTests()
    {
        WriteHostFile("src.txt", "source");
        WriteHostFile("dst.txt", "dest");
    }

    [Theory]
    [InlineData(FileShare.None, false)]
    [InlineData(FileShare.Read, false)]
    [InlineData(FileShare.Delete, false)]
    [InlineData(FileShare.ReadWrite, true)]
    [InlineData(FileShare.ReadWrite | FileShare.Delete, true)]
    public void ADestinationHeldOpen_IsCopiedOver_OnlyWhenItsOpenSharesWriting(FileShare share, bool copies)
    {
        using (FileStreamMembers.New("dst.txt", FileMode.Open, FileAccess.Read, share))
        {
            if (copies)
                FileCopies.Copy("SRC.txt", "dst.txt", overwrite: true);
            else
            {
                var error = Assert.Throws<IOException>(() => FileCopies.Copy("src.txt", "DST.txt", overwrite: true));
                Assert.Equal(SharingViolation, error.HResult);
                Assert.Equal(@"The process cannot access the file 'C:\work\DST.txt' because it is being used by another process.", error.Message);
            }
        }
        Assert.Equal(copies ? "source" : "dest", File.ReadAllText(HostOf("dst.txt")));
    }

    [Theory]
    [InlineData(FileShare.None, false)]
    [InlineData(FileShare.Delete, false)]
    [InlineData(FileShare.Read, true)]
    [InlineData(FileShare.ReadWrite, true)]
    public void ASourceHeldOpen_IsCopied_WhenItsOpenSharesReading(FileShare share, bool copies)
    {
        using (FileStreamMembers.New("src.txt", FileMode.Open, FileAccess.Write, share))
        {
            if (copies)
                FileCopies.Copy("src.txt", "new.txt");
            else
            {
                var error = Assert.Throws<IOException>(() => FileCopies.Copy("Src.txt", "new.txt"));
                Assert.Equal(SharingViolation, error.HResult);
                Assert.Contains(@"'C:\work\Src.txt'", error.Message);
            }
        }
        Assert.Equal(copies, File.Exists(HostOf("new.txt")));
    }

    [Fact]
    public void ACopyBesideAnOpenStream_KeepsTheSourcesLastWriteTime_AndModeBits()
    {
        var written = new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(HostOf("src.txt"), written);
        File.SetUnixFileMode(HostOf("src.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        using (FileStreamMembers.New("dst.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            FileCopies.Copy("src.txt", "dst.txt", overwrite: true);
        Assert.Equal(written, File.GetLastWriteTimeUtc(HostOf("dst.txt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(HostOf("dst.txt")));
    }

    [Fact]
    public void WithoutOverwrite_AnExistingDestination_IsWindowsAlreadyExists_AndAMissingSourceIsNotFound()
    {
        var exists = Assert.Throws<IOException>(() => FileCopies.Copy("src.txt", "dst.txt"));
        Assert.Equal(unchecked((int)0x80070050), exists.HResult);
        var missing = Assert.Throws<FileNotFoundException>(() => FileCopies.Copy("absent.txt", "x.txt"));
        Assert.Contains("absent.txt", missing.Message);
    }

    [Fact]
    public void FileInfoCopyTo_MeetsTheSameOpens_AndNamesTheCopyAsTyped()
    {
        var source = FileInfoMembers.New(@"C:\work\src.txt");
        using (FileStreamMembers.New("dst.txt", FileMode.Open, FileAccess.Read, FileShare.Read))
            Assert.Throws<IOException>(() => FileInfoMembers.CopyTo(source, "dst.txt", overwrite: true));
        var copy = FileInfoMembers.CopyTo(source, @"C:\work\COPY.txt");
        Assert.Equal(@"C:\work\COPY.txt", FileSystemInfoMembers.get_FullName(copy));
        Assert.Equal("source", File.ReadAllText(HostOf("COPY.txt")));
    }
}
