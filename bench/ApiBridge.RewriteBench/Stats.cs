namespace ApiBridge.RewriteBench;

/// <summary>Timings of one measured operation: min and median over the iterations.</summary>
public sealed class Stats(string name)
{
    private readonly List<double> samples = new();

    public string Name { get; } = name;

    private readonly List<double> peaks = new();

    public void Add(TimeSpan elapsed) => samples.Add(elapsed.TotalMilliseconds);

    /// <summary>A whole-process sample: its wall time and its peak resident memory.</summary>
    public void Add(MeasuredProcess.Sample sample)
    {
        Add(sample.Elapsed);
        if (!double.IsNaN(sample.PeakMiB))
            peaks.Add(sample.PeakMiB);
    }

    /// <summary>The median peak resident memory in MiB, or NaN when the host could not tell.</summary>
    public double PeakMedian => peaks.Count == 0 ? double.NaN : MedianOf(peaks);

    public int Count => samples.Count;

    public double Min => samples.Min();

    public double Median => MedianOf(samples);

    private static double MedianOf(List<double> values)
    {
        var sorted = values.OrderBy(s => s).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>A plain text table, columns padded to their widest cell.</summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> rows = new();

    public void Add(params string[] cells) => rows.Add(cells);

    public void Print(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Length > i ? r[i].Length : 0))).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        writer.WriteLine(Line(headers));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
            writer.WriteLine(Line(row));
    }
}
