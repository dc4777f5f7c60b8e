namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>Case-insensitive names on the case-sensitive host, and the per-folder index.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class CaseInsensitivityTests : FileSystemTest
{
    [Fact]
    public void CreatedAsHello_OpensAsHELLO_AndBothSeparatorsWork()
    {
        var h = Create("Hello.txt", GENERIC_WRITE, 0, CREATE_NEW);
        Assert.True(Write(h, "hi"));
        Close(h);
        h = Create(@"C:/WORK\HELLO.TXT", GENERIC_READ, 0, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.Equal("hi", ReadText(h, 10));
        Close(h);
    }

    [Fact]
    public void ANameDifferingOnlyInCase_IsTheSameName()
    {
        Close(Create("Report.txt", GENERIC_WRITE, 0, CREATE_NEW));
        Assert.Equal(INVALID_HANDLE_VALUE, Create("REPORT.TXT", GENERIC_WRITE, 0, CREATE_NEW));
        Assert.Equal(80, Err);
        var h = Create("report.TXT", GENERIC_WRITE, 0, CREATE_ALWAYS);
        Assert.Equal(183, Err);
        Close(h);
        Directory.CreateDirectory(HostOf("Folder"));
        Assert.False(CreateDirectory("FOLDER"));
        Assert.Equal(183, Err);
        Assert.Equal(["Folder", "Report.txt"], Directory.GetFileSystemEntries(WorkHost).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void DeepPathsResolveEveryComponent()
    {
        WriteHostFile(@"One/Two/Three.txt", "3");
        Assert.Equal(0x20u, Attributes(@"c:\WORK\one\TWO\three.TXT"));
    }

    [Fact]
    public void TheIndexIsReadOncePerFolderChange()
    {
        for (var i = 0; i < 50; i++)
            File.WriteAllText(HostOf($"File{i}.txt"), "");
        Thread.Sleep(50); // let the folder's mtime age past the timestamp granularity
        var before = Fs.CaseIndex.Reads;
        for (var i = 0; i < 50; i++)
            Assert.Equal(0x20u, Attributes($"FILE{i}.TXT"));
        Assert.Equal(1, Fs.CaseIndex.Reads - before);
        // Creating through the bridge patches the index instead of rereading the folder.
        for (var i = 0; i < 20; i++)
            Close(Create($"New{i}.txt", GENERIC_WRITE, 0, CREATE_NEW));
        Assert.True(Fs.CaseIndex.Reads - before <= 2, $"reads: {Fs.CaseIndex.Reads - before}");
        // A change made behind the bridge's back is noticed.
        File.WriteAllText(HostOf("Outside.txt"), "");
        Assert.Equal(0x20u, Attributes("OUTSIDE.TXT"));
    }
}
