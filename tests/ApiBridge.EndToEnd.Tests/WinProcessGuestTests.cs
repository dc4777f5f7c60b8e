using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// WinProcessGuest (CreateProcessW of itself with arguments that need quoting, pipes, waits, exit codes, handle
/// duplication, failures) run unmodified under Wine, the reference, and through `apibridge run` on Linux, where its
/// children start under the bridge too (`apibridge run` again, through the rewrite cache): the transcripts must
/// match line for line. The guest prints no paths, ids or timings.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WinProcessGuestTests
{
    public const string Name = "WinProcessGuest";

    private static readonly Lazy<ProcessResult> wine = new(() =>
        WineHost.Instance.Run(WinX64Publish.Exe(Name), [], timeout: TimeSpan.FromMinutes(5)), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The reference: the unmodified win-x64 publish under Wine, run once per test run (the matrix compares against it too).</summary>
    internal static ProcessResult UnmodifiedUnderWine => wine.Value;

    [Fact]
    public void UnmodifiedGuest_UnderWine_RunsToTheEnd()
    {
        ProcessResult run = wine.Value;
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.Describe()}");
        TranscriptAssert.ContainsLines(Transcript.Of(run), KeyLines, "WinProcessGuest under Wine", run.Describe());
    }

    [Fact]
    public void ApiBridgeRun_MatchesWine_LineForLine()
    {
        string prefix = RepoPaths.ScratchFolder("winprocessguest-prefix");
        ProcessResult bridged = ApiBridgeCli.Run(["run", RepoPaths.GuestDll(Name)], timeout: TimeSpan.FromMinutes(5),
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix, ["TMP"] = null, ["TEMP"] = null });

        TranscriptAssert.Equal(Transcript.Of(wine.Value), Transcript.Of(bridged), "wine", "apibridge run", bridged.Describe());
        Assert.True(bridged.ExitCode == 0, $"exit code {bridged.ExitCode}\n{bridged.Describe()}");
    }

    [Fact]
    public void RewrittenFolder_StartedDirectly_StartsItsRewrittenChildrenWithDotnet()
    {
        // Without APIBRIDGE_CLI the children cannot go through the cache: an already rewritten child starts as `dotnet child.dll`.
        string output = RepoPaths.ScratchFolder("winprocessguest-rewritten");
        Directory.Delete(output);
        ProcessResult rewrite = ApiBridgeCli.Run(["rewrite", RepoPaths.GuestBuildOutput(Name), "-o", output, "--quiet"]);
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        string prefix = RepoPaths.ScratchFolder("winprocessguest-rewritten-prefix");
        ProcessResult direct = DotNet.Run([Path.Combine(output, Name + ".dll")], timeout: TimeSpan.FromMinutes(5),
            environment: new Dictionary<string, string?>
            {
                ["APIBRIDGE_PREFIX"] = prefix, ["TMP"] = null, ["TEMP"] = null, ["APIBRIDGE_CLI"] = null, ["APIBRIDGE_DOTNET"] = null,
            });

        TranscriptAssert.Equal(Transcript.Of(wine.Value), Transcript.Of(direct), "wine", "rewritten, started directly", direct.Describe());
    }

    private static readonly string[] KeyLines =
    [
        "WinProcessGuest: start",
        "GetModuleFileNameW(NULL) ends with \\WinProcessGuest.exe: True",
        "child argc: 10",
        "child argv[3]: <say \"hi\">",
        "child GetCommandLineW is the parent's line: True",
        "child env WPG_VAR (lpEnvironment): hello world",
        "exit code (ExitProcess(7)): 7",
        "WaitForSingleObject(sleeper, 300): WAIT_TIMEOUT",
        "sleeper exit code while running is STILL_ACTIVE: True",
        "WaitForMultipleObjects(any, INFINITE): WAIT_OBJECT_0+1",
        "sleeper exit code: 42",
        "CreateProcessW(missing program): False err=2",
        "CreateProcessW(missing lpCurrentDirectory): False err=267",
        "CreateProcessW(text file named .exe): False err=193",
        "WinProcessGuest: end",
    ];
}
