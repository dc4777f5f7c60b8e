using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// The Windows translator's native-argument methods: what the native-path rule's wrappers call before a Windows guest's
/// call into a library the bridge does not shim (SQLite's open). Only unmistakable Windows paths change; everything
/// else reaches the library as the same instance or the guest's own buffer.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class NativePathArgumentTests : FileSystemTest
{
    private string DriveC(string relative) => Path.Combine(Root, "drive_c", relative.Replace('\\', '/'));

    [Theory]
    [InlineData(@"C:\work\app.db", @"work\app.db")]
    [InlineData(@"c:/WORK/app.db", @"work\app.db")]
    [InlineData(@"sub\app.db", @"work\sub\app.db")] // relative to kernel32's current folder, C:\work
    public void A_windows_path_becomes_the_host_path_in_the_prefix(string guest, string underDriveC)
    {
        Assert.Equal(DriveC(underDriveC), WindowsManagedPaths.ToHostForNative(guest));
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("file:app.db?mode=ro")]
    [InlineData("app.db")]
    [InlineData("C:app.db")]
    [InlineData("")]
    public void Text_that_is_not_clearly_a_windows_path_comes_back_as_the_same_instance(string text)
    {
        Assert.Same(text, WindowsManagedPaths.ToHostForNative(text));
        Assert.Null(WindowsManagedPaths.ToHostForNative(null));
    }

    [Fact]
    public void A_utf8_argument_gets_a_new_buffer_only_when_it_changes()
    {
        fixed (byte* guest = Encoding.UTF8.GetBytes(@"C:\work\données.db" + "\0"))
        {
            nint allocated = 0;
            var host = WindowsManagedPaths.ToHostForNative(guest, ref allocated);
            try
            {
                Assert.Equal((nint)host, allocated);
                Assert.Equal(DriveC("work/données.db"), Marshal.PtrToStringUTF8((nint)host));
            }
            finally
            {
                WindowsManagedPaths.FreeForNative(allocated);
            }
        }
        fixed (byte* memory = ":memory:\0"u8)
        {
            nint allocated = 0;
            Assert.True(WindowsManagedPaths.ToHostForNative(memory, ref allocated) == memory);
            Assert.Equal(0, allocated);
        }
    }

    [Fact]
    public void A_utf16_argument_gets_a_new_buffer_only_when_it_changes()
    {
        fixed (char* guest = @"C:\work\app16.db" + "\0")
        {
            nint allocated = 0;
            var host = WindowsManagedPaths.ToHostForNative(guest, ref allocated);
            try
            {
                Assert.Equal((nint)host, allocated);
                Assert.Equal(DriveC("work/app16.db"), new string(host));
            }
            finally
            {
                WindowsManagedPaths.FreeForNative(allocated);
            }
        }
        fixed (char* plain = "app.db\0")
        {
            nint allocated = 0;
            Assert.True(WindowsManagedPaths.ToHostForNative(plain, ref allocated) == plain);
            Assert.Equal(0, allocated);
        }
    }
}
