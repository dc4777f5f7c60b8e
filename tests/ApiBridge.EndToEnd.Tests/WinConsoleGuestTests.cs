using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// WinConsoleGuest (kernel32 console and code-page functions) unmodified under Wine, the reference, and through
/// `apibridge run`: the transcripts must match line for line. Its streams are pipes here, so the console functions
/// show their ERROR_INVALID_HANDLE path; the conversions print hex. The lines where Wine departs from Windows are
/// printed only with --wine-differs, which this comparison leaves out (the shims' conformance tests check them).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WinConsoleGuestTests
{
    public const string Name = "WinConsoleGuest";

    private static readonly Lazy<ProcessResult> wine = new(() =>
        WineHost.Instance.Run(WinX64Publish.Exe(Name), []), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The reference: the unmodified win-x64 publish under Wine, run once per test run (the matrix compares against it too).</summary>
    internal static ProcessResult UnmodifiedUnderWine => wine.Value;

    [Fact]
    public void UnmodifiedGuest_UnderWine_RunsToTheEnd()
    {
        ProcessResult run = wine.Value;
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.Describe()}");
        TranscriptAssert.ContainsLines(Transcript.Of(run), KeyLines, "WinConsoleGuest under Wine", run.Describe());
    }

    [Fact]
    public void ApiBridgeRun_MatchesWine_LineForLine()
    {
        string prefix = RepoPaths.ScratchFolder("winconsoleguest-prefix");
        ProcessResult bridged = ApiBridgeCli.Run(["run", RepoPaths.GuestDll(Name)],
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix });

        TranscriptAssert.Equal(Transcript.Of(wine.Value), Transcript.Of(bridged), "wine", "apibridge run", bridged.Describe());
        Assert.True(bridged.ExitCode == 0, $"exit code {bridged.ExitCode}\n{bridged.Describe()}");
    }

    [Fact]
    public void ApiBridgeRun_AnswersAsWindowsWhereWineDiffers()
    {
        string prefix = RepoPaths.ScratchFolder("winconsoleguest-windows");
        ProcessResult bridged = ApiBridgeCli.Run(["run", RepoPaths.GuestDll(Name), "--wine-differs"],
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix });

        Assert.True(bridged.ExitCode == 0, $"exit code {bridged.ExitCode}\n{bridged.Describe()}");
        TranscriptAssert.ContainsLines(Transcript.Of(bridged), WindowsLines, "WinConsoleGuest --wine-differs bridged", bridged.Describe());
    }

    private static readonly string[] KeyLines =
    [
        "WinConsoleGuest: start",
        "GetConsoleScreenBufferInfo(redirected stdout): False err=6",
        "SetConsoleTextAttribute(redirected stdout): False err=6",
        "WriteConsoleW(redirected stdout): False err=6 written=0",
        "SetConsoleCtrlHandler(remove never added): False err=87",
        "GetACP: 1252",
        "GetOEMCP: 437",
        "MultiByteToWideChar(UTF-8 invalid strict): 0 err=1113",
        "WideCharToMultiByte(1252 best fit): 3 err=0 bytes=613D3F used=1",
        "WinConsoleGuest: end",
    ];

    /// <summary>Windows' answers (a console program always has a console; the documented refusals), not Wine's.</summary>
    private static readonly string[] WindowsLines =
    [
        "GetConsoleCP: 437",
        "SetConsoleCP(65001): True err=0",
        "GetConsoleCP after SetConsoleCP(65001): 65001",
        "SetConsoleCP(12345): False err=87",
        "GetCPInfoExW(1252): page=1252 max=1 unicodeDefault=003F name=1252  (ANSI - Latin I)",
        "WideCharToMultiByte(UTF-8 with lpUsedDefaultChar): 0 err=87 used=-1",
        "WideCharToMultiByte(UTF-8 with lpDefaultChar): 0 err=87",
        "WideCharToMultiByte(UTF-8 WC_NO_BEST_FIT_CHARS): 0 err=1004",
        "WideCharToMultiByte(1252 ERR_INVALID flag): 0 err=1004",
        "WideCharToMultiByte(string, UTF-8, lpUsedDefaultChar): 0 err=87 used=False",
        "MultiByteToWideChar(UTF-8 MB_PRECOMPOSED): 0 err=1004",
    ];
}
