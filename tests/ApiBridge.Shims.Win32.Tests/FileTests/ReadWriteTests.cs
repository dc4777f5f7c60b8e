using System.Text;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>ReadFile, WriteFile, the file pointer, sizes, SetEndOfFile (kernel32.md, Wine's file.c).</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class ReadWriteTests : FileSystemTest
{
    private nint NewFile(string name, string content = "")
    {
        var h = Create(name, GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        if (content.Length > 0)
            Assert.True(Write(h, content));
        return h;
    }

    [Fact]
    public void WriteFile_ReportsBytes_AndMovesThePointer()
    {
        var h = NewFile("w.txt");
        Assert.True(Write(h, Encoding.ASCII.GetBytes("hello world"), out var written));
        Assert.Equal(11u, written);
        Assert.Equal(11, Seek(h, 0, 1));
        Close(h);
    }

    [Fact]
    public void ReadFile_AtEnd_IsTrueWithZeroBytes_AndLastErrorUntouched()
    {
        var h = NewFile("r.txt", "abc");
        Seek(h, 0, 0);
        Assert.Equal("abc", ReadText(h, 10));
        LastErrorSentinel();
        uint read = 99;
        var buffer = new byte[4];
        fixed (byte* p = buffer)
            Assert.Equal(1, FileIo.ReadFile(h, p, 4, &read, null));
        Assert.Equal(0u, read);
        Assert.Equal(1234, Err);
        Close(h);
    }

    private static void LastErrorSentinel() => Runtime.LastError.Set(1234);

    [Fact]
    public void ZeroByteTransfers_SucceedAndLeaveLastError()
    {
        var h = NewFile("z.txt", "abc");
        LastErrorSentinel();
        uint n = 5;
        byte b = 0;
        Assert.Equal(1, FileIo.ReadFile(h, &b, 0, &n, null));
        Assert.Equal(0u, n);
        Assert.Equal(1, FileIo.WriteFile(h, &b, 0, &n, null));
        Assert.Equal(1234, Err);
        Close(h);
    }

    [Fact]
    public void BogusHandle_IsCheckedBeforeTheBuffer()
    {
        uint n;
        Clear();
        Assert.Equal(0, FileIo.WriteFile(0x12345670, null, 10, &n, null));
        Assert.Equal(6, Err);
        Clear();
        Assert.Equal(0, FileIo.ReadFile(-1, null, 10, &n, null));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void AccessIsEnforcedPerHandle()
    {
        WriteHostFile("acc.txt", "data");
        var readOnly = Create("acc.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Assert.False(Write(readOnly, "x"));
        Assert.Equal(5, Err);
        var writeOnly = Create("acc.txt", GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
        Assert.False(Read(writeOnly, 1, out _));
        Assert.Equal(5, Err);
        Close(readOnly);
        Close(writeOnly);
    }

    [Fact]
    public void AppendDataAlone_WritesAtTheEnd()
    {
        WriteHostFile("app.txt", "start");
        var h = Create("app.txt", FILE_APPEND_DATA, SHARE_ALL, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, h);
        Assert.True(Write(h, "+end"));
        Close(h);
        Assert.Equal("start+end", File.ReadAllText(HostOf("app.txt")));
    }

    [Fact]
    public void SetFilePointerEx_Begin_End_AndNegative()
    {
        var h = NewFile("p.txt", "0123456789");
        Assert.Equal(6, Seek(h, 6, 0));
        Assert.Equal("678", ReadText(h, 3));
        Assert.Equal(10, Seek(h, 0, 2));
        Clear();
        long position;
        Assert.Equal(0, FileIo.SetFilePointerEx(h, -11, &position, 2));
        Assert.Equal(131, Err);
        Assert.Equal(10, Seek(h, 0, 1)); // unchanged
        Clear();
        Assert.Equal(0, FileIo.SetFilePointerEx(h, 0, &position, 7));
        Assert.Equal(87, Err);
        Close(h);
    }

    [Fact]
    public void SetFilePointer_LowPart_HighPart_AndFailure()
    {
        var h = NewFile("sp.txt", "0123456789");
        Clear();
        Assert.Equal(4u, FileIo.SetFilePointer(h, 4, null, 0));
        int high = 1;
        Assert.Equal(0u, FileIo.SetFilePointer(h, 0, &high, 0)); // 4 GiB: low 0, high 1
        Assert.Equal(1, high);
        Clear();
        Assert.Equal(0xFFFFFFFFu, FileIo.SetFilePointer(h, -100, null, 0));
        Assert.NotEqual(0, Err);
        Close(h);
    }

    [Fact]
    public void SeekPastEnd_DoesNotGrow_SetEndOfFile_ExtendsAndTruncates()
    {
        var h = NewFile("e.txt", "abcdef");
        Seek(h, 20, 0);
        long size;
        Assert.Equal(1, FileIo.GetFileSizeEx(h, &size));
        Assert.Equal(6, size);
        Assert.Equal(1, FileIo.SetEndOfFile(h));
        Assert.Equal(1, FileIo.GetFileSizeEx(h, &size));
        Assert.Equal(20, size);
        Seek(h, 3, 0);
        Assert.Equal(1, FileIo.SetEndOfFile(h));
        Seek(h, 8, 0);
        Assert.Equal(1, FileIo.SetEndOfFile(h));
        Seek(h, 0, 0);
        Assert.True(Read(h, 100, out var data));
        Assert.Equal(new byte[] { (byte)'a', (byte)'b', (byte)'c', 0, 0, 0, 0, 0 }, data);
        uint sizeHigh = 7;
        Assert.Equal(8u, FileIo.GetFileSize(h, &sizeHigh));
        Assert.Equal(0u, sizeHigh);
        Close(h);
    }

    [Fact]
    public void Overlapped_OnSynchronousHandle_UsesTheOffset_AndMovesThePointer()
    {
        var h = NewFile("o.txt", "0123456789");
        var ov = new OVERLAPPED { Offset = 3 };
        var buffer = new byte[4];
        uint read;
        fixed (byte* p = buffer)
            Assert.Equal(1, FileIo.ReadFile(h, p, 4, &read, &ov));
        Assert.Equal("3456", Encoding.ASCII.GetString(buffer));
        Assert.Equal(7, Seek(h, 0, 1));
        ov = new OVERLAPPED { Offset = 100 };
        Clear();
        fixed (byte* p = buffer)
            Assert.Equal(0, FileIo.ReadFile(h, p, 4, &read, &ov));
        Assert.Equal(38, Err);
        var data = Encoding.ASCII.GetBytes("XY");
        ov = new OVERLAPPED { Offset = 1 };
        uint written;
        fixed (byte* p = data)
            Assert.Equal(1, FileIo.WriteFile(h, p, 2, &written, &ov));
        Assert.Equal(3, Seek(h, 0, 1));
        Close(h);
        Assert.Equal("0XY3456789", File.ReadAllText(HostOf("o.txt")));
    }

    [Fact]
    public void FlushFileBuffers_NeedsWriteAccess()
    {
        var h = NewFile("f.txt", "x");
        Assert.Equal(1, FileIo.FlushFileBuffers(h));
        Close(h);
        var r = Create("f.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        Clear();
        Assert.Equal(0, FileIo.FlushFileBuffers(r));
        Assert.Equal(5, Err);
        Close(r);
    }

    [Fact]
    public void StandardOutput_IsAWritableDescriptorDuplicate()
    {
        var output = StandardHandles.GetStdHandle(StandardHandles.STD_OUTPUT_HANDLE);
        Assert.NotEqual(INVALID_HANDLE_VALUE, output);
        Assert.NotEqual(0, output);
        Assert.Equal(output, StandardHandles.GetStdHandle(StandardHandles.STD_OUTPUT_HANDLE));
        Assert.True(Write(output, ""));
        Assert.Equal(INVALID_HANDLE_VALUE, StandardHandles.GetStdHandle(5));
        Assert.Equal(6, Err);
    }
}
