using System.Security.Cryptography;
using System.Text.Json;
using ApiBridge.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// One rewritten output, both hosts: every bundled guest (guest-apps/), child processes included, in each cell of the
/// guests × hosts matrix that applies to it, compared line for line with the guest on its own platform (see
/// <see cref="Cells"/> for where each cell lives). Windows guests: unmodified under Wine is the reference for
/// `apibridge run` on Linux (each guest's own tests) and for the rewritten win-x64 publish folder under Wine (here).
/// Linux guests: natively on Linux is the reference for the rewritten win-x64 publish under Wine and the rewritten
/// build on Linux. Every publish, rewrite and reference run is made once per test run and shared. Wine missing =
/// failure, never a skip.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GuestHostMatrixTests(ITestOutputHelper output)
{
    [Fact]
    public void PosixGuest_NativeOnLinux_IsTheReference()
    {
        var run = PosixGuestRuns.NativeLinux;
        var transcript = Transcript.Of(run);
        Assert.True(run.ExitCode == PosixGuestRuns.ExpectedExitCode, $"exit code {run.ExitCode}\n{run.Describe()}");
        TranscriptAssert.ContainsLines(transcript, PosixGuestRuns.KeyLines, "PosixGuest on Linux", run.Describe());
        var falseChecks = transcript.Lines.Where(l => l.Contains(": False", StringComparison.Ordinal)).ToList();
        Assert.True(falseChecks.Count == 0, "checks that fail natively:\n" + string.Join('\n', falseChecks));
    }

    [Fact]
    public void PosixGuest_RewrittenWinX64Publish_UnderWine_MatchesNativeLinux()
    {
        var reference = PosixGuestRuns.NativeLinux;
        var bridged = PosixGuestRuns.RewrittenUnderWine;
        Report();
        TranscriptAssert.Equal(Transcript.Of(reference), Transcript.Of(bridged), "native Linux", "rewritten under Wine", bridged.Describe());
        Assert.Equal(reference.ExitCode, bridged.ExitCode);
    }

    [Fact]
    public void PosixGuest_RewrittenPortableBuild_OnLinux_MatchesNativeLinux()
    {
        var reference = PosixGuestRuns.NativeLinux;
        var bridged = PosixGuestRuns.RewrittenOnLinux;
        Report();
        TranscriptAssert.Equal(Transcript.Of(reference), Transcript.Of(bridged), "native Linux", "rewritten on Linux", bridged.Describe());
        Assert.Equal(reference.ExitCode, bridged.ExitCode);
    }

    [Fact]
    public void RewrittenSelfContainedPublish_KeepsTheRuntimeFiles_AndListsTheShimsInDepsJson()
    {
        var rewritten = PosixGuestRuns.RewrittenWindowsPublish(PosixGuestRuns.Name);
        var published = WinX64Publish.Folder(PosixGuestRuns.Name);
        foreach (var runtimeFile in new[] { "System.Private.CoreLib.dll", "coreclr.dll", "hostfxr.dll", "System.Runtime.dll" })
        {
            Assert.True(File.Exists(Path.Combine(rewritten, runtimeFile)), $"{runtimeFile} missing from the rewritten folder");
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(Path.Combine(published, runtimeFile))),
                SHA256.HashData(File.ReadAllBytes(Path.Combine(rewritten, runtimeFile))));
        }
        Assert.True(File.Exists(Path.Combine(rewritten, PosixGuestRuns.Name + ".exe")), "the apphost is kept");
        Assert.True(File.Exists(Path.Combine(rewritten, "ApiBridge.Shims.Posix.dll")), "the libc shims are placed beside the guest");
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(rewritten, PosixGuestRuns.Name + ".deps.json")));
        Assert.Contains("ApiBridge.Shims.Posix.dll", deps.RootElement.GetRawText());
    }

    [Fact]
    public void WinTimeGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun()
    {
        var scenario = WinTimeGuest.Full;
        var reference = WinTimeGuest.UnderWine(scenario);
        var folder = PosixGuestRuns.RewrittenWindowsPublish(WinTimeGuest.Name);
        var bridged = WineHost.Instance.Run(Path.Combine(folder, WinTimeGuest.Name + ".exe"), scenario.Args, scenario.Stdin);
        Report();
        TranscriptAssert.Equal(Transcript.Of(reference), Transcript.Of(bridged), "unmodified under Wine", "rewritten under Wine", bridged.Describe());
        Assert.Equal(reference.ExitCode, bridged.ExitCode);
    }

    /// <summary>
    /// The Windows guests whose rewritten win-x64 publish folder runs under Wine here (WinTimeGuest, with its arguments
    /// and stdin, has its own test above).
    /// </summary>
    private static readonly string[] WindowsGuestNames = [WinFileGuestTests.Name, WinProcessGuestTests.Name, WinRegistryGuestTests.Name, WinManagedGuestTests.Name, WinConsoleGuestTests.Name, WinSyncGuestTests.Name];

    public static TheoryData<string> WindowsGuests => new(WindowsGuestNames);

    /// <summary>
    /// Windows guest rewritten, on a Windows host: the publish folder rewritten once, its own apphost started under Wine,
    /// against the unmodified publish under Wine. WinProcessGuest's and WinSyncGuest's children are their own rewritten
    /// apphost, started by the bridge's CreateProcessW as Windows starts any program; WinSyncGuest's two processes meet
    /// in the host's named objects.
    /// </summary>
    [Theory]
    [MemberData(nameof(WindowsGuests))]
    public void WindowsGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun(string guest)
    {
        var reference = UnmodifiedUnderWine(guest);
        var folder = PosixGuestRuns.RewrittenWindowsPublish(guest);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var bridged = WineHost.Instance.Run(Path.Combine(folder, guest + ".exe"), [], timeout: TimeSpan.FromMinutes(5));
        PosixGuestRuns.Timings[guest + " rewritten under Wine"] = clock.Elapsed;
        Report();
        TranscriptAssert.EqualExceptKnownGaps(Transcript.Of(reference), Transcript.Of(bridged), KnownGapsRewrittenUnderWine(guest),
            "unmodified under Wine", "rewritten under Wine", bridged.Describe());
        Assert.Equal(reference.ExitCode, bridged.ExitCode);
    }

    private static ProcessResult UnmodifiedUnderWine(string guest) => guest switch
    {
        WinFileGuestTests.Name => WinFileGuestTests.UnmodifiedUnderWine,
        WinProcessGuestTests.Name => WinProcessGuestTests.UnmodifiedUnderWine,
        WinRegistryGuestTests.Name => WinRegistryGuestTests.UnmodifiedUnderWine,
        WinManagedGuestTests.Name => WinManagedGuestTests.UnmodifiedUnderWine,
        WinConsoleGuestTests.Name => WinConsoleGuestTests.UnmodifiedUnderWine,
        WinSyncGuestTests.Name => WinSyncGuestTests.UnmodifiedUnderWine,
        _ => throw new ArgumentException($"no Wine reference for {guest}", nameof(guest)),
    };

    /// <summary>
    /// What the kernel32 file shims do not do on a Windows host yet (README, Limits): a folder handle
    /// (FILE_FLAG_BACKUP_SEMANTICS) is not opened, and FindFirstFileW of a name without wildcards and GetLongPathNameW
    /// give back the letter case the guest typed where Windows gives the name's case on disk.
    /// </summary>
    private static string[] KnownGapsRewrittenUnderWine(string guest) => guest switch
    {
        WinFileGuestTests.Name => ["CreateFileW(folder) with backup semantics", @"listing of SUB\BETA.LOG", "GetLongPathNameW(existing)"],
        _ => [],
    };

    /// <summary>
    /// The matrix: for each bundled guest, the test that runs it in each cell that applies — its platform's other host
    /// (the Windows guest under `apibridge run` on Linux, the Linux guest rewritten under Wine) and the rewritten output
    /// back on its own platform's host.
    /// </summary>
    private static readonly Dictionary<string, string[]> Cells = new()
    {
        [WinTimeGuest.Name] = [nameof(BridgeTests.ApiBridgeRun_MatchesWine_LineForLine_WithExitCodeAndStdin), nameof(WinTimeGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun)],
        [WinFileGuestTests.Name] = [nameof(WinFileGuestTests.ApiBridgeRun_MatchesWine_LineForLine), nameof(WindowsGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun)],
        [WinProcessGuestTests.Name] = [nameof(WinProcessGuestTests.ApiBridgeRun_MatchesWine_LineForLine), nameof(WindowsGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun)],
        [WinRegistryGuestTests.Name] = [nameof(WinRegistryGuestTests.ApiBridgeRun_MatchesWine_LineForLine), nameof(WindowsGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun)],
        [WinManagedGuestTests.Name] = [nameof(WinManagedGuestTests.ApiBridgeRun_MatchesWine_LineForLine), nameof(WindowsGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun)],
        [WinConsoleGuestTests.Name] = [nameof(WinConsoleGuestTests.ApiBridgeRun_MatchesWine_LineForLine), nameof(WindowsGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun)],
        [WinSyncGuestTests.Name] = [nameof(WinSyncGuestTests.ApiBridgeRun_MatchesWine_LineForLine), nameof(WindowsGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun)],
        [PosixGuestRuns.Name] = [nameof(PosixGuest_RewrittenWinX64Publish_UnderWine_MatchesNativeLinux), nameof(PosixGuest_RewrittenPortableBuild_OnLinux_MatchesNativeLinux)],
        [PosixManagedGuestTests.Name] = [nameof(PosixManagedGuestTests.RewrittenWinX64Publish_UnderWine_MatchesNativeLinux), nameof(PosixManagedGuestTests.ApiBridgeRun_OnLinux_MatchesNativeLinux)],
    };

    /// <summary>A guest added to guest-apps/ must be put in the matrix: no bundled guest is left out of a cell.</summary>
    [Fact]
    public void EveryBundledGuest_RunsInEveryCellThatAppliesToIt()
    {
        var bundled = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "guest-apps"))
            .Where(folder => File.Exists(Path.Combine(folder, Path.GetFileName(folder) + ".csproj")))
            .Select(folder => Path.GetFileName(folder)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(bundled, Cells.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.All(Cells, cell => Assert.Equal(2, cell.Value.Distinct().Count()));
        var inTheory = Cells.Where(c => c.Value.Contains(nameof(WindowsGuest_RewrittenWinX64Publish_UnderWine_MatchesItsUnmodifiedWineRun))).Select(c => c.Key);
        Assert.Equal(inTheory.Order(StringComparer.Ordinal), WindowsGuestNames.Order(StringComparer.Ordinal));
    }

    private void Report()
    {
        foreach (var (what, time) in PosixGuestRuns.Timings.OrderBy(t => t.Key, StringComparer.Ordinal))
            output.WriteLine($"{what}: {time.TotalSeconds:F1} s");
    }
}
