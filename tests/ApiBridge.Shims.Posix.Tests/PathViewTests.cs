using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using Env = ApiBridge.Shims.Posix.Libc.Environment;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// The POSIX guest's view of a Windows host. Pure mapping with Windows-shaped host paths; then the shims over a
/// Windows-host view whose folders are real ones in the scratch folder ('/' as the host separator), so the mapping,
/// name encoding and case rules run on Linux; then isolated mode, which every escape attempt must fail.
/// </summary>
public sealed unsafe class PathViewTests : PosixTest
{
    private static PosixPathView WindowsShaped() => PosixPathView.WindowsHost(
        rootFolder: @"C:\Users\Ann\.apibridge\rootfs", tempFolder: @"C:\Users\Ann\AppData\Local\Temp\", profileFolder: @"C:\Users\Ann",
        userName: "ann", separator: '\\', processPath: @"C:\apps\Guest.exe");

    [Theory]
    [InlineData("/tmp/a/b.txt", @"C:\Users\Ann\AppData\Local\Temp\a\b.txt")]
    [InlineData("/tmp", @"C:\Users\Ann\AppData\Local\Temp")]
    [InlineData("/home/ann/docs", @"C:\Users\Ann\docs")]
    [InlineData("/mnt/c/Windows/notepad.exe", @"C:\Windows\notepad.exe")]
    [InlineData("/mnt/d", @"D:")]
    [InlineData("/etc/hosts", @"C:\Users\Ann\.apibridge\rootfs\etc\hosts")]
    [InlineData("/", @"C:\Users\Ann\.apibridge\rootfs")]
    [InlineData("/../../etc//./hosts", @"C:\Users\Ann\.apibridge\rootfs\etc\hosts")]
    [InlineData("/tmp/back\\slash", "C:\\Users\\Ann\\AppData\\Local\\Temp\\back\uF05Cslash")]
    [InlineData("/tmp/C:\\x", "C:\\Users\\Ann\\AppData\\Local\\Temp\\C\uF03A\uF05Cx")]
    [InlineData("/proc/self/exe", @"C:\apps\Guest.exe")]
    public void WindowsView_MapsGuestPathsToHostPaths(string guest, string host)
    {
        Assert.Equal(0, WindowsShaped().Resolve(guest, out var resolved));
        Assert.Equal(host, resolved.Host);
    }

    [Theory]
    [InlineData(@"C:\Users\Ann\AppData\Local\Temp\x\y", "/tmp/x/y")]
    [InlineData(@"C:\Users\Ann\.apibridge\rootfs\etc", "/etc")]
    [InlineData(@"C:\Users\Ann\.apibridge\rootfs", "/")]
    [InlineData(@"C:\Users\Ann\Desktop", "/home/ann/Desktop")]
    [InlineData(@"c:\users\ann\desktop", "/home/ann/desktop")]
    [InlineData(@"D:\data\set", "/mnt/d/data/set")]
    [InlineData("C:\\Program Files\\a\uF03Ab", "/mnt/c/Program Files/a:b")]
    [InlineData(@"\\server\share\x", null)]
    public void WindowsView_ShowsHostPathsWithoutDriveLetters(string host, string? guest) =>
        Assert.Equal(guest, WindowsShaped().ToGuest(host));

    [Fact]
    public void WindowsView_RelativePathsResolveAgainstTheGuestWorkingDirectory()
    {
        var view = WindowsShaped();
        view.ChangeDirectory(new ResolvedPath("/tmp/work", @"C:\Users\Ann\AppData\Local\Temp\work", false, false));
        Assert.Equal("/tmp/work", view.CurrentDirectory);
        Assert.Equal(0, view.Resolve("../other/./f", out var resolved));
        Assert.Equal("/tmp/other/f", resolved.Guest);
        Assert.Equal(@"C:\Users\Ann\AppData\Local\Temp\other\f", resolved.Host);
        Assert.Equal(0, view.Resolve(@"C:\Windows", out resolved)); // a name, relative, not a drive
        Assert.Equal("/tmp/work/C:\\Windows", resolved.Guest);
    }

    [Fact]
    public void View_TooLongNamesAndPaths_AreENAMETOOLONG_EmptyIsENOENT()
    {
        var view = WindowsShaped();
        Assert.Equal(36, view.Resolve("/tmp/" + new string('a', 256), out _));
        Assert.Equal(36, view.Resolve("/" + string.Join('/', Enumerable.Repeat("abcdefgh", 600)), out _));
        Assert.Equal(2, view.Resolve("", out _));
    }

