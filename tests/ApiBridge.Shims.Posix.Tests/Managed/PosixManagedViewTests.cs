using System.Reflection;
using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Managed;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Tests.Managed;

/// <summary>
/// The POSIX managed view called as the rewriter's wrappers call it: the path translator over the one path view
/// libc uses (identity, a Windows-shaped view over scratch folders with '/' as its separator, isolated), the errors
/// a Linux program sees, the platform identity and <c>Environment</c> with Linux's answers.
/// </summary>
public sealed unsafe class PosixManagedViewTests : PosixTest, IDisposable
{
    private static readonly string[] XdgVariables = ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DESKTOP_DIR", "XDG_DOCUMENTS_DIR", BridgeVariables.GuestPath];

    private readonly Dictionary<string, string?> saved = XdgVariables.ToDictionary(v => v, System.Environment.GetEnvironmentVariable);

    public PosixManagedViewTests()
    {
        foreach (var name in XdgVariables)
            System.Environment.SetEnvironmentVariable(name, null);
    }

    // Re-implemented so the variables come back before the base class removes the scratch folder.
    void IDisposable.Dispose()
    {
        foreach (var (name, value) in saved)
            System.Environment.SetEnvironmentVariable(name, value);
        base.Dispose();
    }

    /// <summary>A Windows host's shape on Linux: / in rootfs, /tmp in temp, /home/tester in profile, /mnt/c in drive_c.</summary>
    private void UseWindowsShape()
    {
        foreach (var folder in new[] { "rootfs", "temp", "profile", "drive_c" })
            Directory.CreateDirectory(P(folder));
        Use(PosixPathView.WindowsHost(P("rootfs"), P("temp"), P("profile"), "tester", separator: '/', driveRoot: letter => P("drive_" + letter)));
    }

    // ---------------------------------------------------------------- the translator's shape

    [Fact]
    public void Translator_HasTheMembersTheRewriterLooksUp()
    {
        var type = typeof(PosixManagedPaths);
        Assert.Equal("posix", type.GetCustomAttribute<GuestPathTranslatorAttribute>()!.GuestPlatform);
        Assert.NotNull(type.GetMethod("ToHost", [typeof(string)]));
        Assert.NotNull(type.GetMethod("ToHostRelative", [typeof(string)]));
        Assert.Equal(typeof(string), type.GetMethod("ToGuest", [typeof(string)])!.ReturnType);
        Assert.Equal(typeof(string[]), type.GetMethod("ToGuest", [typeof(string[])])!.ReturnType);
        Assert.Equal(typeof(IEnumerable<string>), type.GetMethod("ToGuest", [typeof(IEnumerable<string>)])!.ReturnType);
        Assert.NotNull(type.GetMethod("ThrowAsGuest", [typeof(Exception)]));
        foreach (var shim in new[] { typeof(OperatingSystemMembers), typeof(RuntimeInformationMembers), typeof(EnvironmentMembers), typeof(DirectoryMembers), typeof(AppContextMembers) })
            Assert.Equal("posix", shim.GetCustomAttribute<ShimMembersAttribute>()!.GuestPlatform);
    }

    // ---------------------------------------------------------------- identity: a Linux host

    [Fact]
    public void Identity_PassesEverythingThrough()
    {
        Assert.Equal("/a/../b", PosixManagedPaths.ToHost("/a/../b"));
        Assert.Equal("rel/x", PosixManagedPaths.ToHost("rel/x"));
        Assert.Equal("a\\b", PosixManagedPaths.ToHostRelative("a\\b"));
        Assert.Equal("/x/y", PosixManagedPaths.ToGuest("/x/y"));
        string[] many = ["/a", "/b"];
        Assert.Same(many, PosixManagedPaths.ToGuest(many));
        PosixManagedPaths.ThrowAsGuest(new IOException("x '/a'", 11)); // nothing to change: returns
        Assert.Equal(Directory.GetCurrentDirectory(), DirectoryMembers.GetCurrentDirectory());
    }

