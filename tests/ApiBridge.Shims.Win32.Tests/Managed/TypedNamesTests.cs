using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// A FileInfo or DirectoryInfo made from a guest path is named as the program typed it, as on Windows (and under Wine):
/// <c>new FileInfo(@"C:\work\notes.TXT")</c> of a file stored as <c>Notes.txt</c> has FullName <c>C:\work\notes.TXT</c>,
/// Name <c>notes.TXT</c>, Extension <c>.TXT</c>. What the BCL lists shows the names on disk.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class TypedNamesTests : FileSystemTest
{
    public TypedNamesTests() => WriteHostFile("Notes.txt", "alpha");

    [Fact]
    public void FileInfo_OfAnotherCase_IsNamedAsTyped()
    {
        var info = FileInfoMembers.New(@"C:\work\notes.TXT");
        Assert.Equal(@"C:\work\notes.TXT", FileSystemInfoMembers.get_FullName(info));
        Assert.Equal("notes.TXT", FileSystemInfoMembers.get_Name(info));
        Assert.Equal(".TXT", FileSystemInfoMembers.get_Extension(info));
        Assert.Equal(@"C:\work", FileInfoMembers.get_DirectoryName(info));
        // It is still the file on disk.
        Assert.True(info.Exists);
        Assert.Equal(5, info.Length);
    }

    [Fact]
    public void FileInfo_Relative_WithATrailingDot_IsNamedAsWindowsDoes()
    {
        // Windows: Name is the last part of the path as given, FullName drops the trailing dot (GetFullPathNameW).
        var info = FileInfoMembers.New("NOTES.txt.");
        Assert.Equal(@"C:\work\NOTES.txt", FileSystemInfoMembers.get_FullName(info));
        Assert.Equal("NOTES.txt.", FileSystemInfoMembers.get_Name(info));
        Assert.Equal(".txt", FileSystemInfoMembers.get_Extension(info));
    }

    [Fact]
    public void DirectoryInfo_IsNamedAsTyped_AndADriveRootIsTheDrive()
    {
        var work = DirectoryInfoMembers.New(@"c:\WORK\");
        Assert.Equal(@"c:\WORK\", FileSystemInfoMembers.get_FullName(work));
        Assert.Equal("WORK", FileSystemInfoMembers.get_Name(work));
        var root = DirectoryInfoMembers.New(@"C:\");
        Assert.Equal(@"C:\", FileSystemInfoMembers.get_Name(root));
        // A parent the BCL made has no typed path: the on-disk name, except that the drive's folder is the drive.
        Assert.Equal(@"C:\", FileSystemInfoMembers.get_Name(work.Parent!));
    }

    [Fact]
    public void ToString_IsThePathAsTyped_AsOnWindows_WhileTheBclKeepsTheHostName()
    {
        var file = FileInfoMembers.New("notes.TXT");
        var folder = DirectoryInfoMembers.New(@"c:\WORK");
        // Object.ToString, as a guest's interpolation or logger calls it.
        Assert.Equal("notes.TXT", ((object)file).ToString());
        Assert.Equal(@"c:\WORK", $"{folder}");
        // The BCL's own view of the objects is the host's, as before.
        Assert.Equal("Notes.txt", file.Name);
        Assert.Equal(HostOf("Notes.txt"), file.FullName);
        Assert.Equal("work", folder.Name);
    }

    [Fact]
    public void Listings_ShowTheNamesOnDisk()
    {
        var listed = Assert.Single(DirectoryInfoMembers.New(@"C:\WORK").GetFiles());
        Assert.Equal("Notes.txt", FileSystemInfoMembers.get_Name(listed));
        Assert.Equal(@"C:\work\Notes.txt", FileSystemInfoMembers.get_FullName(listed));
    }

    [Fact]
    public void AfterMoveTo_TheNewPathIsShown()
    {
        var info = FileInfoMembers.New("NOTES.TXT");
        info.MoveTo(HostOf("Moved.txt")); // what the generated wrapper of MoveTo passes: the host path
        Assert.Equal(@"C:\work\Moved.txt", FileSystemInfoMembers.get_FullName(info));
        Assert.Equal("Moved.txt", FileSystemInfoMembers.get_Name(info));
    }

    [Fact]
    public void FileNotFound_NamesTheFileAsTyped()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FileMembers.OpenRead(@"C:\WORK\Missing.TXT"));
        Assert.Equal(unchecked((int)0x80070002), error.HResult);
        Assert.Equal(@"Could not find file 'C:\WORK\Missing.TXT'.", error.Message);
        Assert.Equal(@"C:\WORK\Missing.TXT", error.FileName);
    }
}