    private PosixPathView UseWindowsViewInScratch()
    {
        foreach (var folder in new[] { "rootfs", "temp", "profile", "drive_c" })
            Directory.CreateDirectory(P(folder));
        var view = PosixPathView.WindowsHost(P("rootfs"), P("temp"), P("profile"), "tester", separator: '/',
            driveRoot: letter => letter == 'c' ? P("drive_c") : P("drive_" + letter));
        Use(view);
        return view;
    }

    [Fact]
    public void ShimsOverTheWindowsView_CreateFilesWhereTheMappingSays()
    {
        UseWindowsViewInScratch();
        var fd = Open("/tmp/hello.txt", O_CREAT | O_WRONLY);
        Assert.True(fd >= 3);
        Assert.Equal(2, Write(fd, "hi"));
        Assert.Equal("hi", File.ReadAllText(P("temp/hello.txt")));
        Assert.Equal(0, Mkdir("/mnt/c/Data"));
        Assert.True(Directory.Exists(P("drive_c/Data")));
        Assert.Equal(0, Mkdir("/etc"));
        Assert.True(Directory.Exists(P("rootfs/etc")));
        Assert.Equal(0, Access("/home/tester", F_OK));
    }

    [Fact]
    public void ShimsOverTheWindowsView_ReturnGuestPathsOnly()
    {
        UseWindowsViewInScratch();
        Directory.CreateDirectory(P("drive_c/Work/sub"));
        fixed (byte* p = Z("/mnt/c/Work/sub")) Assert.Equal(0, Files.chdir(p));
        Assert.Equal("/mnt/c/Work/sub", Getcwd());
        Assert.Equal("/mnt/c/Work", Realpath(".."));
        File.WriteAllText(P("temp/x"), "");
        Assert.Equal("/tmp/x", Realpath("/tmp/../tmp/./x"));
        fixed (byte* h = Z("HOME")) Assert.Equal("/home/tester", Str(Env.getenv(h)));
    }

    [Fact]
    public void WindowsView_KeepsWindowsReservedCharactersInNames_AndShowsThemBack()
    {
        UseWindowsViewInScratch();
        var fd = Open("/tmp/a:b?c", O_CREAT | O_WRONLY);
        Assert.True(fd >= 3);
        Assert.True(File.Exists(P("temp/a\uF03Ab\uF03Fc")));
        Assert.Contains("a:b?c", ListDirectory("/tmp")!);
        Assert.Equal(0, Open("/tmp/back\\slash", O_CREAT | O_WRONLY) > 0 ? 0 : -1);
        Assert.True(File.Exists(P("temp/back\uF05Cslash")));
    }

    [Fact]
    public void WindowsView_NamesAreCaseSensitive_OtherCaseIsAbsent_CreatingItIsEEXIST()
    {
        UseWindowsViewInScratch();
        File.WriteAllText(P("temp/Readme.txt"), "x");
        Assert.Equal(0, Access("/tmp/Readme.txt", F_OK));
        // On a case-sensitive test host the other spelling simply does not exist; on Windows it exists only in
        // another case. Either way the guest sees ENOENT.
        Assert.Equal(-1, Access("/tmp/README.TXT", F_OK));
        Assert.Equal(2, Errno);
    }

    [Fact]
    public void WindowsView_NamesChangedBehindTheShimsBack_AreSeenAtOnce()
    {
        // The rule (README, Performance): no answer about what exists is kept between calls. Folders and files
        // renamed, created or removed by someone else (here .NET on the host paths, not the shims) are seen by
        // the very next call, also in a folder whose names were just looked up.
        UseWindowsViewInScratch();
        Directory.CreateDirectory(P("temp/Case"));
        File.WriteAllText(P("temp/Case/inner.txt"), "abc");
        Assert.Equal(0, Stat("/tmp/Case/inner.txt", out var st));
        Assert.Equal(3, st.st_size);
        var fd = Open("/tmp/Case/inner.txt", O_RDONLY);
        Assert.True(fd >= 3);
        Assert.Equal(0, Files.close(fd));

        Directory.Move(P("temp/Case"), P("temp/CASE"));
        Assert.Equal(-1, Stat("/tmp/Case/inner.txt", out _));
        Assert.Equal(2, Errno);
        Assert.Equal(-1, Open("/tmp/Case/inner.txt", O_RDONLY));
        Assert.Equal(2, Errno);
        Assert.Equal(0, Stat("/tmp/CASE/inner.txt", out _));

        File.Move(P("temp/CASE/inner.txt"), P("temp/CASE/Inner.txt"));
        Assert.Equal(-1, Stat("/tmp/CASE/inner.txt", out _));
        Assert.Equal(2, Errno);
        Assert.Equal(0, Stat("/tmp/CASE/Inner.txt", out _));

        File.WriteAllText(P("temp/CASE/new.txt"), "12345");
        Assert.Equal(0, Stat("/tmp/CASE/new.txt", out st));
        Assert.Equal(5, st.st_size);
        File.Delete(P("temp/CASE/new.txt"));
        Assert.Equal(-1, Stat("/tmp/CASE/new.txt", out _));
        Assert.Equal(2, Errno);

        // A file where a folder was: the path through it is ENOTDIR, not a stale success.
        Directory.Delete(P("temp/CASE"), recursive: true);
        File.WriteAllText(P("temp/CASE"), "x");
        Assert.Equal(-1, Stat("/tmp/CASE/Inner.txt", out _));
        Assert.Equal(20, Errno);
    }