    [Fact]
    public void NullAndEmpty_PassThrough()
    {
        UseWindowsShape();
        Assert.Null(PosixManagedPaths.ToHost(null));
        Assert.Equal("", PosixManagedPaths.ToHost(""));
        Assert.Null(PosixManagedPaths.ToGuest((string?)null));
        Assert.Null(PosixManagedPaths.ToGuest((string[]?)null));
        Assert.Null(PosixManagedPaths.ToGuest((IEnumerable<string>?)null));
    }

    // ---------------------------------------------------------------- a Windows host's view

    [Fact]
    public void WindowsView_MapsGuestPathsThroughTheOnePathView()
    {
        UseWindowsShape();
        Assert.Equal(P("temp/a/b.txt"), PosixManagedPaths.ToHost("/tmp/a/b.txt"));
        Assert.Equal(P("rootfs/var/lib/app"), PosixManagedPaths.ToHost("/var/lib/app"));
        Assert.Equal(P("profile/.config"), PosixManagedPaths.ToHost("/home/tester/.config"));
        Assert.Equal(P("drive_c/Windows"), PosixManagedPaths.ToHost("/mnt/c/Windows"));
        Assert.Equal(P("rootfs/etc"), PosixManagedPaths.ToHost("/../../etc/."));
        Assert.Equal(P("temp/back\uF05Cslash"), PosixManagedPaths.ToHost("/tmp/back\\slash"));
        // The same resolution libc's open makes.
        Assert.Equal(0, PosixServices.View.Resolve("/tmp/q", out var resolved));
        Assert.Equal(resolved.Host, PosixManagedPaths.ToHost("/tmp/q"));
    }

    [Fact]
    public void WindowsView_ToGuest_IsTheInverse()
    {
        UseWindowsShape();
        foreach (var guest in new[] { "/tmp/a/b.txt", "/var/lib/app", "/home/tester/x", "/mnt/c/Windows", "/", "/tmp/back\\slash", "/tmp/colon:name" })
            Assert.Equal(guest, PosixManagedPaths.ToGuest(PosixManagedPaths.ToHost(guest)));
        Assert.Equal("/tmp/", PosixManagedPaths.ToGuest(P("temp") + "/"));
        Assert.Equal(["/tmp/x", "/etc"], PosixManagedPaths.ToGuest([P("temp/x"), P("rootfs/etc")])!);
        Assert.Equal(["/tmp/y"], PosixManagedPaths.ToGuest((IEnumerable<string>)[P("temp/y")])!.ToArray());
        Assert.Equal("sub/back\\slash", PosixManagedPaths.ToGuest("sub\\back\uF05Cslash"));
    }

    [Fact]
    public void WindowsView_RelativePaths_FollowTheGuestsWorkingDirectory()
    {
        UseWindowsShape();
        Directory.CreateDirectory(P("temp/work"));
        DirectoryMembers.SetCurrentDirectory("/tmp/work");
        Assert.Equal("/tmp/work", DirectoryMembers.GetCurrentDirectory());
        Assert.Equal("/tmp/work", EnvironmentMembers.CurrentDirectory);
        Assert.Equal(P("temp/work/data.txt"), PosixManagedPaths.ToHost("data.txt"));
        Assert.Equal(P("temp/data.txt"), PosixManagedPaths.ToHost("../data.txt"));
        Assert.Equal("sub/n\uF03Ame", PosixManagedPaths.ToHostRelative("sub/n:me"));
        Assert.Equal(P("temp/abs"), PosixManagedPaths.ToHostRelative("/tmp/abs"));
    }

