using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// Isolated mode's escape corpus, the parts the Win32 suite's IsolationTests has that PathViewTests does not: links
/// that dangle out (creating through them), relative links that climb out, creating under a folder link that points
/// out, the calls other than open and stat (mkdir, rename, unlink, chmod, chdir, openat) through such links — on the
/// isolated view of a Linux host and on that of a Windows host (Windows names, case-insensitive lookups).
/// </summary>
public sealed unsafe class IsolationTests : PosixTest
{
    private string Outside => P("outside");

    private string Secret => P("outside/secret.txt");

    private void UseIsolatedView(bool windowsNames)
    {
        Directory.CreateDirectory(P("prefix/rootfs/home/tester"));
        Directory.CreateDirectory(P("prefix/rootfs/tmp/inside"));
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Secret, "secret");
        File.WriteAllText(P("prefix/rootfs/tmp/inside/ok.txt"), "ok");
        Directory.CreateSymbolicLink(P("prefix/rootfs/tmp/linkout"), Outside);
        File.CreateSymbolicLink(P("prefix/rootfs/tmp/filelink.txt"), Secret);
        File.CreateSymbolicLink(P("prefix/rootfs/tmp/dangling.txt"), P("outside/new.txt"));
        // From rootfs/tmp up to the scratch folder and back down: a relative target that climbs out of the root.
        Directory.CreateSymbolicLink(P("prefix/rootfs/tmp/relative"), "../../../outside");
        Directory.CreateSymbolicLink(P("prefix/rootfs/tmp/linkin"), P("prefix/rootfs/tmp/inside"));
        Assert.Equal("secret", File.ReadAllText(P("prefix/rootfs/tmp/relative/secret.txt"))); // on the host, the links do lead out
        Use(PosixPathView.Isolated(P("prefix/rootfs"), "tester", separator: '/', windowsNames: windowsNames));
    }

    private void AssertOutsideUntouched()
    {
        Assert.Equal("secret", File.ReadAllText(Secret));
        Assert.Equal(["secret.txt"], Directory.GetFileSystemEntries(Outside).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("/../../../outside/secret.txt", false)]
    [InlineData("../../../../../../outside/secret.txt", false)]
    [InlineData("/tmp/..\\..\\..\\outside\\secret.txt", false)]
    [InlineData("/mnt/c/secret.txt", false)]
    [InlineData("//?/C:/secret.txt", false)]
    [InlineData("/../../../outside/secret.txt", true)]
    [InlineData("../../../../../../outside/secret.txt", true)]
    [InlineData("/tmp/..\\..\\..\\outside\\secret.txt", true)]
    [InlineData("C:\\outside\\secret.txt", true)]
    [InlineData("/mnt/c/secret.txt", true)]
    [InlineData("//?/C:/secret.txt", true)]
    public void DotDotAndDriveForms_StayInsideTheRoot(string attempt, bool windowsNames)
    {
        UseIsolatedView(windowsNames);
        Assert.Equal(0, PosixServices.View.Resolve(attempt, out var resolved));
        Assert.StartsWith(P("prefix/rootfs") + "/", resolved.Host + "/");
        Assert.Equal(-1, Open(attempt, O_RDONLY));
        Assert.Equal(2, Errno);
        // Creating: fails (no such folder inside the root) or makes a file inside the root (a backslash is a name).
        var fd = Open(attempt, O_CREAT | O_WRONLY | O_TRUNC);
        if (fd >= 0)
        {
            Assert.True(File.Exists(resolved.Host));
            Assert.Equal(0, Files.close(fd));
        }
        AssertOutsideUntouched();
    }

    [Theory]
    [InlineData("/tmp/linkout/secret.txt", false)]
    [InlineData("/tmp/filelink.txt", false)]
    [InlineData("/tmp/dangling.txt", false)]
    [InlineData("/tmp/relative/secret.txt", false)]
    [InlineData("/tmp/linkout/newfile.txt", false)]
    [InlineData("/tmp/inside/../linkout/secret.txt", false)]
    [InlineData("/tmp/linkout/secret.txt", true)]
    [InlineData("/tmp/filelink.txt", true)]
    [InlineData("/tmp/dangling.txt", true)]
    [InlineData("/tmp/relative/secret.txt", true)]
    [InlineData("/tmp/linkout/newfile.txt", true)]
    public void LinksPointingOut_AreEACCES_ForReadingAndForCreating(string path, bool windowsNames)
    {
        UseIsolatedView(windowsNames);
        Assert.Equal(-1, Open(path, O_RDONLY));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, Open(path, O_CREAT | O_RDWR));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, Open(path, O_CREAT | O_WRONLY | O_TRUNC));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, Stat(path, out _));
        Assert.Equal(13, Errno);
        AssertOutsideUntouched();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OtherCallsThroughALinkPointingOut_AreEACCES_AndChangeNothingOutside(bool windowsNames)
    {
        UseIsolatedView(windowsNames);
        Assert.Equal(-1, Mkdir("/tmp/linkout/made"));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, Rename("/tmp/inside/ok.txt", "/tmp/linkout/stolen.txt"));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, Rename("/tmp/linkout/secret.txt", "/tmp/got.txt"));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, PathCall("/tmp/linkout/secret.txt", &Files.unlink));
        Assert.Equal(13, Errno);
        fixed (byte* p = Z("/tmp/filelink.txt")) Assert.Equal(-1, Files.chmod(p, 0));
        Assert.Equal(13, Errno);
        fixed (byte* p = Z("/tmp/relative")) Assert.Equal(-1, Files.chdir(p));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, Access("/tmp/linkout/secret.txt", F_OK));
        Assert.Equal(13, Errno);

        // openat from a folder descriptor inside: ".." still stops at "/", links still refuse.
        var tmp = Open("/tmp", O_RDONLY | O_DIRECTORY);
        Assert.True(tmp >= 3);
        Assert.Equal(-1, OpenAt(tmp, "../../../../outside/secret.txt", O_RDONLY));
        Assert.Equal(2, Errno);
        Assert.Equal(-1, OpenAt(tmp, "linkout/secret.txt", O_RDONLY));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, OpenAt(tmp, "dangling.txt", O_CREAT | O_WRONLY));
        Assert.Equal(13, Errno);
        Assert.Equal(0, Files.close(tmp));

        AssertOutsideUntouched();
        Assert.True(File.Exists(P("prefix/rootfs/tmp/inside/ok.txt")));
        if (!OperatingSystem.IsWindows())
            Assert.NotEqual(UnixFileMode.None, File.GetUnixFileMode(Secret));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LinksInsideTheRoot_Work(bool windowsNames)
    {
        UseIsolatedView(windowsNames);
        var fd = Open("/tmp/linkin/ok.txt", O_RDONLY);
        Assert.True(fd >= 3, $"errno {Errno}");
        Assert.Equal("ok", Read(fd, 10));
        Assert.Equal(0, Files.close(fd));
        Assert.Equal("/tmp/inside/ok.txt", Realpath("/tmp/linkin/ok.txt"));
    }

    [Fact]
    public void WindowsNames_OtherCaseOfALinkPointingOut_NeverReachesIt()
    {
        UseIsolatedView(windowsNames: true);
        // Names are case-sensitive for the guest: another case is absent (ENOENT) or refused (EACCES), never the link's target.
        Assert.Equal(-1, Open("/tmp/LINKOUT/secret.txt", O_RDONLY));
        Assert.Contains(Errno, new[] { 2, 13 });
        Assert.Equal(-1, Open("/tmp/LINKOUT/new.txt", O_CREAT | O_WRONLY));
        Assert.Contains(Errno, new[] { 2, 13 });
        // Creating the other case of a dangling link: a case conflict on a Windows host (EEXIST), a new file inside
        // the root on a case-sensitive one; never the link's target outside.
        var fd = Open("/tmp/DANGLING.TXT", O_CREAT | O_WRONLY);
        if (fd >= 0)
        {
            Assert.Equal(0, Files.close(fd));
            Assert.True(File.Exists(P("prefix/rootfs/tmp/DANGLING.TXT")));
        }
        else
            Assert.Contains(Errno, new[] { 13, 17 });
        AssertOutsideUntouched();
    }
}
