using ApiBridge.Shims.Posix.Managed;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Tests.Managed;

/// <summary>A Linux guest's File.WriteAllLinesAsync/AppendAllLinesAsync on a Windows-shaped host: \n line ends, through the path view.</summary>
public sealed class PosixAsyncLineWritingTests : PosixTest
{
    public PosixAsyncLineWritingTests()
    {
        foreach (var folder in new[] { "rootfs", "temp", "profile" })
            Directory.CreateDirectory(P(folder));
        Use(PosixPathView.WindowsHost(P("rootfs"), P("temp"), P("profile"), "tester", separator: '/', driveRoot: letter => P("drive_" + letter)));
    }

    [Fact]
    public async Task LinesEndAsOnLinux_InTheFileTheGuestNamed()
    {
        await FileMembers.WriteAllLinesAsync("/tmp/lines.txt", ["first", "second"], CancellationToken.None);
        await FileMembers.AppendAllLinesAsync("/tmp/lines.txt", ["third"], System.Text.Encoding.ASCII, CancellationToken.None);
        Assert.Equal("first\nsecond\nthird\n", File.ReadAllText(P("temp/lines.txt")));
    }

    [Fact]
    public async Task AMissingFolder_FailsInTheTask_NamingTheGuestPath()
    {
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => FileMembers.WriteAllLinesAsync("/tmp/nowhere/x.txt", ["x"], CancellationToken.None));
        Assert.Contains("/tmp/nowhere/x.txt", error.Message);
    }
}
