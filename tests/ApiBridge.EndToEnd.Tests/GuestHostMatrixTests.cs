using System.Security.Cryptography;
using System.Text.Json;
using ApiBridge.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// Windows and Linux guests × Windows (Wine) and Linux hosts, every cell compared line for line with the guest on its
/// own platform: PosixGuest natively on Linux is the reference for its bridged runs under Wine and on Linux;
/// WinTimeGuest unmodified under Wine is the reference for its rewritten publish folder under Wine (its Linux cell is
/// <see cref="BridgeTests.RewriteFolder_ThenRunWithDotnet_MatchesWine"/>). Wine missing = failure, never a skip.
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

    private void Report()
    {
        foreach (var (what, time) in PosixGuestRuns.Timings.OrderBy(t => t.Key, StringComparer.Ordinal))
            output.WriteLine($"{what}: {time.TotalSeconds:F1} s");
    }
}