    [Fact]
    public void WindowsView_FilesWrittenThroughTheView_AreWhereLibcFindsThem()
    {
        UseWindowsShape();
        File.WriteAllText(PosixManagedPaths.ToHost("/tmp/Data.txt")!, "upper");
        File.WriteAllText(PosixManagedPaths.ToHost("/tmp/data.txt")!, "lower");
        var fd = Open("/tmp/Data.txt", 0);
        Assert.True(fd >= 0);
        Assert.Equal("upper", Read(fd, 100));
        Assert.Equal(0, ApiBridge.Shims.Posix.Libc.Files.close(fd));
        Assert.Equal(["/tmp/Data.txt", "/tmp/data.txt"],
            PosixManagedPaths.ToGuest(Directory.GetFiles(PosixManagedPaths.ToHost("/tmp")!))!.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void SearchPatterns_MatchWithLinuxsCaseRule()
    {
        UseWindowsShape();
        Directory.CreateDirectory(P("temp/w/sub"));
        foreach (var name in new[] { "B.TXT", "b.txt", "Data.txt", "c.txtx", "README", "sub/x.txt" })
            File.WriteAllText(P("temp/w/" + name), "");
        static string Names(IEnumerable<string> paths) => string.Join(", ", paths.Order(StringComparer.Ordinal));
        Assert.Equal("/tmp/w/B.TXT", Names(DirectoryMembers.GetFiles("/tmp/w", "*.TXT")));
        Assert.Equal("/tmp/w/Data.txt, /tmp/w/b.txt", Names(DirectoryMembers.GetFiles("/tmp/w", "*.txt")));
        Assert.Equal("/tmp/w/b.txt", Names(DirectoryMembers.EnumerateFiles("/tmp/w", "?.txt")));
        Assert.Equal("/tmp/w/B.TXT, /tmp/w/Data.txt, /tmp/w/README, /tmp/w/b.txt, /tmp/w/c.txtx", Names(DirectoryMembers.GetFiles("/tmp/w", "*.*")));
        Assert.Equal("", Names(DirectoryMembers.GetDirectories("/tmp/w", "SUB")));
        Assert.Equal("/tmp/w/sub", Names(DirectoryMembers.GetDirectories("/tmp/w", "sub")));
        Assert.Equal("/tmp/w/b.txt, /tmp/w/sub/x.txt", Names(DirectoryMembers.GetFiles("/tmp/w", "?.txt", SearchOption.AllDirectories)));
        Assert.Equal("/tmp/w/B.TXT, /tmp/w/b.txt", Names(DirectoryMembers.GetFiles("/tmp/w", "b.txt", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })));
        var missing = Assert.Throws<DirectoryNotFoundException>(() => DirectoryMembers.GetFiles("/tmp/nope", "*"));
        Assert.Equal("Could not find a part of the path '/tmp/nope'.", missing.Message);
    }

    [Fact]
    public void CurrentDirectory_SharedWithLibcGetcwdAndChdir()
    {
        UseWindowsShape();
        Directory.CreateDirectory(P("rootfs/srv"));
        EnvironmentMembers.CurrentDirectory = "/srv";
        Assert.Equal("/srv", Getcwd());
        fixed (byte* p = Z("/tmp")) Assert.Equal(0, ApiBridge.Shims.Posix.Libc.Files.chdir(p));
        Assert.Equal("/tmp", DirectoryMembers.GetCurrentDirectory());
    }

    [Fact]
    public void CurrentDirectory_Errors_AreLinuxs()
    {
        UseWindowsShape();
        File.WriteAllText(P("temp/file"), "");
        var missing = Assert.Throws<DirectoryNotFoundException>(() => DirectoryMembers.SetCurrentDirectory("/tmp/nope"));
        Assert.Equal("Could not find a part of the path '/tmp/nope'.", missing.Message);
        var notFolder = Assert.Throws<IOException>(() => DirectoryMembers.SetCurrentDirectory("/tmp/file"));
        Assert.Equal(20, notFolder.HResult);
        Assert.Equal("Not a directory : '/tmp/file'", notFolder.Message);
        Assert.Throws<ArgumentException>(() => DirectoryMembers.SetCurrentDirectory(""));
        Assert.Throws<ArgumentException>(() => EnvironmentMembers.CurrentDirectory = "");
    }

    // ---------------------------------------------------------------- errors

    [Fact]
    public void ThrowAsGuest_ShowsGuestPathsAndLinuxHResults()
    {
        UseWindowsShape();
        var host = PosixManagedPaths.ToHost("/tmp/missing.txt")!;
        var notFound = Assert.Throws<FileNotFoundException>(() => Rethrow(() => File.ReadAllText(host)));
        Assert.Equal("Could not find file '/tmp/missing.txt'.", notFound.Message);
        Assert.Equal("/tmp/missing.txt", notFound.FileName);
        Assert.Equal(unchecked((int)0x80070002), notFound.HResult);

        var sharing = Assert.Throws<IOException>(() => PosixManagedPaths.ThrowAsGuest(
            new IOException($"The process cannot access the file '{P("temp/x")}' because it is being used by another process.", unchecked((int)0x80070020))));
        Assert.Equal(11, sharing.HResult);
        Assert.Equal("The process cannot access the file '/tmp/x' because it is being used by another process.", sharing.Message);

        var exists = Assert.Throws<IOException>(() => PosixManagedPaths.ThrowAsGuest(
            new IOException($"The file '{P("temp/x")}' already exists.", unchecked((int)0x80070050))));
        Assert.Equal(17, exists.HResult);
        Assert.Equal("The file '/tmp/x' already exists.", exists.Message);

        var notEmpty = Assert.Throws<IOException>(() => PosixManagedPaths.ThrowAsGuest(
            new IOException($"The directory is not empty. : '{P("rootfs/srv")}'", unchecked((int)0x80070091))));
        Assert.Equal(39, notEmpty.HResult);
        Assert.Equal("Directory not empty : '/srv'", notEmpty.Message);

        var denied = Assert.Throws<UnauthorizedAccessException>(() => PosixManagedPaths.ThrowAsGuest(
            new UnauthorizedAccessException($"Access to the path '{P("drive_c/x")}' is denied.")));
        Assert.Equal("Access to the path '/mnt/c/x' is denied.", denied.Message);

        PosixManagedPaths.ThrowAsGuest(new InvalidOperationException("'" + P("temp/x") + "'")); // not a file error: left alone
        PosixManagedPaths.ThrowAsGuest(new IOException("no path here", 5));
    }

    [Fact]
    public void Isolated_NothingEscapes()
    {
        Directory.CreateDirectory(P("root/tmp"));
        Use(PosixPathView.Isolated(P("root"), "tester"));
        Assert.Equal(P("root/etc/passwd"), PosixManagedPaths.ToHost("/../../../etc/passwd"));
        File.CreateSymbolicLink(P("root/tmp/out"), "/etc");
        var denied = Assert.Throws<UnauthorizedAccessException>(() => PosixManagedPaths.ToHost("/tmp/out/passwd"));
        Assert.Equal("Access to the path '/tmp/out/passwd' is denied.", denied.Message);
        Assert.Equal("/tmp", PosixManagedPaths.ToGuest(P("root/tmp")));
        Assert.Throws<PathTooLongException>(() => PosixManagedPaths.ToHost("/" + new string('n', 300)));
    }

    // ---------------------------------------------------------------- platform identity

    [Fact]
    public void Platform_IsLinux()
    {
        Assert.True(OperatingSystemMembers.IsLinux());
        Assert.False(OperatingSystemMembers.IsWindows());
        Assert.True(OperatingSystemMembers.IsOSPlatform("LINUX"));
        Assert.False(OperatingSystemMembers.IsOSPlatform("windows"));
        Assert.True(OperatingSystemMembers.IsLinuxVersionAtLeast(2, 6, 0, 0));
        Assert.False(OperatingSystemMembers.IsWindowsVersionAtLeast(6, 0, 0, 0));
        Assert.True(OperatingSystemMembers.IsOSPlatformVersionAtLeast("Linux", 3, 0, 0, 0));
        Assert.True(RuntimeInformationMembers.IsOSPlatform(OSPlatform.Linux));
        Assert.False(RuntimeInformationMembers.IsOSPlatform(OSPlatform.Windows));
        Assert.Equal(RuntimeInformation.OSDescription, RuntimeInformationMembers.OSDescription); // identity view on Linux
        Assert.Equal("linux-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), RuntimeInformationMembers.RuntimeIdentifier);
        Assert.Equal(PlatformID.Unix, EnvironmentMembers.OSVersion.Platform);
        Assert.StartsWith("Unix ", EnvironmentMembers.OSVersion.VersionString);
        Assert.Equal("\n", EnvironmentMembers.NewLine);
        Assert.Equal("", EnvironmentMembers.SystemDirectory);
    }

    [Fact]
    public void OSDescription_OnAnotherHost_IsTheRootsOsRelease()
    {
        UseWindowsShape();
        Assert.StartsWith("Linux ", RuntimeInformationMembers.OSDescription);
        Directory.CreateDirectory(P("rootfs/etc"));
        File.WriteAllLines(P("rootfs/etc/os-release"), ["NAME=\"Guest\"", "PRETTY_NAME=\"Guest Linux 1.0\""]);
        Assert.Equal("Guest Linux 1.0", RuntimeInformationMembers.OSDescription);
    }

    // ---------------------------------------------------------------- known folders

    [Fact]
    public void GetFolderPath_AnswersAsDotNetOnLinux()
    {
        UseWindowsShape();
        string Folder(System.Environment.SpecialFolder f) => EnvironmentMembers.GetFolderPath(f, System.Environment.SpecialFolderOption.DoNotVerify);
        Assert.Equal("/home/tester", Folder(System.Environment.SpecialFolder.UserProfile));
        Assert.Equal("/home/tester/.config", Folder(System.Environment.SpecialFolder.ApplicationData));
        Assert.Equal("/home/tester/.local/share", Folder(System.Environment.SpecialFolder.LocalApplicationData));
        Assert.Equal("/usr/share", Folder(System.Environment.SpecialFolder.CommonApplicationData));
        Assert.Equal("/home/tester/Documents", Folder(System.Environment.SpecialFolder.Personal));
        Assert.Equal("/home/tester/Desktop", Folder(System.Environment.SpecialFolder.Desktop));
        Assert.Equal("/home/tester/.fonts", Folder(System.Environment.SpecialFolder.Fonts));
        foreach (var none in new[] { System.Environment.SpecialFolder.Windows, System.Environment.SpecialFolder.System, System.Environment.SpecialFolder.ProgramFiles, System.Environment.SpecialFolder.Startup })
            Assert.Equal("", Folder(none));

        System.Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", "/cfg");
        System.Environment.SetEnvironmentVariable("XDG_DATA_HOME", "relative/is/ignored");
        Assert.Equal("/cfg", Folder(System.Environment.SpecialFolder.ApplicationData));
        Assert.Equal("/home/tester/.local/share", Folder(System.Environment.SpecialFolder.LocalApplicationData));
        System.Environment.SetEnvironmentVariable("XDG_DOCUMENTS_DIR", "/docs");
        Assert.Equal("/docs", Folder(System.Environment.SpecialFolder.MyDocuments));
    }

    [Fact]
    public void GetFolderPath_ReadsUserDirsThroughTheView()
    {
        UseWindowsShape();
        Directory.CreateDirectory(P("profile/.config"));
        File.WriteAllLines(P("profile/.config/user-dirs.dirs"), ["# written by xdg-user-dirs-update", "XDG_DESKTOP_DIR=\"$HOME/Schreibtisch\"", "  XDG_MUSIC_DIR = \"/srv/music\""]);
        Assert.Equal("/home/tester/Schreibtisch", EnvironmentMembers.GetFolderPath(System.Environment.SpecialFolder.DesktopDirectory, System.Environment.SpecialFolderOption.DoNotVerify));
        Assert.Equal("/srv/music", EnvironmentMembers.GetFolderPath(System.Environment.SpecialFolder.MyMusic, System.Environment.SpecialFolderOption.DoNotVerify));
        Assert.Equal("/home/tester/Pictures", EnvironmentMembers.GetFolderPath(System.Environment.SpecialFolder.MyPictures, System.Environment.SpecialFolderOption.DoNotVerify));
    }

    [Fact]
    public void GetFolderPath_Options_VerifyAndCreate()
    {
        UseWindowsShape();
        Assert.Equal("/home/tester", EnvironmentMembers.GetFolderPath(System.Environment.SpecialFolder.UserProfile));
        Assert.Equal("", EnvironmentMembers.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData));
        Assert.Equal("/home/tester/.local/share", EnvironmentMembers.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData, System.Environment.SpecialFolderOption.Create));
        Assert.True(Directory.Exists(P("profile/.local/share")));
        Assert.Equal("/home/tester/.local/share", EnvironmentMembers.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvironmentMembers.GetFolderPath((System.Environment.SpecialFolder)12345));
    }

