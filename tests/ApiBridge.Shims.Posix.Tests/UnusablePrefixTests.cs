using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// A prefix the host will not let the shims write, and host permission errors: the view of a prefix (Windows hosts,
/// isolated mode) builds its root folder on the guest's first call, and an exception from there once escaped into the
/// guest. Everything here fails for root too (CI runs the tests as root): a prefix below a regular file, and sysfs.
/// </summary>
public sealed unsafe partial class UnusablePrefixTests : PosixTest
{
    [Fact]
    public void An_isolated_view_of_a_prefix_below_a_file_is_made_and_its_paths_fail_with_ENOTDIR()
    {
        if (!OperatingSystem.IsLinux())
            return;
        File.WriteAllText(P("file.txt"), "not a folder");
        var prefix = P("file.txt/prefix");

        var view = PosixPathView.InPrefix(prefix, isolate: true, profile: Scratch); // threw DirectoryNotFoundException
        Use(view);

        // What Linux says for a path through a file, as the root folder is.
        Assert.Equal(-1, Mkdir("/tmp/data"));
        Assert.Equal(20, Errno); // ENOTDIR
        Assert.Equal(-1, Open("/tmp/new.txt", O_WRONLY | O_CREAT));
        Assert.Equal(20, Errno);
    }

    [Fact]
    public void An_isolated_view_of_a_prefix_in_sysfs_is_made_too()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var view = PosixPathView.InPrefix("/sys/apibridge-prefix-test", isolate: true, profile: Scratch);
        Use(view);

        Assert.Equal(-1, Mkdir("/tmp/data"));
        Assert.Equal(2, Errno); // ENOENT
        Assert.False(Directory.Exists("/sys/apibridge-prefix-test"));
    }

    [Fact]
    public void Host_permission_errors_are_the_errno_Linux_itself_gives()
    {
        if (!OperatingSystem.IsLinux())
            return;
        // Creating a file in sysfs is EACCES even for root; mkdir there is EPERM (EROFS where /sys is read-only).
        Assert.Equal(-1, Open("/sys/apibridge-test.txt", O_WRONLY | O_CREAT));
        Assert.Equal(13, Errno); // EACCES

        var native = mkdir("/sys/apibridge-test-folder", 0x1ED) == 0 ? 0 : Marshal.GetLastPInvokeError();
        Assert.NotEqual(0, native);
        Assert.Equal(-1, Mkdir("/sys/apibridge-test-folder"));
        Assert.Equal(native, Errno); // not folded into EACCES by .NET's UnauthorizedAccessException
    }

    [LibraryImport("libc", EntryPoint = "mkdir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mkdir(string path, uint mode);
}
