using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>(a) The unmodified guest under Wine, the reference Windows host: the expected transcript, every time.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class WineReferenceTests
{
    [Theory]
    [MemberData(nameof(WinTimeGuest.ScenarioNames), MemberType = typeof(WinTimeGuest))]
    public void UnmodifiedGuest_UnderWine_PrintsTheExpectedTranscript(string scenarioName)
    {
        GuestScenario scenario = WinTimeGuest.All[scenarioName];
        ProcessResult run = WinTimeGuest.UnderWine(scenario);
        Transcript transcript = Transcript.Of(run);

        Assert.True(run.ExitCode == scenario.ExpectedExitCode,
            $"exit code {run.ExitCode}, expected {scenario.ExpectedExitCode} (ExitProcess)\n{run.Describe()}");
        TranscriptAssert.ContainsLines(transcript, WinTimeGuest.KeyLines(scenario), "WinTimeGuest under Wine", run.Describe());
        var falseChecks = transcript.Lines.Where(l => l.EndsWith(": False", StringComparison.Ordinal)).ToList();
        Assert.True(falseChecks.Count == 0, "checks that failed under Wine:\n" + string.Join('\n', falseChecks));
    }

    [Fact]
    public void UnmodifiedGuest_UnderWine_IsDeterministic()
    {
        ProcessResult first = WinTimeGuest.UnderWine(WinTimeGuest.Full);
        ProcessResult second = WinTimeGuest.RunUnderWine(WinTimeGuest.Full);

        TranscriptAssert.Equal(Transcript.Of(first), Transcript.Of(second), "wine run 1", "wine run 2");
        Assert.Equal(first.ExitCode, second.ExitCode);
    }
}
