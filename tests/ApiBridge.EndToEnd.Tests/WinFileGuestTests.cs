using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// WinFileGuest (kernel32 file API in real declaration styles) run unmodified under Wine, the reference, and through
/// `apibridge run` on Linux with a fresh prefix: the transcripts must match line for line. The guest works in a
/// folder under GetTempPathW and prints only relative names, sorted listings and error codes.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WinFileGuestTests
{
    public const string Name = "WinFileGuest";

    private static readonly Lazy<ProcessResult> wine = new(() =>
        WineHost.Instance.Run(WinX64Publish.Exe(Name), []), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The reference: the unmodified win-x64 publish under Wine, run once per test run (the matrix compares against it too).</summary>
    internal static ProcessResult UnmodifiedUnderWine => wine.Value;

    [Fact]
    public void UnmodifiedGuest_UnderWine_RunsToTheEnd()
    {
        ProcessResult run = wine.Value;
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.Describe()}");
        TranscriptAssert.ContainsLines(Transcript.Of(run), KeyLines, "WinFileGuest under Wine", run.Describe());
    }

    [Fact]
    public void ApiBridgeRun_MatchesWine_LineForLine()
    {
        string prefix = RepoPaths.ScratchFolder("winfileguest-prefix");
        ProcessResult bridged = ApiBridgeCli.Run(["run", RepoPaths.GuestDll(Name)],
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix, ["TMP"] = null, ["TEMP"] = null });

        TranscriptAssert.Equal(Transcript.Of(wine.Value), Transcript.Of(bridged), "wine", "apibridge run", bridged.Describe());
        Assert.True(bridged.ExitCode == 0, $"exit code {bridged.ExitCode}\n{bridged.Describe()}");
        Assert.True(Directory.Exists(Path.Combine(prefix, "drive_c", "users")), "the prefix was not created");
        Assert.False(Directory.Exists(Path.Combine(prefix, "drive_c", "users", Environment.UserName, "Temp", "WinFileGuest.work")),
            "the guest's work folder was not removed through the bridge");
    }

    [Fact]
    public void ApiBridgeRun_Isolated_MatchesWine()
    {
        string prefix = RepoPaths.ScratchFolder("winfileguest-isolated");
        ProcessResult bridged = ApiBridgeCli.Run(["run", RepoPaths.GuestDll(Name)],
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix, ["APIBRIDGE_ISOLATE"] = "1", ["TMP"] = null, ["TEMP"] = null });

        TranscriptAssert.Equal(Transcript.Of(wine.Value), Transcript.Of(bridged), "wine", "apibridge run (isolated)", bridged.Describe());
    }

    private static readonly string[] KeyLines =
    [
        "WinFileGuest: start",
        "CreateFileW(CREATE_NEW existing): False err=80",
        "CreateFileW(OPEN_ALWAYS existing): True err=183",
        "ReadFile: hello world",
        "ReadFile at end: True read=0",
        "CloseHandle again: False err=6",
        "SetFilePointerEx(negative): False err=131",
        "second open for write (not shared): False err=32",
        "RemoveDirectoryW(non-empty): False err=145",
        "MoveFileW onto existing: False err=183",
        "CopyFileW(fail if exists): False err=80",
        "FindFirstFileW(no match): False err=2",
        "FileStream.Position after ReadFile: 2",
        "WriteFile(STD_OUTPUT_HANDLE): line",
        "WinFileGuest: end",
    ];
}
