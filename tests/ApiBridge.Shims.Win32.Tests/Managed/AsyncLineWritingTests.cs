using System.Text;
using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// File.WriteAllLinesAsync and AppendAllLinesAsync of a Windows guest end lines with \r\n, as on Windows (the BCL's own
/// would use the Linux host's \n), through the guest file system, with Windows' errors surfacing from the task.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class AsyncLineWritingTests : FileSystemTest
{
    [Fact]
    public async Task WriteAllLinesAsync_EndsEachLineAsWindowsDoes_InTheGuestsFolder()
    {
        await FileMembers.WriteAllLinesAsync(@"C:\work\lines.txt", ["first", "second"], CancellationToken.None);
        Assert.Equal("first\r\nsecond\r\n", File.ReadAllText(HostOf("lines.txt")));
        await FileMembers.AppendAllLinesAsync("LINES.txt", ["third"], CancellationToken.None);
        Assert.Equal("first\r\nsecond\r\nthird\r\n", File.ReadAllText(HostOf("lines.txt")));
    }

    [Fact]
    public async Task TheEncodingGiven_IsWritten_ByteOrderMarkIncluded()
    {
        await FileMembers.WriteAllLinesAsync("utf16.txt", ["x"], Encoding.Unicode, CancellationToken.None);
        Assert.Equal([0xFF, 0xFE, (byte)'x', 0, (byte)'\r', 0, (byte)'\n', 0], File.ReadAllBytes(HostOf("utf16.txt")));
        await FileMembers.AppendAllLinesAsync("plain.txt", ["y"], Encoding.UTF8, CancellationToken.None);
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'y', (byte)'\r', (byte)'\n'], File.ReadAllBytes(HostOf("plain.txt")));
    }

    [Fact]
    public async Task AMissingFolder_FailsInTheTask_NamingTheGuestPath()
    {
        var task = FileMembers.WriteAllLinesAsync(@"C:\work\nowhere\lines.txt", ["x"], CancellationToken.None);
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => task);
        Assert.Contains(@"C:\work\nowhere\lines.txt", error.Message);
    }

    [Fact]
    public async Task BadArguments_AreThrownAtTheCall_ACancelledTokenGivesACancelledTask()
    {
        // Thrown by the call itself, before any task exists.
        Assert.Throws<ArgumentNullException>(() => { _ = FileMembers.WriteAllLinesAsync("a.txt", null!, CancellationToken.None); });
        Assert.Throws<ArgumentException>(() => { _ = FileMembers.AppendAllLinesAsync("", ["x"], CancellationToken.None); });
        var cancelled = FileMembers.WriteAllLinesAsync("never.txt", ["x"], new CancellationToken(canceled: true));
        Assert.True(cancelled.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(File.Exists(HostOf("never.txt")));
    }
}
