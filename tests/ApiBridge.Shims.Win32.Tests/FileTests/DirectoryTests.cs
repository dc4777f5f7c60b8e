using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>Folders, the current folder, find files (kernel32.md, Wine's directory.c and file.c).</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class DirectoryTests : FileSystemTest
{
    private static string CurrentDirectory()
    {
        var buffer = stackalloc char[300];
        var n = Directories.GetCurrentDirectoryW(300, buffer);
        return new string(buffer, 0, (int)n);
    }

    [Fact]
    public void CreateDirectory_Contracts()
    {
        Assert.True(CreateDirectory("d"));
        Assert.True(Directory.Exists(HostOf("d")));
        Assert.False(CreateDirectory("d"));
        Assert.Equal(183, Err);
        Assert.False(CreateDirectory("D"));
        Assert.Equal(183, Err);
        Assert.False(CreateDirectory("."));
        Assert.Equal(183, Err);
        Assert.False(CreateDirectory(".."));
        Assert.Equal(183, Err);
        Assert.False(CreateDirectory(""));
        Assert.Equal(3, Err);
        Assert.False(CreateDirectory("a*b"));
        Assert.Equal(123, Err);
        Assert.False(CreateDirectory(@"missing\child"));
        Assert.Equal(3, Err);
        Assert.True(CreateDirectory("Please Remove Me."));
        Assert.True(Directory.Exists(HostOf("Please Remove Me")));
    }

    [Fact]
    public void RemoveDirectory_Contracts()
    {
        Directory.CreateDirectory(HostOf(@"full\inner"));
        Assert.False(RemoveDirectory("full"));
        Assert.Equal(145, Err);
        Assert.True(RemoveDirectory(@"FULL\INNER"));
        WriteHostFile("file.txt", "x");
        Assert.False(RemoveDirectory("file.txt"));
        Assert.Equal(267, Err);
        Assert.False(RemoveDirectory("nothing"));
        Assert.Equal(2, Err);
        Assert.True(Call("full", p => Directories.SetCurrentDirectoryW((char*)p)));
        Assert.False(RemoveDirectory(@"C:\work\full"));
        Assert.Equal(32, Err);
    }

    [Fact]
    public void CurrentDirectory_Contracts()
    {
        Assert.Equal(@"C:\work", CurrentDirectory());
        Directory.CreateDirectory(HostOf("sub"));
        Assert.True(Call(@"sub\", p => Directories.SetCurrentDirectoryW((char*)p)));
        Assert.Equal(@"C:\work\sub", CurrentDirectory());
        Assert.True(Call(@"C:\", p => Directories.SetCurrentDirectoryW((char*)p)));
        Assert.Equal(@"C:\", CurrentDirectory());
        Assert.False(Call(@"C:\work\missing", p => Directories.SetCurrentDirectoryW((char*)p)));
        Assert.Equal(2, Err);
        Assert.False(Call(@"C:\missing\deeper", p => Directories.SetCurrentDirectoryW((char*)p)));
        Assert.Equal(3, Err);
        var small = stackalloc char[2];
        small[0] = 'q';
        Assert.Equal(4u, Directories.GetCurrentDirectoryW(2, small));
        Assert.Equal('q', small[0]);
    }

    [Fact]
    public void FindFiles_ListsDotsFirst_ThenEntries_AndEndsWithNoMoreFiles()
    {
        Directory.CreateDirectory(HostOf("list"));
        foreach (var name in new[] { "b.txt", "A.txt", "c.log" })
            File.WriteAllText(HostOf(@"list\" + name), name);
        Directory.CreateDirectory(HostOf(@"list\sub"));
        Assert.Equal([".", "..", "A.txt", "b.txt", "c.log", "sub"], List(@"list\*"));
        Assert.Equal(["A.txt", "b.txt"], List(@"list\*.TXT"));
        Assert.Equal(["c.log"], List(@"LIST\C.LOG"));
    }

    [Fact]
    public void FindFiles_Failures()
    {
        Directory.CreateDirectory(HostOf("empty"));
        Assert.Null(List(@"empty\*.txt"));
        Assert.Equal(2, Err);
        Assert.Null(List(@"nowhere\*"));
        Assert.Equal(3, Err);
        Clear();
        Assert.Equal(0, FindFiles.FindNextFileW(0x12340, null));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void FindFiles_RootHasNoDots_AndNulIsFoundEverywhere()
    {
        var root = List(@"C:\*")!;
        Assert.DoesNotContain(".", root);
        Assert.Contains("work", root);
        Assert.Equal(["nul"], List(@"C:\nul"));
    }

    [Fact]
    public void FindFirstFileEx_IsCaseInsensitiveEvenWhenAskedNotToBe()
    {
        File.WriteAllText(HostOf("Mixed.TXT"), "");
        Native.WIN32_FIND_DATAW data;
        nint h;
        fixed (char* p = "mixed.txt")
            h = FindFiles.FindFirstFileExW(p, 0, &data, 0, null, 1);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.Equal("Mixed.TXT", new string(data.cFileName));
        FindFiles.FindClose(h);
    }
}
