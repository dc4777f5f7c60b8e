using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// The store that keeps a Linux guest's permission bits on a Windows host (chmod, File.SetUnixFileMode): read back
/// by every guest process of the prefix, forgotten for a file made again at the same path, tolerant of a cut line,
/// and kept small. The store is plain files, so it is checked here on any host.
/// </summary>
public sealed class UnixModesTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "apibridge-modes-" + Guid.NewGuid().ToString("N")[..10]);
    private string Store => Path.Combine(folder, "prefix", "unix-modes");

    public UnixModesTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string NewFile(string name)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, name);
        return path;
    }

    [Fact]
    public void AModeSet_IsReadBack_ByThisProcess_AndByAnotherOfThePrefix()
    {
        var key = NewFile("key.pem");
        var modes = new UnixModes(Store);
        Assert.Null(modes.Get(key));
        modes.Set(key, 0x180); // 0600
        Assert.Equal(0x180u, modes.Get(key));
        // Another process of the prefix: a second store over the same file, already loaded before the change.
        var other = new UnixModes(Store);
        Assert.Equal(0x180u, other.Get(key));
        modes.Set(key, 0x1E4); // 0744
        Assert.Equal(0x1E4u, other.Get(key));
    }

    [Fact]
    public void OnlyPermissionBitsAreKept()
    {
        var file = NewFile("a.txt");
        var modes = new UnixModes(Store);
        modes.Set(file, 0x81A4); // S_IFREG | 0644
        Assert.Equal(0x1A4u, modes.Get(file));
    }

    [Fact]
    public void AFileMadeAgainAtThePath_HasNoRecordedMode()
    {
        var file = NewFile("again.txt");
        var modes = new UnixModes(Store);
        modes.Set(file, 0x100);
        File.Delete(file);
        File.WriteAllText(file, "new");
        File.SetCreationTimeUtc(file, DateTime.UtcNow.AddMinutes(5)); // a new file's own creation time (tunnelling aside)
        Assert.Null(modes.Get(file));
    }

    [Fact]
    public void ACutOrForeignLine_IsSkipped()
    {
        var file = NewFile("b.txt");
        new UnixModes(Store).Set(file, 0x1C0);
        File.AppendAllText(Store, "77 12\nnot octal 1 /x\n6");
        Assert.Equal(0x1C0u, new UnixModes(Store).Get(file));
    }

    [Fact]
    public void ManyChanges_AreCompacted_ToOneLinePerFile()
    {
        var first = NewFile("c.txt");
        var second = NewFile("d.txt");
        var modes = new UnixModes(Store);
        for (var i = 0; i < 600; i++)
        {
            modes.Set(first, (uint)(i % 2 == 0 ? 0x180 : 0x1A4));
            modes.Set(second, 0x1ED);
        }
        Assert.True(File.ReadAllLines(Store).Length < 300, $"{File.ReadAllLines(Store).Length} lines");
        Assert.Equal(0x1A4u, new UnixModes(Store).Get(first));
        Assert.Equal(0x1EDu, new UnixModes(Store).Get(second));
    }
}
