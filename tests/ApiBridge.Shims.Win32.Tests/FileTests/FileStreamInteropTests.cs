using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>A guest wrapping a returned handle in SafeFileHandle and handing it to FileStream sees the same file at the same position.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class FileStreamInteropTests : FileSystemTest
{
    [Fact]
    public void FileStream_StartsWhereReadFileLeftOff_AndWritesTheSameFile()
    {
        var h = Create("fs.txt", GENERIC_READ | GENERIC_WRITE, 0, CREATE_NEW);
        Assert.True(Write(h, "hello world"));
        Seek(h, 0, 0);
        Assert.Equal("hello ", ReadText(h, 6));
        using (var stream = new FileStream(new SafeFileHandle(h, ownsHandle: true), FileAccess.ReadWrite))
        {
            Assert.Equal(6, stream.Position);
            var rest = new byte[5];
            stream.ReadExactly(rest);
            Assert.Equal("world", Encoding.ASCII.GetString(rest));
            stream.Write("!!"u8);
        }
        Assert.Equal("hello world!!", File.ReadAllText(HostOf("fs.txt")));
        // The FileStream closed the descriptor: the file is free again, and the stale entry is gone.
        var again = Create("fs.txt", GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, again);
        Assert.Equal("hello world!!", ReadText(again, 100));
        Assert.True(Close(again));
    }

    [Fact]
    public void WriteFileAfterFileStreamWrites_ContinuesAtTheKernelOffset()
    {
        var h = Create("fs2.txt", GENERIC_WRITE, 0, CREATE_NEW);
        Assert.True(Write(h, "abc"));
        var stream = new FileStream(new SafeFileHandle(h, ownsHandle: false), FileAccess.Write);
        Assert.Equal(3, stream.Position);
        stream.Dispose();
        Assert.True(Write(h, "def"), $"WriteFile after FileStream: {Err}");
        Assert.True(Close(h));
        Assert.Equal("abcdef", File.ReadAllText(HostOf("fs2.txt")));
    }
}
