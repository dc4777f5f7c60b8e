namespace ApiBridge.Benchmarks;

/// <summary>A scratch folder per benchmark process: a 1 MiB data file and a folder of 1,000 small files.</summary>
public sealed class BenchData : IDisposable
{
    public const int BlockSize = 4096;
    public const int DataFileSize = 1 << 20;
    public const int FolderEntries = 1000;

    public BenchData()
    {
        Root = Path.Combine(Path.GetTempPath(), "apibridge-bench", $"data-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        Folder = Path.Combine(Root, "many");
        Directory.CreateDirectory(Folder);
        DataFile = Path.Combine(Root, "data.bin");
        File.WriteAllBytes(DataFile, new byte[DataFileSize]);
        for (var i = 0; i < FolderEntries; i++)
            File.WriteAllText(Path.Combine(Folder, $"file{i:D4}.txt"), "x");
    }

    public string Root { get; }

    public string Folder { get; }

    public string DataFile { get; }

    /// <summary>The host path as a Windows guest names it through the default drive table (Z: is the host root).</summary>
    public static string AsWindowsPath(string hostPath) => "Z:" + hostPath.Replace('/', '\\');

    /// <summary>Block offsets cycling through the data file.</summary>
    public static long NextOffset(ref long offset)
    {
        var current = offset;
        offset = (offset + BlockSize) % DataFileSize;
        return current;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
