using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>Isolated mode: no guest path reaches a host file outside the prefix, whatever the trick.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class IsolationTests : FileSystemTest
{
    private readonly string outside;

    public IsolationTests() : base(isolate: true)
    {
        outside = Path.Combine(Path.GetTempPath(), "apibridge-outside-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        Directory.CreateSymbolicLink(HostOf("linkout"), outside);
        File.CreateSymbolicLink(HostOf("filelink.txt"), Path.Combine(outside, "secret.txt"));
        File.CreateSymbolicLink(HostOf("dangling.txt"), Path.Combine(outside, "new.txt"));
        Directory.CreateSymbolicLink(HostOf("relative"), "../../../../" + Path.GetRelativePath("/", outside));
        Directory.CreateDirectory(HostOf("inside"));
        Directory.CreateSymbolicLink(HostOf("linkin"), HostOf("inside"));
    }

    private int Resolve(string path) => Fs.Resolve(path, out _);

    [Fact]
    public void OnlyPrefixDrivesExist()
    {
        Assert.Equal(1u << 2, Fs.Drives.Mask);
        Assert.Equal(3, Resolve(@"Z:\etc\passwd"));
        Assert.Equal(INVALID_HANDLE_VALUE, Create(@"Z:\etc\passwd", GENERIC_READ, SHARE_ALL, OPEN_EXISTING));
        Assert.Equal(3, Err);
    }

    [Theory]
    [InlineData(@"C:\..\..\..\..\etc\passwd")]
    [InlineData(@"..\..\..\..\..\..\etc\passwd")]
    [InlineData(@"C:/../../../../etc/passwd")]
    [InlineData(@"C:\work\..\../..\/..\etc\passwd")]
    [InlineData(@"\\.\C:\..\..\etc\passwd")]
    public void DotDotStopsAtTheDriveRoot(string path)
    {
        Assert.Equal(0, Fs.Resolve(path, out var resolved));
        Assert.StartsWith(Fs.PrefixReal, resolved.HostPath);
        Assert.False(resolved.Exists);
    }

    [Theory]
    [InlineData(@"\\?\C:\..\..\etc\passwd")]
    [InlineData(@"\\?\C:\work\..\..\..\..\etc\passwd")]
    [InlineData(@"\\?\C:\work/../../../../etc/passwd")]
    [InlineData(@"\\?\C:\work\\..")]
    public void LiteralPathsCannotClimb(string path) => Assert.Equal(123, Resolve(path));

    [Theory]
    [InlineData(@"linkout\secret.txt")]
    [InlineData(@"LINKOUT\SECRET.TXT")]
    [InlineData(@"filelink.txt")]
    [InlineData(@"dangling.txt")]
    [InlineData(@"relative\secret.txt")]
    [InlineData(@"linkout")]
    [InlineData(@"linkout\newfile.txt")]
    [InlineData(@"\\?\C:\work\linkout\secret.txt")]
    public void LinksPointingOutAreRefused(string path)
    {
        Assert.Equal(5, Resolve(path));
        Assert.Equal(INVALID_HANDLE_VALUE, Create(path, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, OPEN_ALWAYS));
        Assert.Equal(5, Err);
        Assert.False(File.Exists(Path.Combine(outside, "new.txt")));
        Assert.False(File.Exists(Path.Combine(outside, "newfile.txt")));
    }

    [Fact]
    public void LinksInsideThePrefixWork()
    {
        WriteHostFile(@"inside\ok.txt", "ok");
        var h = Create(@"linkin\OK.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.Equal("ok", ReadText(h, 10));
        Close(h);
    }

    [Theory]
    [InlineData(@"\\server\share\x", 53)]
    [InlineData(@"\\?\UNC\localhost\c$\x", 53)]
    [InlineData(@"C:\work\a:b", 123)]
    public void OtherForms(string path, int error) => Assert.Equal(error, Resolve(path));

    [Fact]
    public void DeviceNamesNeverBecomeHostFiles()
    {
        Assert.Equal(0, Fs.Resolve(@"C:\work\con.txt", out var con));
        Assert.True(con.IsDevice);
        Assert.Equal(0, Fs.Resolve(@"linkout\nul", out var nul));
        Assert.Equal("/dev/null", nul.HostPath);
        Assert.Equal(INVALID_HANDLE_VALUE, Create(@"C:\work\COM1", GENERIC_READ, 0, OPEN_EXISTING));
        Assert.Equal(2, Err);
    }

    [Fact]
    public void ProgramOutsideThePrefix_IsShownInWinesUnixForm()
    {
        Assert.Null(Fs.ToWindows("/usr/bin/dotnet"));
        Assert.Equal(@"\\?\unix\usr\bin\dotnet", Fs.ToWindowsOrUnix("/usr/bin/dotnet"));
    }

    [Fact]
    public void A_drive_into_a_folder_the_user_allowed_is_kept_and_links_out_of_it_are_still_refused()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(outside, "allowed")).FullName;
        File.WriteAllText(Path.Combine(allowed, "data.txt"), "data");
        File.CreateSymbolicLink(Path.Combine(allowed, "back-out.txt"), Path.Combine(outside, "secret.txt"));
        var fs = new GuestFileSystem(new FileSystemOptions
        {
            Prefix = Root,
            Isolate = true,
            DriveOverrides = FileSystemOptions.ParseDrives($"D={allowed};E={outside}"),
            AllowedFolders = [allowed],
            SyncHostCurrentDirectory = false,
            InitialHostDirectory = WorkHost,
            UserName = "tester",
        });

        Assert.Equal((1u << 2) | (1u << 3), fs.Drives.Mask); // C: and D:; E: leads outside every granted folder
        Assert.Equal(0, fs.Resolve(@"D:\data.txt", out var data));
        Assert.True(data.Exists);
        Assert.Equal(5, fs.Resolve(@"D:\back-out.txt", out _));
    }

    public new void Dispose()
    {
        base.Dispose();
        try { Directory.Delete(outside, recursive: true); } catch (IOException) { }
    }
}
