using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ApiBridge.Benchmarks;

/// <summary>
/// The managed view's cost: a Windows guest's BCL call rewritten (Windows path in, resolved through the guest file
/// system, or Windows Path rules) against the same call made directly on the host with the host path. Goal (issue 12):
/// ≤1.25x for the file rows, ≤2x for the pure Path rows.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ManagedViewBenchmarks
{
    private const string SmallFileName = "file0000.txt";
    private BenchData data = null!;
    private string smallFile = null!;
    private string windowsSmallFile = null!;
    private string windowsFolder = null!;
    private string block = null!;
    private string windowsBlock = null!;
    private Func<string, bool> fileExists = null!;
    private Action<string> openReadDispose = null!;
    private Func<string, byte[]> readAllBytes = null!;
    private Func<string, string, string> pathCombine = null!;
    private Func<string, string> pathGetFileName = null!;
    private Func<string, int> countFiles = null!;
    private Func<string> applicationData = null!;

    [GlobalSetup]
    public void Setup()
    {
        data = new BenchData();
        smallFile = Path.Combine(data.Folder, SmallFileName);
        windowsSmallFile = BenchData.AsWindowsPath(smallFile);
        windowsFolder = BenchData.AsWindowsPath(data.Folder);
        block = Path.Combine(data.Root, "block.bin");
        File.WriteAllBytes(block, new byte[BenchData.BlockSize]);
        windowsBlock = BenchData.AsWindowsPath(block);
        fileExists = BridgedGuest.Method<Func<string, bool>>("ManagedCalls", "FileExists");
        openReadDispose = BridgedGuest.Method<Action<string>>("ManagedCalls", "OpenReadDispose");
        readAllBytes = BridgedGuest.Method<Func<string, byte[]>>("ManagedCalls", "ReadAllBytes");
        pathCombine = BridgedGuest.Method<Func<string, string, string>>("ManagedCalls", "PathCombine");
        pathGetFileName = BridgedGuest.Method<Func<string, string>>("ManagedCalls", "PathGetFileName");
        countFiles = BridgedGuest.Method<Func<string, int>>("ManagedCalls", "CountFiles");
        applicationData = BridgedGuest.Method<Func<string>>("ManagedCalls", "ApplicationData");
        if (!fileExists(windowsSmallFile) || countFiles(windowsFolder) != BenchData.FolderEntries || pathGetFileName(@"C:\a\b.txt") != "b.txt")
            throw new InvalidOperationException("the bridged guest does not see the benchmark data through the managed view");
    }

    [GlobalCleanup]
    public void Cleanup() => data.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("File.Exists")]
    public bool Host_File_Exists() => File.Exists(smallFile);

    [Benchmark, BenchmarkCategory("File.Exists")]
    public bool Bridged_File_Exists() => fileExists(windowsSmallFile);

    [Benchmark(Baseline = true), BenchmarkCategory("File.OpenRead+Dispose")]
    public void Host_File_OpenRead() => File.OpenRead(smallFile).Dispose();

    [Benchmark, BenchmarkCategory("File.OpenRead+Dispose")]
    public void Bridged_File_OpenRead() => openReadDispose(windowsSmallFile);

    [Benchmark(Baseline = true), BenchmarkCategory("File.ReadAllBytes 4 KiB")]
    public byte[] Host_File_ReadAllBytes() => File.ReadAllBytes(block);

    [Benchmark, BenchmarkCategory("File.ReadAllBytes 4 KiB")]
    public byte[] Bridged_File_ReadAllBytes() => readAllBytes(windowsBlock);

    [Benchmark(Baseline = true), BenchmarkCategory("Path.Combine")]
    public string Host_Path_Combine() => Path.Combine("/data/app", "settings.json");

    [Benchmark, BenchmarkCategory("Path.Combine")]
    public string Bridged_Path_Combine() => pathCombine(@"C:\data\app", "settings.json");

    [Benchmark(Baseline = true), BenchmarkCategory("Path.GetFileName")]
    public string Host_Path_GetFileName() => Path.GetFileName("/data/app/settings.json");

    [Benchmark, BenchmarkCategory("Path.GetFileName")]
    public string Bridged_Path_GetFileName() => pathGetFileName(@"C:\data\app\settings.json");

    [Benchmark(Baseline = true), BenchmarkCategory("Directory.EnumerateFiles x1000")]
    public int Host_Directory_EnumerateFiles()
    {
        var count = 0;
        foreach (var _ in Directory.EnumerateFiles(data.Folder))
            count++;
        return count;
    }

    [Benchmark, BenchmarkCategory("Directory.EnumerateFiles x1000")]
    public int Bridged_Directory_EnumerateFiles() => countFiles(windowsFolder);

    [Benchmark(Baseline = true), BenchmarkCategory("Environment.GetFolderPath")]
    public string Host_GetFolderPath() => Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);

    [Benchmark, BenchmarkCategory("Environment.GetFolderPath")]
    public string Bridged_GetFolderPath() => applicationData();
}
