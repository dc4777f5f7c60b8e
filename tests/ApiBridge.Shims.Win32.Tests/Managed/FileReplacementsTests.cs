using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// File.Replace, FileInfo.Replace and FileInfo.MoveTo meet the guest's opens as ReplaceFileW and MoveFileExW do under
/// Wine: the replacement may not be open at all, the replaced file and a moved file only open sharing deleting, and an
/// open backup file is access denied; the host's rename would go through all of them.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class FileReplacementsTests : FileSystemTest
{
    private const int SharingViolation = unchecked((int)0x80070020);

    public FileReplacementsTests()
    {
        WriteHostFile("a.txt", "a");
        WriteHostFile("r.txt", "r");
        WriteHostFile("b.txt", "b");
    }

    [Theory]
    [InlineData(FileShare.Read)]
    [InlineData(FileShare.ReadWrite | FileShare.Delete)]
    public void AnOpenReplacement_IsASharingViolation_WhateverItShares(FileShare share)
    {
        using (FileStreamMembers.New("a.txt", FileMode.Open, FileAccess.Read, share))
        {
            var error = Assert.Throws<IOException>(() => FileReplacements.Replace("A.txt", "r.txt", null));
            Assert.Equal(SharingViolation, error.HResult);
            Assert.Equal("The process cannot access the file because it is being used by another process.", error.Message);
        }
        Assert.Equal("r", File.ReadAllText(HostOf("r.txt")));
    }

    [Theory]
    [InlineData(FileShare.ReadWrite, false)]
    [InlineData(FileShare.Delete, true)]
    public void TheReplacedFile_MayBeOpenOnlySharingDeletes(FileShare share, bool replaces)
    {
        using (FileStreamMembers.New("r.txt", FileMode.Open, FileAccess.Read, share))
        {
            if (replaces)
                FileReplacements.Replace("a.txt", "R.TXT", null);
            else
                Assert.Equal(SharingViolation, Assert.Throws<IOException>(() => FileReplacements.Replace("a.txt", "r.txt", null)).HResult);
        }
        Assert.Equal(replaces ? "a" : "r", File.ReadAllText(HostOf("r.txt")));
        Assert.Equal(!replaces, File.Exists(HostOf("a.txt")));
    }

    [Fact]
    public void AnOpenBackupFile_IsAccessDenied_AClosedOneIsOverwritten()
    {
        using (FileStreamMembers.New("b.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            Assert.Throws<UnauthorizedAccessException>(() => FileReplacements.Replace("a.txt", "r.txt", "b.txt"));
        FileReplacements.Replace("a.txt", "r.txt", "b.txt");
        Assert.Equal("a", File.ReadAllText(HostOf("r.txt")));
        Assert.Equal("r", File.ReadAllText(HostOf("b.txt")));
    }

    [Fact]
    public void FileInfoReplace_MeetsTheSameOpens_AndNamesTheResultAsTyped()
    {
        var source = FileInfoMembers.New("a.txt");
        using (FileStreamMembers.New("a.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            Assert.Throws<IOException>(() => FileInfoMembers.Replace(source, "r.txt", null));
        var replaced = FileInfoMembers.Replace(source, @"C:\work\R.TXT", null);
        Assert.Equal(@"C:\work\R.TXT", FileSystemInfoMembers.get_FullName(replaced));
        Assert.Equal("a", File.ReadAllText(HostOf("r.txt")));
    }

    [Theory]
    [InlineData(FileShare.ReadWrite, false)]
    [InlineData(FileShare.Delete, true)]
    public void FileInfoMoveTo_OfAnOpenFile_NeedsItsOpenToShareDeleting_AndThenNamesTheNewPathAsTyped(FileShare share, bool moves)
    {
        var info = FileInfoMembers.New("a.txt");
        using (FileStreamMembers.New("a.txt", FileMode.Open, FileAccess.Read, share))
        {
            if (moves)
                FileInfoMembers.MoveTo(info, @"C:\work\MOVED.txt");
            else
                Assert.Equal(SharingViolation, Assert.Throws<IOException>(() => FileInfoMembers.MoveTo(info, "moved.txt")).HResult);
        }
        Assert.Equal(moves, File.Exists(HostOf("MOVED.txt")));
        if (moves)
        {
            Assert.Equal(@"C:\work\MOVED.txt", FileSystemInfoMembers.get_FullName(info));
            Assert.Equal("MOVED.txt", FileSystemInfoMembers.get_Name(info));
            Assert.Equal(@"C:\work\MOVED.txt", info.ToString());
        }
    }
}
