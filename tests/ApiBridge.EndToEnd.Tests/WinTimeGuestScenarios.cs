using System.Collections.Concurrent;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>One way of starting WinTimeGuest: its arguments, its stdin, the exit code it asks ExitProcess for.</summary>
public sealed record GuestScenario(string Name, string[] Args, string? Stdin, int ExpectedExitCode)
{
    public override string ToString() => Name;
}

/// <summary>The WinTimeGuest scenarios and their reference transcripts under Wine (one Wine run each per test run).</summary>
public static class WinTimeGuest
{
    public const string Name = "WinTimeGuest";

    public static readonly GuestScenario Full =
        new("full", ["alpha", "b c", "--stdin", "--exit", "7"], "hello from stdin\n", 7);

    public static readonly GuestScenario NoArguments = new("no-arguments", [], null, 0);

    public static readonly GuestScenario Quoting =
        new("quoting", ["say \"hi\"", @"C:\dir with space\", "tab\there", "--exit", "3"], null, 3);

    public static readonly IReadOnlyDictionary<string, GuestScenario> All =
        new[] { Full, NoArguments, Quoting }.ToDictionary(s => s.Name);

    public static TheoryData<string> ScenarioNames => new(All.Keys);

    private static readonly ConcurrentDictionary<string, Lazy<ProcessResult>> wineRuns = new();

    /// <summary>The reference: the unmodified guest, published for win-x64, run under Wine.</summary>
    public static ProcessResult UnderWine(GuestScenario scenario) =>
        wineRuns.GetOrAdd(scenario.Name, _ => new Lazy<ProcessResult>(() => RunUnderWine(scenario))).Value;

    /// <summary>A fresh Wine run, not cached.</summary>
    public static ProcessResult RunUnderWine(GuestScenario scenario) =>
        WineHost.Instance.Run(WinX64Publish.Exe(Name), scenario.Args, scenario.Stdin);

    /// <summary>The guest's portable build output (what users hand to apibridge).</summary>
    public static string Dll => RepoPaths.GuestDll(Name);

    /// <summary>A copy of the guest's app folder in a fresh scratch folder (for tests that change it); its .dll.</summary>
    public static string CopyApp(string scratchName)
    {
        var app = RepoPaths.ScratchFolder(scratchName);
        foreach (var file in Directory.GetFiles(RepoPaths.GuestBuildOutput(Name)))
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        return Path.Combine(app, Name + ".dll");
    }

    /// <summary>Lines every correct host prints for this scenario (a subset; the rest is compared run against run).</summary>
    public static IEnumerable<string> KeyLines(GuestScenario scenario)
    {
        yield return "WinTimeGuest: start";
        yield return $"arg count: {scenario.Args.Length}";
        for (int i = 0; i < scenario.Args.Length; i++) yield return $"arg[{i}]: {scenario.Args[i]}";
        yield return "GetTickCount is low 32 bits of GetTickCount64 (within 1s): True";
        yield return "QueryPerformanceFrequency nonzero: True";
        yield return "QueryPerformanceCounter monotonic: True";
        yield return "GetSystemTimeAsFileTime within 2s of DateTime.UtcNow: True";
        yield return "GetSystemTimePreciseAsFileTime within 2s of DateTime.UtcNow: True";
        yield return "FileTimeToSystemTime(0): 1601-01-01 00:00:00.000 dow=1";
        yield return "FileTimeToSystemTime(132223104000000000): 2020-01-01 00:00:00.000 dow=3";
        yield return "FileTimeToSystemTime(9223372036854775807): 30828-09-14 02:48:05.477 dow=4";
        yield return "FileTimeToSystemTime(0x8000000000000000): False err=87";
        yield return "SystemTimeToFileTime(2020-01-01): True 132223104000000000";
        yield return "SystemTimeToFileTime(month 13): False err=87";
        yield return "SystemTimeToFileTime(year 1600): False err=87";
        yield return "SystemTimeToFileTime ignores wDayOfWeek, round trip: 2021-07-04 12:30:15.250 dow=0";
        yield return "FileTimeToLocalFileTime offset == TimeZoneInfo.Local offset: True";
        yield return "GetTimeZoneInformation Bias == -BaseUtcOffset: True";
        yield return "Sleep(50) elapsed >= 45ms: True";
        yield return "SleepEx(10, false): 0";
        yield return "GetCurrentProcessId == Environment.ProcessId: True";
        yield return "GetCurrentThreadId differs on another thread: True";
        yield return "GetEnvironmentVariableW(missing): 0 err=203";
        yield return "GetEnvironmentVariableW after set: 13 equal=True";
        yield return "GetEnvironmentVariableW name is case-insensitive: True";
        yield return "GetEnvironmentVariableW(buffer 5) returns needed size incl. NUL: True";
        yield return "SetEnvironmentVariableW visible to Environment.GetEnvironmentVariable: True";
        yield return "Environment.SetEnvironmentVariable visible to GetEnvironmentVariableW: set-by-dotnet";
        yield return "GetEnvironmentVariableW after delete: 0 err=203";
        yield return "GetEnvironmentVariableA: 11 \"ascii value\"";
        yield return "GetEnvironmentVariableA(buffer 4): 12";
        yield return "GetCommandLineW program name contains WinTimeGuest: True";
        yield return $"GetCommandLineW argument count after program: {scenario.Args.Length}";
        yield return "GetCommandLineW arguments equal Main args: True";
        yield return "SetLastError(1234) then GetLastError(): 1234";
        yield return "SetLastError(5) [SetLastError=true] then Marshal.GetLastWin32Error(): 5";
        yield return "SetLastError(5) [SetLastError=true] then Marshal.GetLastPInvokeError(): 5";
        yield return "GetLastError() right after failing GetEnvironmentVariableW: 203";
        if (scenario.Stdin is not null) yield return $"stdin: {scenario.Stdin.TrimEnd('\n')}";
        yield return $"ExitProcess: {scenario.ExpectedExitCode}";
    }
}
