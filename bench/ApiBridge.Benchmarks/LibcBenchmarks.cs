using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Benchmarks;

/// <summary>libc calls through the bridge against the same work with .NET APIs.</summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class LibcBenchmarks
{
    private static readonly Func<long> StopwatchTimestamp = Stopwatch.GetTimestamp;
    private BenchData data = null!;
    private readonly byte[] buffer = new byte[BenchData.BlockSize];
    private long offset;
    private SafeFileHandle direct = null!;
    private int fd;
    private Func<string, int> openClose = null!;
    private Func<int, byte[], long, nint> readBlock = null!;
    private Func<int, byte[], long, nint> writeBlock = null!;
    private Func<string, long> size = null!;
    private Func<long> monotonic = null!;

    [GlobalSetup]
    public void Setup()
    {
        data = new BenchData();
        direct = File.OpenHandle(data.DataFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        openClose = BridgedGuest.Method<Func<string, int>>("LibcCalls", "OpenClose");
        readBlock = BridgedGuest.Method<Func<int, byte[], long, nint>>("LibcCalls", "ReadBlock");
        writeBlock = BridgedGuest.Method<Func<int, byte[], long, nint>>("LibcCalls", "WriteBlock");
        size = BridgedGuest.Method<Func<string, long>>("LibcCalls", "Size");
        monotonic = BridgedGuest.Method<Func<long>>("LibcCalls", "MonotonicNanoseconds");
        fd = BridgedGuest.Method<Func<string, int>>("LibcCalls", "OpenReadWrite")(data.DataFile);
        if (fd < 0 || size(data.DataFile) != BenchData.DataFileSize)
            throw new InvalidOperationException("the bridged guest cannot see the benchmark data");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        BridgedGuest.Method<Func<int, int>>("LibcCalls", "Close")(fd);
        direct.Dispose();
        data.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("pread 4 KiB")]
    public int RandomAccess_Read() => RandomAccess.Read(direct, buffer, BenchData.NextOffset(ref offset));

    [Benchmark, BenchmarkCategory("pread 4 KiB")]
    public nint Bridged_pread() => readBlock(fd, buffer, BenchData.NextOffset(ref offset));

    [Benchmark(Baseline = true), BenchmarkCategory("pwrite 4 KiB")]
    public void RandomAccess_Write() => RandomAccess.Write(direct, buffer, BenchData.NextOffset(ref offset));

    [Benchmark, BenchmarkCategory("pwrite 4 KiB")]
    public nint Bridged_pwrite() => writeBlock(fd, buffer, BenchData.NextOffset(ref offset));

    [Benchmark(Baseline = true), BenchmarkCategory("open+close")]
    public void File_OpenHandle_Dispose() => File.OpenHandle(data.DataFile, FileMode.Open, FileAccess.Read, FileShare.Read).Dispose();

    [Benchmark, BenchmarkCategory("open+close")]
    public int Bridged_open_close() => openClose(data.DataFile);

    [Benchmark(Baseline = true), BenchmarkCategory("stat")]
    public long FileInfo_Length() => new FileInfo(data.DataFile).Length;

    [Benchmark, BenchmarkCategory("stat")]
    public long Bridged_stat() => size(data.DataFile);

    [Benchmark(Baseline = true), BenchmarkCategory("clock_gettime(MONOTONIC)")]
    public long Stopwatch_GetTimestamp() => StopwatchTimestamp();

    [Benchmark, BenchmarkCategory("clock_gettime(MONOTONIC)")]
    public long Bridged_clock_gettime() => monotonic();
}