    [Fact]
    public void GetFolderPath_OnTheIdentityView_IsTheHosts()
    {
        foreach (var folder in new[] { System.Environment.SpecialFolder.ApplicationData, System.Environment.SpecialFolder.UserProfile, System.Environment.SpecialFolder.CommonApplicationData })
            Assert.Equal(System.Environment.GetFolderPath(folder), EnvironmentMembers.GetFolderPath(folder));
    }

    // ---------------------------------------------------------------- environment

    [Fact]
    public void Environment_NamesAreCaseSensitive_AndHomeIsTheGuests()
    {
        UseWindowsShape();
        try
        {
            EnvironmentMembers.SetEnvironmentVariable("ApiBridge_Managed_Value", "42");
            Assert.Equal("42", EnvironmentMembers.GetEnvironmentVariable("ApiBridge_Managed_Value"));
            Assert.Null(EnvironmentMembers.GetEnvironmentVariable("APIBRIDGE_MANAGED_VALUE"));
            Assert.Equal("/home/tester", EnvironmentMembers.GetEnvironmentVariable("HOME"));
            Assert.Equal("/home/tester", EnvironmentMembers.GetEnvironmentVariables()["HOME"]);
            Assert.Equal("42", EnvironmentMembers.GetEnvironmentVariables()["ApiBridge_Managed_Value"]);
            Assert.Null(EnvironmentMembers.GetEnvironmentVariables()["APIBRIDGE_MANAGED_VALUE"]);
            Assert.Equal("/home/tester/.config;42;%apibridge_managed_value%;%nope",
                EnvironmentMembers.ExpandEnvironmentVariables("%HOME%/.config;%ApiBridge_Managed_Value%;%apibridge_managed_value%;%nope"));
            Assert.Null(EnvironmentMembers.GetEnvironmentVariable("ApiBridge_Managed_Value", EnvironmentVariableTarget.User));
            Assert.Empty(EnvironmentMembers.GetEnvironmentVariables(EnvironmentVariableTarget.Machine));
            EnvironmentMembers.SetEnvironmentVariable("ApiBridge_Managed_Value", "");
            Assert.Null(EnvironmentMembers.GetEnvironmentVariable("ApiBridge_Managed_Value"));
            Assert.Throws<ArgumentException>(() => EnvironmentMembers.SetEnvironmentVariable("a=b", "1"));
            Assert.Throws<ArgumentException>(() => EnvironmentMembers.SetEnvironmentVariable("", "1"));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("ApiBridge_Managed_Value", null);
        }
    }

