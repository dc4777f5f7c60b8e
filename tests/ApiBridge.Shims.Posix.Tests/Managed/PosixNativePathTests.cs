using ApiBridge.Shims.Posix.Managed;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Tests.Managed;

/// <summary>
/// The POSIX translator's native-argument methods (what the native-path rule's wrappers call for a Linux guest's
/// calls into a library the bridge does not shim), over a Windows host's shape of the path view.
/// </summary>
public sealed unsafe class PosixNativePathTests : PosixTest
{
    private void UseWindowsShape()
    {
        foreach (var folder in new[] { "rootfs", "temp", "profile", "drive_c" })
            Directory.CreateDirectory(P(folder));
        Use(PosixPathView.WindowsHost(P("rootfs"), P("temp"), P("profile"), "tester", separator: '/', driveRoot: letter => P("drive_" + letter)));
    }

    [Fact]
    public void An_absolute_path_is_translated_and_other_text_comes_back_as_the_same_instance()
    {
        UseWindowsShape();
        Assert.Equal(P("temp/app.db"), PosixManagedPaths.ToHostForNative("/tmp/app.db"));
        // Relative names mean the same on both hosts; :memory: and file: URIs are SQLite's, not paths.
        foreach (var text in new[] { ":memory:", "file:/tmp/app.db?mode=ro", "rel/app.db", "" })
            Assert.Same(text, PosixManagedPaths.ToHostForNative(text));
    }

    [Fact]
    public void A_utf8_pointer_gets_a_new_buffer_only_when_the_path_changes()
    {
        UseWindowsShape();
        fixed (byte* path = Z("/tmp/app.db"))
        {
            nint allocated = 0;
            var host = PosixManagedPaths.ToHostForNative(path, ref allocated);
            try
            {
                Assert.Equal((nint)host, allocated);
                Assert.Equal(P("temp/app.db"), System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)host));
            }
            finally
            {
                PosixManagedPaths.FreeForNative(allocated);
            }
        }
        fixed (byte* memory = Z(":memory:"))
        {
            nint none = 0;
            Assert.Equal((nint)memory, (nint)PosixManagedPaths.ToHostForNative(memory, ref none));
            Assert.Equal(0, none);
        }
    }
}
