namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>A guest's stdout as lines (line endings normalized, trailing blank lines dropped).</summary>
public sealed class Transcript
{
    public IReadOnlyList<string> Lines { get; }

    private Transcript(IReadOnlyList<string> lines) => Lines = lines;

    public static Transcript Of(string stdout)
    {
        var lines = stdout.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return new Transcript(lines);
    }

    public static Transcript Of(ProcessResult result) => Of(result.StdOut);

    /// <summary>The value of the first <c>name: value</c> line with this name, or null.</summary>
    public string? this[string name] =>
        Lines.FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal)) is { } line ? line[(name.Length + 2)..] : null;

    public override string ToString() => string.Join('\n', Lines);
}

/// <summary>Transcript assertions whose failure messages show a readable line diff.</summary>
public static class TranscriptAssert
{
    public static void Equal(Transcript expected, Transcript actual, string expectedLabel, string actualLabel, string? context = null)
    {
        if (expected.Lines.SequenceEqual(actual.Lines, StringComparer.Ordinal)) return;
        string diff = LineDiff.Unified(expected.Lines, actual.Lines, expectedLabel, actualLabel);
        Assert.Fail($"Transcripts differ ({expectedLabel} vs {actualLabel}):\n{diff}" + (context is null ? "" : $"\n\n{context}"));
    }

    /// <summary>
    /// Equal, except for the lines whose label (the text before ": ") is in <paramref name="knownGaps"/>: documented
    /// differences the bridge does not close yet. Such a line is dropped from both sides; the assertion also fails when
    /// a known gap no longer differs, so the list only ever shrinks.
    /// </summary>
    public static void EqualExceptKnownGaps(Transcript expected, Transcript actual, IReadOnlyCollection<string> knownGaps,
        string expectedLabel, string actualLabel, string? context = null)
    {
        bool IsGap(string line) => knownGaps.Any(gap => line.StartsWith(gap + ": ", StringComparison.Ordinal));
        var closed = knownGaps.Where(gap => expected.Lines.Where(l => l.StartsWith(gap + ": ", StringComparison.Ordinal))
            .SequenceEqual(actual.Lines.Where(l => l.StartsWith(gap + ": ", StringComparison.Ordinal)))).ToList();
        Equal(Transcript.Of(string.Join('\n', expected.Lines.Where(l => !IsGap(l)))), Transcript.Of(string.Join('\n', actual.Lines.Where(l => !IsGap(l)))),
            expectedLabel, actualLabel, context);
        Assert.True(closed.Count == 0, "known gaps that no longer differ (remove them from the list):\n" + string.Join('\n', closed));
    }

    public static void ContainsLines(Transcript transcript, IEnumerable<string> expectedLines, string label, string? context = null)
    {
        var missing = expectedLines.Where(l => !transcript.Lines.Contains(l, StringComparer.Ordinal)).ToList();
        if (missing.Count == 0) return;
        Assert.Fail($"{label}: {missing.Count} expected line(s) missing:\n" + string.Join('\n', missing.Select(l => "  " + l)) +
            $"\n\nfull transcript:\n{transcript}" + (context is null ? "" : $"\n\n{context}"));
    }
}