    [Fact]
    public void Environment_IsTheBlockLibcGetenvReads()
    {
        UseWindowsShape();
        try
        {
            EnvironmentMembers.SetEnvironmentVariable("ApiBridge_Shared", "one");
            fixed (byte* name = Z("ApiBridge_Shared")) Assert.Equal("one", Str(ApiBridge.Shims.Posix.Libc.Environment.getenv(name)));
            fixed (byte* name = Z("HOME")) Assert.Equal(EnvironmentMembers.GetEnvironmentVariable("HOME"), Str(ApiBridge.Shims.Posix.Libc.Environment.getenv(name)));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("ApiBridge_Shared", null);
        }
    }

    [Fact]
    public void ProcessPathAndBaseDirectory_AreTheOriginalProgramInGuestForm()
    {
        UseWindowsShape();
        Directory.CreateDirectory(P("temp/app"));
        System.Environment.SetEnvironmentVariable(BridgeVariables.GuestPath, P("temp/app/Guest"));
        Assert.Equal("/tmp/app/Guest", EnvironmentMembers.ProcessPath);
        Assert.Equal("/tmp/app/", AppContextMembers.BaseDirectory);
    }

    private static void Rethrow(Action body)
    {
        try
        {
            body();
        }
        catch (Exception e)
        {
            PosixManagedPaths.ThrowAsGuest(e);
            throw;
        }
    }
}
