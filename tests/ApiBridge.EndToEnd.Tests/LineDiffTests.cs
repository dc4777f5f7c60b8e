using ApiBridge.EndToEnd.Tests.Infrastructure;
using Xunit.Sdk;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>The harness's own diff: a transcript mismatch must read as a diff, not as two blobs.</summary>
public sealed class LineDiffTests
{
    [Fact]
    public void Unified_ShowsChangedLinesWithContext()
    {
        string[] wine = ["a: 1", "b: 2", "c: 3", "d: 4", "e: 5", "f: 6", "g: 7", "h: 8"];
        string[] bridge = ["a: 1", "b: 2", "c: 3", "d: FOUR", "e: 5", "f: 6", "g: 7", "h: 8", "i: extra"];

        string diff = LineDiff.Unified(wine, bridge, "wine", "bridge", contextLines: 1);

        Assert.Contains("- d: 4\n+ d: FOUR\n", diff);
        Assert.Contains("  c: 3\n", diff);
        Assert.Contains("+ i: extra\n", diff);
        Assert.DoesNotContain("a: 1", diff);
        Assert.Contains("(3 line(s) differ)", diff);
    }

    [Fact]
    public void TranscriptAssert_Equal_FailsWithTheDiff()
    {
        var expected = Transcript.Of("x: 1\r\ny: 2\r\n");
        var actual = Transcript.Of("x: 1\ny: 3\n\n");

        var e = Assert.Throws<FailException>(() => TranscriptAssert.Equal(expected, actual, "wine", "bridge"));
        Assert.Contains("- y: 2\n+ y: 3", e.Message);
        TranscriptAssert.Equal(Transcript.Of("x: 1\r\n"), Transcript.Of("x: 1\n"), "crlf", "lf");
    }
}
