using System.Text;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>The overlapped-I/O calls over I/O that completes at once: the result reads back from the OVERLAPPED, nothing is left to cancel.</summary>
public sealed unsafe class AsyncIoTests : FileSystemTest
{
    [Fact]
    public void The_result_of_a_read_at_an_offset_reads_back_and_end_of_file_is_ERROR_HANDLE_EOF()
    {
        WriteHostFile("data.txt", "0123456789");
        var h = Create(@"C:\work\data.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        var buffer = new byte[4];
        var overlapped = new OVERLAPPED { Offset = 6 };
        uint read = 0, transferred = 0;
        fixed (byte* b = buffer)
            FileIo.ReadFile(h, b, 4, &read, &overlapped);
        Clear();
        Assert.Equal(1, AsyncIo.GetOverlappedResult(h, &overlapped, &transferred, 1));
        Assert.Equal(4u, transferred);
        Assert.Equal("6789", Encoding.ASCII.GetString(buffer));

        var past = new OVERLAPPED { Offset = 100 };
        fixed (byte* b = buffer)
            FileIo.ReadFile(h, b, 4, &read, &past);
        Clear();
        Assert.Equal(0, AsyncIo.GetOverlappedResult(h, &past, &transferred, 1));
        Assert.Equal(38, Err); // ERROR_HANDLE_EOF
        Assert.Equal(0u, transferred);
        Close(h);
    }

    [Fact]
    public void Nothing_is_pending_to_cancel_and_a_bad_handle_is_ERROR_INVALID_HANDLE()
    {
        WriteHostFile("data.txt", "x");
        var h = Create(@"C:\work\data.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Clear();
        Assert.Equal(0, AsyncIo.CancelIoEx(h, null));
        Assert.Equal(1168, Err); // ERROR_NOT_FOUND
        Assert.Equal(1, AsyncIo.SetFileCompletionNotificationModes(h, 1));
        Clear();
        Assert.Equal(0, AsyncIo.CancelSynchronousIo(-2));
        Assert.Equal(1168, Err);
        Close(h);
        Clear();
        Assert.Equal(0, AsyncIo.CancelIoEx(h, null));
        Assert.Equal(6, Err);
    }
}
