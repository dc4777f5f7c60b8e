using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>
/// GetVolumeInformationW and CreateHardLinkW as a win-x64 probe printed them under wine64 (prefix C: and Z:): the
/// values of a label-less drive, and each refusal's error code.
/// </summary>
public sealed unsafe class VolumeAndLinkTests : FileSystemTest
{
    private (int Ok, int Error, uint Serial, uint MaxComponent, uint Flags, string FileSystem) Volume(string? root)
    {
        var label = stackalloc char[261];
        var fileSystem = stackalloc char[261];
        label[0] = 'x';
        uint serial = 0, max = 0, flags = 0;
        Clear();
        int ok;
        fixed (char* r = root)
            ok = Volumes.GetVolumeInformationW(root is null ? null : r, label, 261, &serial, &max, &flags, fileSystem, 261);
        Assert.True(ok == 0 || label[0] == '\0', "the label is empty");
        return (ok, Err, serial, max, flags, ok != 0 ? new string(fileSystem) : "");
    }

    [Theory]
    [InlineData(@"C:\", 'C')]
    [InlineData(@"C:", 'C')]
    [InlineData(@"c:/", 'C')]
    [InlineData(@"\\?\C:\", 'C')]
    [InlineData(@"Z:\", 'Z')]
    [InlineData(null, 'C')] // the current drive
    public void A_drive_is_a_label_less_ntfs_volume_with_its_letter_in_the_serial(string? root, char drive)
    {
        var volume = Volume(root);
        Assert.Equal(1, volume.Ok);
        Assert.Equal((uint)drive << 24, volume.Serial);
        Assert.Equal(255u, volume.MaxComponent);
        Assert.Equal(0xAu, volume.Flags);
        Assert.Equal("NTFS", volume.FileSystem);
    }

    [Theory]
    [InlineData(@"C:\windows\", 144)] // ERROR_DIR_NOT_ROOT
    [InlineData(@"Q:\", 3)] // a drive the table lacks
    public void Anything_but_a_known_drive_root_is_refused(string root, int error)
    {
        var volume = Volume(root);
        Assert.Equal(0, volume.Ok);
        Assert.Equal(error, volume.Error);
    }

    private static int Link(string newName, string existing)
    {
        Clear();
        fixed (char* n = newName)
        fixed (char* e = existing)
            return HardLinks.CreateHardLinkW(n, e, 0);
    }

    [Fact]
    public void A_hard_link_is_the_same_file_under_a_second_name()
    {
        WriteHostFile("a.txt", "x");
        Assert.Equal(1, Link(@"C:\work\B.txt", @"c:\WORK\A.TXT"));
        File.WriteAllText(HostOf("B.txt"), "changed");
        Assert.Equal("changed", File.ReadAllText(HostOf("a.txt")));
    }

    [Fact]
    public void Hard_link_refusals_have_windows_codes()
    {
        WriteHostFile("a.txt", "x");
        WriteHostFile("taken.txt", "y");
        Directory.CreateDirectory(HostOf("folder"));
        Assert.Equal(0, Link(@"C:\work\taken.txt", @"C:\work\a.txt"));
        Assert.Equal(183, Err); // ERROR_ALREADY_EXISTS
        Assert.Equal(0, Link(@"C:\work\c.txt", @"C:\work\missing.txt"));
        Assert.Equal(2, Err);
        Assert.Equal(0, Link(@"C:\work\d", @"C:\work\folder"));
        Assert.Equal(5, Err); // a folder cannot be hard-linked
        Assert.Equal(0, Link(@"C:\work\nofolder\e.txt", @"C:\work\a.txt"));
        Assert.Equal(3, Err);
        Assert.False(File.Exists(HostOf("c.txt")));
    }
}
