using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace ApiBridge.Benchmarks;

/// <summary>
/// kernel32 time calls through the bridge against the .NET API doing the same work. Baselines and bridged
/// calls both go through a delegate to a static method, held in an instance field set in <see cref="Setup"/>: the
/// bridged side can only be such a delegate (made by reflection from the rewritten guest), and the .NET 10 JIT inlines
/// a lambda behind a delegate (a <c>static readonly</c> field's, or one that profile-guided devirtualization guesses),
/// which would leave the baseline without the delegate call the bridged side pays. So the ratio is the bridge's own cost.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class TimeBenchmarks
{
    private Func<long> stopwatchTimestamp = null!;
    private Func<long> tickCount64Direct = null!;
    private Func<long> utcNowFileTime = null!;
    private Func<long, int> fileTimeToDate = null!;

    private static long TickCount64() => Environment.TickCount64;

    private static long UtcNowFileTime() => DateTime.UtcNow.ToFileTimeUtc();

    private static int FileTimeToDate(long fileTime)
    {
        // The same work as FileTimeToSystemTime: every SYSTEMTIME field.
        var time = DateTime.FromFileTimeUtc(fileTime);
        time.Deconstruct(out var year, out var month, out var day);
        return year + month + (int)time.DayOfWeek + day + time.Hour + time.Minute + time.Second + time.Millisecond;
    }

    private Func<long> bridgedQpc = null!;
    private Func<ulong> bridgedTickCount = null!;
    private Func<long> bridgedSystemTime = null!;
    private Func<long, int> bridgedToSystemTime = null!;
    private Func<long, int> bridgedToSystemTimeNoLastError = null!;
    private ulong shimInput = 132223104012345678;

    [GlobalSetup]
    public void Setup()
    {
        stopwatchTimestamp = Stopwatch.GetTimestamp;
        tickCount64Direct = TickCount64;
        utcNowFileTime = UtcNowFileTime;
        fileTimeToDate = FileTimeToDate;
        bridgedQpc = BridgedGuest.Method<Func<long>>("TimeCalls", "Qpc");
        bridgedTickCount = BridgedGuest.Method<Func<ulong>>("TimeCalls", "TickCount64");
        bridgedSystemTime = BridgedGuest.Method<Func<long>>("TimeCalls", "SystemTimeAsFileTime");
        bridgedToSystemTime = BridgedGuest.Method<Func<long, int>>("TimeCalls", "ToSystemTime");
        bridgedToSystemTimeNoLastError = BridgedGuest.Method<Func<long, int>>("TimeCalls", "ToSystemTimeNoLastError");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("QueryPerformanceCounter")]
    public long Stopwatch_GetTimestamp() => stopwatchTimestamp();

    [Benchmark, BenchmarkCategory("QueryPerformanceCounter")]
    public long Bridged_QueryPerformanceCounter() => bridgedQpc();

    [Benchmark(Baseline = true), BenchmarkCategory("GetTickCount64")]
    public long Environment_TickCount64() => tickCount64Direct();

    [Benchmark, BenchmarkCategory("GetTickCount64")]
    public ulong Bridged_GetTickCount64() => bridgedTickCount();

    [Benchmark(Baseline = true), BenchmarkCategory("GetSystemTimeAsFileTime")]
    public long DateTime_UtcNow_ToFileTimeUtc() => utcNowFileTime();

    [Benchmark, BenchmarkCategory("GetSystemTimeAsFileTime")]
    public long Bridged_GetSystemTimeAsFileTime() => bridgedSystemTime();

    [Benchmark(Baseline = true), BenchmarkCategory("FileTimeToSystemTime")]
    public int DateTime_FromFileTimeUtc() => fileTimeToDate(132223104012345678);

    [Benchmark, BenchmarkCategory("FileTimeToSystemTime")]
    public int Bridged_FileTimeToSystemTime() => bridgedToSystemTime(132223104012345678);

    /// <summary>
    /// The same export declared without <c>SetLastError</c>: the difference to the row above is the last-error
    /// bookkeeping that declaration asks for (clear before, publish after).
    /// </summary>
    [Benchmark, BenchmarkCategory("FileTimeToSystemTime")]
    public int Bridged_FileTimeToSystemTime_without_SetLastError() => bridgedToSystemTimeNoLastError(132223104012345678);

    /// <summary>The shim alone, without the generated adapter: tells the adapter's share of the cost.</summary>
    [Benchmark, BenchmarkCategory("FileTimeToSystemTime")]
    public int Shim_FileTimeToSystemTime_without_adapter()
    {
        // One 8-byte value, as the guest's `in long` is: a FILETIME built from two 4-byte halves and read back whole stalls
        // store forwarding, which cost this row more than the adapter does.
        var fileTime = shimInput; // a field, not a constant: the inlined shim would fold a constant to nothing
        System.Runtime.CompilerServices.Unsafe.SkipInit(out ApiBridge.Shims.Win32.Native.SYSTEMTIME time);
        ApiBridge.Shims.Win32.Kernel32.TimeConversion.FileTimeToSystemTime(
            in System.Runtime.CompilerServices.Unsafe.As<ulong, ApiBridge.Shims.Win32.Native.FILETIME>(ref fileTime), ref time);
        return time.wYear + time.wMonth + time.wDayOfWeek + time.wDay + time.wHour + time.wMinute + time.wSecond + time.wMilliseconds;
    }
}
