using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Benchmarks;

/// <summary>kernel32 file calls through the bridge against the same work with .NET file APIs.</summary>
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
    private Func<IntPtr, byte[], long, uint> readBlock = null!;
    private Func<IntPtr, byte[], long, uint> writeBlock = null!;
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
        readBlock = BridgedGuest.Method<Func<IntPtr, byte[], long, uint>>("FileCalls", "ReadBlock");
        writeBlock = BridgedGuest.Method<Func<IntPtr, byte[], long, uint>>("FileCalls", "WriteBlock");
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
    public uint Bridged_ReadFile() => readBlock(bridged, buffer, BenchData.NextOffset(ref offset));

    [Benchmark(Baseline = true), BenchmarkCategory("WriteFile 4 KiB")]
    public void RandomAccess_Write() => RandomAccess.Write(direct, buffer, BenchData.NextOffset(ref offset));

    [Benchmark, BenchmarkCategory("WriteFile 4 KiB")]
    public uint Bridged_WriteFile() => writeBlock(bridged, buffer, BenchData.NextOffset(ref offset));

    [Benchmark(Baseline = true), BenchmarkCategory("CreateFileW+CloseHandle")]
    public void File_OpenHandle_Dispose() => File.OpenHandle(data.DataFile, FileMode.Open, FileAccess.Read, FileShare.Read).Dispose();

    [Benchmark, BenchmarkCategory("CreateFileW+CloseHandle")]
    public bool Bridged_CreateFileW_CloseHandle() => openClose(windowsDataFile);

    [Benchmark(Baseline = true), BenchmarkCategory("GetFileAttributesW")]
    public FileAttributes File_GetAttributes() => File.GetAttributes(data.DataFile);

    [Benchmark, BenchmarkCategory("GetFileAttributesW")]
    public uint Bridged_GetFileAttributesW() => attributes(windowsDataFile);

    [Benchmark(Baseline = true), BenchmarkCategory("FindFirstFile/FindNextFile x1000")]
    public int Directory_EnumerateFileSystemEntries() => Directory.EnumerateFileSystemEntries(data.Folder).Count();

    [Benchmark, BenchmarkCategory("FindFirstFile/FindNextFile x1000")]
    public int Bridged_FindFirstFile_FindNextFile() => countEntries(windowsPattern);
}
