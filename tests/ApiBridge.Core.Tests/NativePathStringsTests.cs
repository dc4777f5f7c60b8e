using ApiBridge.Runtime.Marshalling;

namespace ApiBridge.Core.Tests;

/// <summary>
/// The runtime half of the native-path rule: a pointer argument is read, translated, and — only when the path
/// changes — handed over in a new buffer the wrapper frees; the guest's buffer is never written to.
/// </summary>
public sealed unsafe class NativePathStringsTests
{
    private const string Guest = @"C:\users\u\Temp\é.db";
    private const string Host = "/prefix/drive_c/users/u/Temp/é.db";

    [Fact]
    public void A_changed_utf8_path_is_written_to_a_new_buffer_and_the_guests_is_untouched()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Guest + "\0");
        fixed (byte* guest = bytes)
        {
            nint allocated = 0;
            var host = NativePathStrings.Utf8(guest, ref allocated, path => path == Guest ? Host : "wrong");
            try
            {
                Assert.NotEqual((nint)guest, (nint)host);
                Assert.Equal((nint)host, allocated);
                Assert.Equal(Host, System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)host));
                Assert.Equal(Guest, System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)guest));
            }
            finally
            {
                NativePathStrings.Free(allocated);
            }
        }
    }

    [Fact]
    public void A_changed_utf16_path_is_written_to_a_new_buffer()
    {
        fixed (char* guest = Guest)
        {
            nint allocated = 0;
            var host = NativePathStrings.Utf16(guest, ref allocated, path => path == Guest ? Host : "wrong");
            try
            {
                Assert.Equal((nint)host, allocated);
                Assert.Equal(Host, new string(host));
                Assert.Equal(Guest, new string(guest));
            }
            finally
            {
                NativePathStrings.Free(allocated);
            }
        }
    }

    [Fact]
    public void A_kept_path_or_null_passes_the_guests_pointer_and_allocates_nothing()
    {
        fixed (char* guest = ":memory:")
        {
            nint allocated = 0;
            Assert.Equal((nint)guest, (nint)NativePathStrings.Utf16(guest, ref allocated, path => path));
            Assert.Equal(0, allocated);
        }
        nint none = 0;
        Assert.Equal(0, (nint)NativePathStrings.Utf8(null, ref none, _ => throw new InvalidOperationException("a null pointer is not read")));
        Assert.Equal(0, none);
    }
}
