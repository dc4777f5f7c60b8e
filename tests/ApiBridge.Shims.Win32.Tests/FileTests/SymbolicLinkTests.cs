using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>CreateSymbolicLinkW: host links the guest and the host both follow, and Windows' refusals.</summary>
public sealed unsafe class SymbolicLinkTests : FileSystemTest
{
    private static int Link(string link, string target, uint flags = 0)
    {
        Clear();
        fixed (char* l = link)
        fixed (char* t = target)
            return SymbolicLinks.CreateSymbolicLinkW(l, t, flags);
    }

    [Fact]
    public void A_relative_target_stays_relative_with_the_names_as_stored()
    {
        Directory.CreateDirectory(HostOf("Data"));
        File.WriteAllText(HostOf("Data/Real.txt"), "content");
        Assert.Equal(1, Link(@"C:\work\link.txt", @"data\REAL.TXT"));
        Assert.Equal("Data/Real.txt", new FileInfo(HostOf("link.txt")).LinkTarget);
        Assert.Equal("content", File.ReadAllText(HostOf("link.txt")));

        // The guest reads through it too.
        var handle = Create(@"C:\work\LINK.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, handle);
        Assert.True(Read(handle, 7, out var data));
        Assert.Equal("content", System.Text.Encoding.ASCII.GetString(data));
        Close(handle);
    }

    [Fact]
    public void An_absolute_target_becomes_its_host_path_and_may_not_exist_yet()
    {
        Assert.Equal(1, Link(@"C:\work\dir-link", @"C:\work\later", SymbolicLinks.SYMBOLIC_LINK_FLAG_DIRECTORY));
        Assert.Equal(HostOf("later"), new DirectoryInfo(HostOf("dir-link")).LinkTarget);
        Assert.False(Directory.Exists(HostOf("dir-link"))); // dangling until the target is made
        Directory.CreateDirectory(HostOf("later"));
        Assert.True(Directory.Exists(HostOf("dir-link")));
    }

    [Fact]
    public void Refusals_have_windows_codes()
    {
        File.WriteAllText(HostOf("taken.txt"), "x");
        Assert.Equal(0, Link(@"C:\work\taken.txt", "other.txt"));
        Assert.Equal(183, Err); // ERROR_ALREADY_EXISTS
        Assert.Equal(0, Link(@"C:\work\missing\link.txt", "taken.txt"));
        Assert.Equal(3, Err); // ERROR_PATH_NOT_FOUND
        Assert.Equal(0, Link(@"C:\work\x.txt", "taken.txt", 0x4));
        Assert.Equal(87, Err); // an unknown flag
        Assert.Equal(0, Link(@"C:\work\y.txt", ""));
        Assert.Equal(87, Err);
        Assert.False(File.Exists(HostOf("x.txt")) || File.Exists(HostOf("y.txt")));
    }
}
