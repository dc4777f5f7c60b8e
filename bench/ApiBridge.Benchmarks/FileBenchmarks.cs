using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Benchmarks;

/// <summary>
/// kernel32 file calls through the bridge against the same work with .NET file APIs: sequential 4 KiB reads and writes
/// (one ReadFile/WriteFile against one RandomAccess call at the tracked offset), opens, attributes, and a listing
/// that, like WIN32_FIND_DATA, needs every entry's attributes, size and times.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class FileBenchmarks
{
    private BenchData data = null!;
    private string windowsDataFile = null!;
    private string windowsPattern = null!;
    private readonly byte[] buffer = new byte[BenchData.BlockSize];
    private long offset;
    private SafeFileHandle direct = null!;
    private IntPtr bridged;
    private Func<string, bool> openClose = null!;
    private Func<IntPtr, byte[], uint> readNext = null!;
    private Func<IntPtr, byte[], long, uint> writeNext = null!;
    private Func<string, uint> attributes = null!;
    private Func<string, int> countEntries = null!;

    [GlobalSetup]
    public void Setup()
    {
        data = new BenchData();
        windowsDataFile = BenchData.AsWindowsPath(data.DataFile);
        windowsPattern = BenchData.AsWindowsPath(data.Folder) + "\\*";
        direct = File.OpenHandle(data.DataFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        openClose = BridgedGuest.Method<Func<string, bool>>("FileCalls", "OpenClose");
        readNext = BridgedGuest.Method<Func<IntPtr, byte[], uint>>("FileCalls", "ReadNext");
        writeNext = BridgedGuest.Method<Func<IntPtr, byte[], long, uint>>("FileCalls", "WriteNext");
        attributes = BridgedGuest.Method<Func<string, uint>>("FileCalls", "Attributes");
        countEntries = BridgedGuest.Method<Func<string, int>>("FileCalls", "CountEntries");
        bridged = BridgedGuest.Method<Func<string, IntPtr>>("FileCalls", "OpenReadWrite")(windowsDataFile);
        if (bridged == new IntPtr(-1) || countEntries(windowsPattern) != BenchData.FolderEntries + 2)
            throw new InvalidOperationException("the bridged guest cannot see the benchmark data");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        BridgedGuest.Method<Func<IntPtr, bool>>("FileCalls", "Close")(bridged);
        direct.Dispose();
        data.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ReadFile 4 KiB")]
    public int RandomAccess_Read() => RandomAccess.Read(direct, buffer, BenchData.NextOffset(ref offset));

    [Benchmark, BenchmarkCategory("ReadFile 4 KiB")]
    public uint Bridged_ReadFile() => readNext(bridged, buffer);

    [Benchmark(Baseline = true), BenchmarkCategory("WriteFile 4 KiB")]
    public void RandomAccess_Write() => RandomAccess.Write(direct, buffer, BenchData.NextOffset(ref offset));

    [Benchmark, BenchmarkCategory("WriteFile 4 KiB")]
    public uint Bridged_WriteFile() => writeNext(bridged, buffer, BenchData.DataFileSize);

    [Benchmark(Baseline = true), BenchmarkCategory("CreateFileW+CloseHandle")]
    public void File_OpenHandle_Dispose() => File.OpenHandle(data.DataFile, FileMode.Open, FileAccess.Read, FileShare.Read).Dispose();

    [Benchmark, BenchmarkCategory("CreateFileW+CloseHandle")]
    public bool Bridged_CreateFileW_CloseHandle() => openClose(windowsDataFile);

    [Benchmark(Baseline = true), BenchmarkCategory("GetFileAttributesW")]
    public FileAttributes File_GetAttributes() => File.GetAttributes(data.DataFile);

    [Benchmark, BenchmarkCategory("GetFileAttributesW")]
    public uint Bridged_GetFileAttributesW() => attributes(windowsDataFile);

    /// <summary>The same work as FindFirstFile/FindNextFile: every entry's name, attributes, size and times.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("FindFirstFile/FindNextFile x1000")]
    public long DirectoryInfo_EnumerateFileSystemInfos()
    {
        long sum = 0;
        foreach (var entry in new DirectoryInfo(data.Folder).EnumerateFileSystemInfos())
            sum += entry.Name.Length + (int)entry.Attributes + (entry is FileInfo file ? file.Length : 0) + entry.LastWriteTimeUtc.Ticks % 7 + entry.CreationTimeUtc.Ticks % 7;
        return sum;
    }

    [Benchmark, BenchmarkCategory("FindFirstFile/FindNextFile x1000")]
    public int Bridged_FindFirstFile_FindNextFile() => countEntries(windowsPattern);
}
