using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Kernel32;
using Microsoft.Extensions.DependencyInjection;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>
/// A prefix the host will not let the shims write: the guest's first file call builds the prefix (PrefixLayout), and
/// an UnauthorizedAccessException or IOException from there once escaped into the guest as an unhandled exception.
/// Now kernel32 answers with Windows' codes. The tests run as root in CI, where permission bits deny nothing, so the
/// prefixes here fail for root too: one below a regular file (ENOTDIR) and one in sysfs (EPERM/EACCES, or EROFS when
/// /sys is mounted read-only).
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class UnusablePrefixTests : BridgeTest
{
    private const uint GENERIC_WRITE = 0x40000000, CREATE_ALWAYS = 2, FILE_ATTRIBUTE_NORMAL = 0x80;

    private readonly string scratch = Directory.CreateTempSubdirectory("apibridge-badprefix-").FullName;

    private string PrefixBelowAFile()
    {
        var file = Path.Combine(scratch, "file.txt");
        File.WriteAllText(file, "not a folder");
        return Path.Combine(file, "prefix");
    }

    private static GuestFileSystem Install(string prefix)
    {
        var fs = new GuestFileSystem(new FileSystemOptions
        {
            Prefix = prefix,
            SyncHostCurrentDirectory = false,
            InitialHostDirectory = "/",
            UserName = "tester",
            ComputerName = "TESTBOX",
        });
        Bridge.Configure(s => s.AddSingleton(fs));
        return fs;
    }

    private static (bool Ok, int Error) CreateDirectory(string path)
    {
        LastError.Set(0);
        fixed (char* p = path)
            return (Directories.CreateDirectoryW(p, 0) != 0, LastError.Value);
    }

    [Fact]
    public void Prefix_layout_reports_a_prefix_it_cannot_build_instead_of_throwing()
    {
        if (!OperatingSystem.IsLinux())
            return;
        Assert.False(PrefixLayout.Ensure(PrefixBelowAFile(), "tester"));
        Assert.False(PrefixLayout.Ensure("/sys/apibridge-prefix-test", "tester"));
        var usable = Path.Combine(scratch, "usable");
        Assert.True(PrefixLayout.Ensure(usable, "tester"));
        Assert.True(Directory.Exists(Path.Combine(usable, "drive_c", "users", "tester", "AppData", "Roaming")));
    }

    [Theory]
    [InlineData("below a file")]
    [InlineData("in sysfs")]
    public void A_guest_on_an_unusable_prefix_gets_path_not_found_for_C_and_no_exception(string where)
    {
        if (!OperatingSystem.IsLinux())
            return;
        Install(where == "below a file" ? PrefixBelowAFile() : "/sys/apibridge-prefix-test");

        var (ok, error) = CreateDirectory(@"C:\data");

        Assert.False(ok);
        Assert.Equal(Win32Error.ERROR_PATH_NOT_FOUND, error); // C:'s folder is missing, as for a drive whose folder is gone
    }

    [Fact]
    public void Host_permission_errors_become_access_denied()
    {
        if (!OperatingSystem.IsLinux())
            return;
        Install(Path.Combine(scratch, "prefix"));

        var (ok, error) = CreateDirectory(@"Z:\sys\apibridge-test-folder"); // mkdir in sysfs: EPERM even for root

        Assert.False(ok);
        Assert.Equal(Win32Error.ERROR_ACCESS_DENIED, error);
        Assert.False(Directory.Exists("/sys/apibridge-test-folder"));

        LastError.Set(0);
        nint handle;
        fixed (char* p = @"Z:\sys\apibridge-test.txt") // creating a file in sysfs: EACCES even for root
            handle = FileHandles.CreateFileW(p, GENERIC_WRITE, 0, 0, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, 0);
        Assert.Equal(-1, handle);
        Assert.Equal(Win32Error.ERROR_ACCESS_DENIED, LastError.Value);
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(scratch, recursive: true);
    }
}