    private (PosixPathView View, string Secret) UseIsolatedView()
    {
        Directory.CreateDirectory(P("prefix/rootfs/home/tester"));
        Directory.CreateDirectory(P("prefix/rootfs/tmp"));
        File.WriteAllText(P("secret.txt"), "secret");
        var view = PosixPathView.Isolated(P("prefix/rootfs"), "tester");
        Use(view);
        return (view, P("secret.txt"));
    }

    [Theory]
    [InlineData("/../../../secret.txt")]
    [InlineData("../../../../../../secret.txt")]
    [InlineData("..\\..\\..\\secret.txt")]
    [InlineData("C:\\secret.txt")]
    [InlineData("C:/secret.txt")]
    [InlineData("/mnt/c/secret.txt")]
    [InlineData("//?/C:/secret.txt")]
    public void Isolated_NoGuestPathReachesOutsideThePrefix(string attempt)
    {
        var (view, secret) = UseIsolatedView();
        Assert.Equal(0, view.Resolve(attempt, out var resolved));
        Assert.StartsWith(P("prefix/rootfs") + "/", resolved.Host + "/");
        Assert.Equal(-1, Open(attempt, O_RDONLY));
        Assert.Equal(2, Errno);
        Assert.True(File.Exists(secret));
    }

    [Fact]
    public void Isolated_AbsoluteHostPathsAreGuestPathsInsideTheRoot()
    {
        var (_, secret) = UseIsolatedView();
        Assert.Equal(-1, Open(secret, O_RDONLY));
        Assert.Equal(2, Errno);
        // The scratch folder's own host path, made from the guest side, lands inside the root.
        Directory.CreateDirectory(P("prefix/rootfs" + Path.GetDirectoryName(Scratch)));
        Assert.Equal(0, Mkdir(Scratch));
        Assert.True(Directory.Exists(P("prefix/rootfs" + Scratch)));
    }

    [Fact]
    public void Isolated_LinksPointingOutAreEACCES_LinksInsideWork()
    {
        var (_, secret) = UseIsolatedView();
        File.CreateSymbolicLink(P("prefix/rootfs/tmp/out-file"), secret);
        Directory.CreateSymbolicLink(P("prefix/rootfs/tmp/out-dir"), Scratch);
        File.WriteAllText(P("prefix/rootfs/tmp/inside.txt"), "ok");
        File.CreateSymbolicLink(P("prefix/rootfs/tmp/in-link"), P("prefix/rootfs/tmp/inside.txt"));

        Assert.Equal(-1, Open("/tmp/out-file", O_RDONLY));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, Open("/tmp/out-dir/secret.txt", O_RDONLY));
        Assert.Equal(13, Errno);
        Assert.Equal(-1, Stat("/tmp/out-dir", out _));
        Assert.Equal(13, Errno);
        Assert.Null(Realpath("/tmp/out-file"));
        Assert.Null(ListDirectory("/tmp/out-dir"));
        var fd = Open("/tmp/in-link", O_RDONLY);
        Assert.Equal("ok", Read(fd, 10));
        Assert.Equal("/tmp/inside.txt", Realpath("/tmp/in-link"));
    }

    [Fact]
    public void Isolated_GetcwdAndHome_AreGuestPaths()
    {
        UseIsolatedView();
        fixed (byte* p = Z("/home/tester")) Assert.Equal(0, Files.chdir(p));
        Assert.Equal("/home/tester", Getcwd());
        Assert.Equal("/home/tester", Realpath("."));
        Assert.Contains("tester", ListDirectory("/home")!);
    }
}
