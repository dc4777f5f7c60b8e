using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// WinSyncGuest (events, mutexes, semaphores, waits and threads in one process; then a named event, mutex and
/// semaphore shared with a second instance of itself started by CreateProcessW, the mutex handed over and back, and
/// abandoned by a child that exits owning it) run unmodified under Wine, the reference, and through `apibridge run`
/// on Linux, where the child starts under the bridge too and the two processes meet through the prefix's named
/// objects: the transcripts must match line for line. The guest prints no ids, names or times.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WinSyncGuestTests
{
    public const string Name = "WinSyncGuest";

    private static readonly Lazy<ProcessResult> wine = new(() =>
        WineHost.Instance.Run(WinX64Publish.Exe(Name), [], timeout: TimeSpan.FromMinutes(5)), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The reference: the unmodified win-x64 publish under Wine, run once per test run (the matrix compares against it too).</summary>
    internal static ProcessResult UnmodifiedUnderWine => wine.Value;

    [Fact]
    public void UnmodifiedGuest_UnderWine_RunsToTheEnd()
    {
        ProcessResult run = wine.Value;
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.Describe()}");
        TranscriptAssert.ContainsLines(Transcript.Of(run), KeyLines, "WinSyncGuest under Wine", run.Describe());
    }

    [Fact]
    public void ApiBridgeRun_MatchesWine_LineForLine()
    {
        string prefix = RepoPaths.ScratchFolder("winsyncguest-prefix");
        ProcessResult bridged = ApiBridgeCli.Run(["run", RepoPaths.GuestDll(Name)], timeout: TimeSpan.FromMinutes(5),
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix, ["TMP"] = null, ["TEMP"] = null });

        TranscriptAssert.Equal(Transcript.Of(wine.Value), Transcript.Of(bridged), "wine", "apibridge run", bridged.Describe());
        Assert.True(bridged.ExitCode == 0, $"exit code {bridged.ExitCode}\n{bridged.Describe()}");
        // The two processes met in the prefix's namespace: one state file per name they used.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(prefix, "named-objects")));
    }

    /// <summary>What proves the second process took part: it opened the objects, owned the mutex, and abandoned one.</summary>
    private static readonly string[] KeyLines =
    [
        "WinSyncGuest: start",
        "CreateEventW(same name, initially set): handle err=183",
        "ReleaseSemaphore(2) past the maximum: False err=298",
        "WaitForSingleObject(mutex whose owner thread ended): WAIT_ABANDONED_0+0",
        "WaitForMultipleObjects(any, the second set): WAIT_OBJECT_0+1",
        "WaitForMultipleObjects(all, only the second set, 100): WAIT_TIMEOUT",
        "wait for the child to open the objects (ready): WAIT_OBJECT_0+0",
        "parent WaitForSingleObject(mutex the child owns, 0): WAIT_TIMEOUT",
        "child exit code (0: every check passed, else the failed checks' bits): 0",
        "OpenEventW(ready) after both processes closed it: NULL err=2",
        "parent WaitForSingleObject(mutex abandoned by the child): WAIT_ABANDONED_0+0",
        "WinSyncGuest: end",
    ];
}
