using System.Runtime.CompilerServices;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// FileStreams of the managed view keep Windows' share modes against each other and against kernel32 handles, for as
/// long as they are open: what .NET on Windows (and under Wine) throws — IOException 0x80070020 with the path as typed —
/// and what CreateFileW reports (ERROR_SHARING_VIOLATION, 32).
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class FileSharingTests : FileSystemTest
{
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int ERROR_SHARING_VIOLATION = 32;

    private static string InUse(string guestPath) => $"The process cannot access the file '{guestPath}' because it is being used by another process.";

    [Fact]
    public void SecondFileStream_OnAFileShareNoneFile_IsASharingViolation_NamedAsTyped()
    {
        using var first = FileStreamMembers.New("locked.txt", FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        var error = Assert.Throws<IOException>(() => FileStreamMembers.New("LOCKED.TXT", FileMode.Open, FileAccess.Read, FileShare.ReadWrite).Dispose());
        Assert.Equal(SharingViolation, error.HResult);
        Assert.Equal(InUse(@"C:\work\LOCKED.TXT"), error.Message);
    }

    [Fact]
    public void FileShareRead_AdmitsReaders_AndRefusesWriters()
    {
        using var writer = FileStreamMembers.New("shared.txt", FileMode.Create, FileAccess.Write, FileShare.Read);
        FileStreamMembers.New("Shared.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite).Dispose();
        var error = Assert.Throws<IOException>(() => FileStreamMembers.New("SHARED.txt", FileMode.Open, FileAccess.Write, FileShare.ReadWrite).Dispose());
        Assert.Equal(SharingViolation, error.HResult);
        Assert.Equal(InUse(@"C:\work\SHARED.txt"), error.Message);
        // A reader that does not share writing conflicts with the open writer, whatever it shares itself (Windows' rule).
        Assert.Throws<IOException>(() => FileStreamMembers.New("shared.txt", FileMode.Open, FileAccess.Read, FileShare.Read).Dispose());
    }

    [Fact]
    public void Dispose_ReleasesTheShareMode()
    {
        var first = FileMembers.Open("free.txt", FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        Assert.Throws<IOException>(() => FileMembers.OpenRead("FREE.TXT").Dispose());
        first.Dispose();
        using var again = FileMembers.Open("FREE.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(again.CanWrite);
    }

    [Fact]
    public void AStreamTheProgramForgot_IsReleasedWhenCollected()
    {
        OpenAndForget("forgotten.txt");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var again = FileStreamMembers.New("forgotten.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(again.CanRead);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OpenAndForget(string path) => FileStreamMembers.New(path, FileMode.Create, FileAccess.Write, FileShare.None);

    [Fact]
    public void CreateFileW_OnAFileStreamsFileShareNoneFile_FailsWith32_UntilTheStreamIsDisposed()
    {
        var stream = FileStreamMembers.New("held.txt", FileMode.Create, FileAccess.Write, FileShare.None);
        Assert.Equal(INVALID_HANDLE_VALUE, Create(@"C:\work\HELD.txt", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING));
        Assert.Equal(ERROR_SHARING_VIOLATION, Err);
        stream.Dispose();
        var h = Create(@"C:\work\HELD.txt", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.True(Close(h));
    }

    [Fact]
    public void CreateFileW_ReadingAFileStreamsReadSharedFile_Succeeds_WritingFails()
    {
        using var stream = FileMembers.OpenRead(CreateHostFile("readers.txt"));
        var reader = Create("readers.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, reader);
        Assert.True(Close(reader));
        Assert.Equal(INVALID_HANDLE_VALUE, Create("readers.txt", GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING));
        Assert.Equal(ERROR_SHARING_VIOLATION, Err);
    }

    [Fact]
    public void FileStream_OnAFileCreateFileWHoldsUnshared_IsASharingViolation_UntilCloseHandle()
    {
        var h = Create("native.txt", GENERIC_WRITE, 0, CREATE_NEW);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        var error = Assert.Throws<IOException>(() => FileMembers.OpenRead("Native.TXT").Dispose());
        Assert.Equal(SharingViolation, error.HResult);
        Assert.Equal(InUse(@"C:\work\Native.TXT"), error.Message);
        Assert.True(Close(h));
        FileMembers.OpenRead("Native.TXT").Dispose();
    }

    [Fact]
    public void FileShareReadWrite_StreamAdmitsACreateFileWWriter_ThatShares()
    {
        using var stream = FileStreamMembers.New("both.txt", FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite);
        var h = Create("both.txt", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        // The kernel32 handle shares only reading and writing, so a stream asking the same is welcome, one that refuses
        // to share writing is not.
        FileStreamMembers.New("both.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite).Dispose();
        Assert.Throws<IOException>(() => FileStreamMembers.New("both.txt", FileMode.Open, FileAccess.Read, FileShare.Read).Dispose());
        Assert.True(Close(h));
    }

    [Fact]
    public void FileCreate_OfANewFile_HoldsIt_AsDoesOpenHandle_AndFileInfoOpen()
    {
        using (FileMembers.Create("new.txt"))
        {
            Assert.Equal(INVALID_HANDLE_VALUE, Create("new.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING));
            Assert.Equal(ERROR_SHARING_VIOLATION, Err);
        }
        using (var handle = FileMembers.OpenHandle("NEW.txt", FileMode.Open, FileAccess.Read, FileShare.None, FileOptions.None, 0))
            Assert.Throws<IOException>(() => FileStreamMembers.New("new.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite).Dispose());
        var info = FileInfoMembers.New(@"C:\work\New.TXT");
        using (FileInfoMembers.OpenWrite(info))
        {
            var error = Assert.Throws<IOException>(() => FileMembers.OpenRead("new.txt").Dispose());
            Assert.Equal(InUse(@"C:\work\new.txt"), error.Message);
            Assert.Throws<IOException>(() => FileInfoMembers.OpenRead(info).Dispose());
        }
        FileMembers.OpenRead("new.txt").Dispose();
    }

    [Fact]
    public void RefusedArguments_AreTheBclsErrors_AndHoldNothing()
    {
        CreateHostFile("args.txt");
        Assert.Throws<ArgumentException>(() => FileStreamMembers.New("args.txt", FileMode.Truncate, FileAccess.Read, FileShare.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => FileStreamMembers.New("args.txt", (FileMode)42, FileAccess.Read, FileShare.None));
        using var stream = FileStreamMembers.New("args.txt", FileMode.Open, FileAccess.Read, FileShare.None);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void DisposedStreams_DoNotPileUpInTheShareTable()
    {
        for (var i = 0; i < 1000; i++)
            FileStreamMembers.New($"many{i}.txt", FileMode.Create, FileAccess.Write, FileShare.None).Dispose();
        Assert.InRange(OpenFile.ShareTable.FileCount, 0, 512);
    }

    [Fact]
    public void OneFile_OpenedAndDisposedOverAndOver_KeepsAShortListOfOpens()
    {
        var path = CreateHostFile("again.txt");
        for (var i = 0; i < 1000; i++)
            FileMembers.OpenRead(path).Dispose();
        using var last = FileMembers.OpenRead(path);
        var key = FileManagement.Key(ResolvedOf(path));
        Assert.InRange(OpenFile.ShareTable.OpenCount(key), 1, 16);
    }

    private ResolvedPath ResolvedOf(string path)
    {
        Assert.Equal(0, Fs.Resolve(path, out var resolved));
        return resolved;
    }

    private string CreateHostFile(string name)
    {
        WriteHostFile(name, "text");
        return name;
    }

    // The BCL's whole-file members open, delete or rename by themselves; their wrappers hand the path to these.

    [Fact]
    public void WholeFileReadsAndWrites_OfAFileOpenForWriting_AreSharingViolations_NamedAsTyped()
    {
        using var writer = FileStreamMembers.New("log.txt", FileMode.Create, FileAccess.Write, FileShare.Read);
        var read = Assert.Throws<IOException>(() => WindowsManagedPaths.ToHostForReading("LOG.txt"));
        Assert.Equal(SharingViolation, read.HResult);
        Assert.Equal(InUse(@"C:\work\LOG.txt"), read.Message);
        Assert.Throws<IOException>(() => WindowsManagedPaths.ToHostForWriting("log.txt"));
        Assert.Equal(InUse(@"C:\work\Log.TXT"), Assert.Throws<IOException>(() => WindowsManagedPaths.ToHostForDeleting("Log.TXT")).Message);
        var rename = Assert.Throws<IOException>(() => WindowsManagedPaths.ToHostForRenaming("log.txt"));
        Assert.Equal(SharingViolation, rename.HResult);
        Assert.Equal("The process cannot access the file because it is being used by another process.", rename.Message);
        Assert.Throws<IOException>(() => FileSystemInfoMembers.Delete(FileInfoMembers.New("log.txt")));
        Assert.True(File.Exists(HostOf("log.txt")));
    }

    [Fact]
    public void WholeFileMembers_PassWhatTheOpenShares()
    {
        WriteHostFile("data.txt", "d");
        using (FileStreamMembers.New("data.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            Assert.Equal(HostOf("data.txt"), WindowsManagedPaths.ToHostForReading("DATA.TXT"));
            Assert.Equal(HostOf("data.txt"), WindowsManagedPaths.ToHostForWriting("data.txt"));
            Assert.Equal(HostOf("data.txt"), WindowsManagedPaths.ToHostForDeleting("data.txt"));
        }
        using (FileStreamMembers.New("data.txt", FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            // A reader sharing reading admits other readers, not writers or a delete.
            Assert.Equal(HostOf("data.txt"), WindowsManagedPaths.ToHostForReading("data.txt"));
            Assert.Throws<IOException>(() => WindowsManagedPaths.ToHostForWriting("data.txt"));
            Assert.Throws<IOException>(() => WindowsManagedPaths.ToHostForDeleting("data.txt"));
        }
        // Nothing open: every use passes, and a missing file is the member's own business (no share question).
        Assert.Equal(HostOf("data.txt"), WindowsManagedPaths.ToHostForDeleting("data.txt"));
        Assert.Equal(HostOf("new.txt"), WindowsManagedPaths.ToHostForWriting("new.txt"));
        FileSystemInfoMembers.Delete(FileInfoMembers.New("data.txt"));
        Assert.False(File.Exists(HostOf("data.txt")));
    }

    [Fact]
    public void AKernel32HandleWithoutDeleteSharing_BlocksFileDelete()
    {
        WriteHostFile("native.txt", "n");
        var handle = Create("native.txt", GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
        Assert.Throws<IOException>(() => WindowsManagedPaths.ToHostForDeleting("native.txt"));
        Close(handle);
        Assert.Equal(HostOf("native.txt"), WindowsManagedPaths.ToHostForDeleting("native.txt"));
    }
}
