using ApiBridge.Shims.Posix.Managed;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Tests.Managed;

/// <summary>
/// DriveInfo of a Linux guest on a Windows-shaped host, with .NET on Linux's answers (checked on this machine's Linux
/// .NET): any path is a drive named as given, existing means Fixed, missing means NoRootDirectory and
/// DriveNotFoundException from the volume questions, IsReady means a folder; the drives are the view's mount points.
/// </summary>
public sealed class PosixDriveInfoTests : PosixTest
{
    public PosixDriveInfoTests()
    {
        foreach (var folder in new[] { "rootfs", "temp", "profile", "drive_c" })
            Directory.CreateDirectory(P(folder));
        Use(PosixPathView.WindowsHost(P("rootfs"), P("temp"), P("profile"), "tester", separator: '/', driveRoot: letter => P("drive_" + letter)));
    }

    [Fact]
    public void TheRoot_IsAFixedReadyDrive_NamedAndLabelledAsGiven_WithTheHostVolumesFigures()
    {
        var root = DriveInfoMembers.New("/");
        Assert.Equal("/", DriveInfoMembers.get_Name(root));
        Assert.Equal("/", DriveInfoMembers.get_VolumeLabel(root));
        Assert.Equal(DriveType.Fixed, DriveInfoMembers.get_DriveType(root));
        Assert.True(DriveInfoMembers.get_IsReady(root));
        Assert.Equal(P("rootfs"), DriveInfoMembers.get_RootDirectory(root).FullName);
        var hostVolume = new DriveInfo("/");
        Assert.Equal(hostVolume.DriveFormat.ToLowerInvariant(), DriveInfoMembers.get_DriveFormat(root));
        Assert.Equal(hostVolume.TotalSize, DriveInfoMembers.get_TotalSize(root));
        Assert.True(DriveInfoMembers.get_AvailableFreeSpace(root) > 0);
    }

    [Fact]
    public void AMissingPath_IsNoRootDirectory_AndItsVolumeQuestionsThrowDriveNotFound()
    {
        var missing = DriveInfoMembers.New("/nowhere");
        Assert.Equal(DriveType.NoRootDirectory, DriveInfoMembers.get_DriveType(missing));
        Assert.False(DriveInfoMembers.get_IsReady(missing));
        Assert.Equal("/nowhere", DriveInfoMembers.get_VolumeLabel(missing));
        var error = Assert.Throws<DriveNotFoundException>(() => DriveInfoMembers.get_DriveFormat(missing));
        Assert.Equal("Could not find the drive '/nowhere'. The drive might not be ready or might not be mapped.", error.Message);
        Assert.Throws<DriveNotFoundException>(() => DriveInfoMembers.get_TotalSize(missing));
        Assert.Throws<DriveNotFoundException>(() => DriveInfoMembers.get_AvailableFreeSpace(missing));
    }

    [Fact]
    public void AFile_IsFixedButNotReady_ARelativeNameIsKeptAsGiven()
    {
        File.WriteAllText(P("temp/file.txt"), "f");
        var file = DriveInfoMembers.New("/tmp/file.txt");
        Assert.Equal(DriveType.Fixed, DriveInfoMembers.get_DriveType(file));
        Assert.False(DriveInfoMembers.get_IsReady(file));
        EnvironmentMembers.CurrentDirectory = "/tmp";
        var relative = DriveInfoMembers.New("file.txt");
        Assert.Equal("file.txt", DriveInfoMembers.get_Name(relative));
        Assert.Equal(DriveType.Fixed, DriveInfoMembers.get_DriveType(relative));
    }

    [Fact]
    public void BadNames_AreLinuxsArgumentErrors()
    {
        Assert.Throws<ArgumentNullException>(() => DriveInfoMembers.New(null!));
        var empty = Assert.Throws<ArgumentException>(() => DriveInfoMembers.New(""));
        Assert.Equal("driveName", empty.ParamName);
    }

    [Fact]
    public void TheDrives_AreTheViewsMountPoints_EverywhereTheyAreListed()
    {
        string[] expected = ["/", "/tmp", "/home/tester", "/mnt/c"];
        Assert.Equal(expected, DriveInfoMembers.GetDrives().Select(DriveInfoMembers.get_Name));
        Assert.Equal(expected, DirectoryMembers.GetLogicalDrives());
        Assert.Equal(expected, EnvironmentMembers.GetLogicalDrives());
    }
}
