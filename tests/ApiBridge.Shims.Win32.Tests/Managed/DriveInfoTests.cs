using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// <c>DriveInfo</c>, <c>Directory.GetLogicalDrives</c> and <c>Environment.GetLogicalDrives</c> over the guest's drive
/// table: the names Windows gives (the letter as typed, a trailing backslash), the answers kernel32 gives for the same
/// drive (fixed, NTFS, no label), the host file system's space, and Windows' errors for names that are not drives and
/// for drives that do not exist.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class DriveInfoTests() : FileSystemTest(drives: "D=" + SecondDrive)
{
    private static readonly string SecondDrive = Path.Combine(Path.GetTempPath(), "apibridge-drive-d-" + Environment.ProcessId);

    [Theory]
    [InlineData("C", @"C:\")]
    [InlineData("c", @"c:\")]
    [InlineData("C:", @"C:\")]
    [InlineData(@"C:\", @"C:\")]
    [InlineData(@"c:\users\tester\Documents", @"c:\")]
    [InlineData("c:relative", @"c:\")]
    public void A_drive_is_named_as_Windows_normalizes_it(string typed, string name)
    {
        var drive = DriveInfoMembers.New(typed);
        Assert.Equal(name, DriveInfoMembers.get_Name(drive));
        Assert.Equal(name, FileSystemInfoMembers.get_FullName(DriveInfoMembers.get_RootDirectory(drive)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("drive")]
    [InlineData(@"\\server\share")]
    [InlineData(@"\\?\C:\")]
    [InlineData(@"\folder")]
    public void A_name_that_is_no_drive_is_refused(string typed)
    {
        var error = Assert.Throws<ArgumentException>(() => DriveInfoMembers.New(typed));
        Assert.Equal("driveName", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => DriveInfoMembers.New(null!));
    }

    [Fact]
    public void Drive_C_is_the_prefixs_drive_c_and_answers_as_kernel32_does()
    {
        var drive = DriveInfoMembers.New("C");
        Assert.Equal(DriveType.Fixed, DriveInfoMembers.get_DriveType(drive));
        Assert.Equal("NTFS", DriveInfoMembers.get_DriveFormat(drive));
        Assert.Equal("", DriveInfoMembers.get_VolumeLabel(drive));
        Assert.True(DriveInfoMembers.get_IsReady(drive));
        // The space is the host file system's that holds drive_c.
        var host = new DriveInfo(Path.Combine(Root, "drive_c"));
        Assert.Equal(host.TotalSize, DriveInfoMembers.get_TotalSize(drive));
        Assert.InRange(DriveInfoMembers.get_AvailableFreeSpace(drive), 1, host.TotalSize);
        Assert.InRange(DriveInfoMembers.get_TotalFreeSpace(drive), DriveInfoMembers.get_AvailableFreeSpace(drive) / 2, host.TotalSize);
    }

    [Fact]
    public void A_drive_the_table_lacks_is_not_ready_and_its_volume_is_not_found()
    {
        var drive = DriveInfoMembers.New("q:");
        Assert.Equal(@"q:\", DriveInfoMembers.get_Name(drive));
        Assert.Equal(DriveType.NoRootDirectory, DriveInfoMembers.get_DriveType(drive));
        Assert.False(DriveInfoMembers.get_IsReady(drive));
        var error = Assert.Throws<DriveNotFoundException>(() => DriveInfoMembers.get_DriveFormat(drive));
        Assert.Contains(@"'q:\'", error.Message);
        Assert.Throws<DriveNotFoundException>(() => DriveInfoMembers.get_VolumeLabel(drive));
        Assert.Throws<DriveNotFoundException>(() => DriveInfoMembers.get_TotalSize(drive));
        Assert.Throws<DriveNotFoundException>(() => DriveInfoMembers.get_AvailableFreeSpace(drive));
        Assert.Throws<DriveNotFoundException>(() => DriveInfoMembers.get_TotalFreeSpace(drive));
    }

    [Fact]
    public void The_drive_list_is_the_guest_drive_table_in_letter_order()
    {
        Directory.CreateDirectory(SecondDrive);
        try
        {
            string[] expected = [@"C:\", @"D:\", @"Z:\"];
            Assert.Equal(expected, DriveInfoMembers.GetDrives().Select(DriveInfoMembers.get_Name));
            Assert.Equal(expected, DirectoryMembers.GetLogicalDrives());
            Assert.Equal(expected, EnvironmentMembers.GetLogicalDrives());
            var d = DriveInfoMembers.GetDrives()[1];
            Assert.True(DriveInfoMembers.get_IsReady(d));
            Assert.Equal(new DriveInfo(SecondDrive).TotalSize, DriveInfoMembers.get_TotalSize(d));
        }
        finally
        {
            Directory.Delete(SecondDrive, recursive: true);
        }
    }
}

/// <summary>In isolated mode only drives inside the prefix exist: Z: (the host's root) is gone from every list.</summary>
[Collection(BridgeCollection.Name)]
public sealed class IsolatedDriveInfoTests() : FileSystemTest(isolate: true)
{
    [Fact]
    public void Only_drive_C_is_listed_and_Z_is_not_found()
    {
        Assert.Equal([@"C:\"], DirectoryMembers.GetLogicalDrives());
        Assert.Equal([@"C:\"], DriveInfoMembers.GetDrives().Select(DriveInfoMembers.get_Name));
        Assert.Equal(DriveType.NoRootDirectory, DriveInfoMembers.get_DriveType(DriveInfoMembers.New("Z")));
    }
}
