using ApiBridge.Core.Analysis;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Reports;

/// <summary>
/// Feeds a rewrite's or an analysis's progress to a <see cref="ProgressLine"/> on stderr. A rewrite works on several
/// assemblies at once: the name shown is the one most recently started of those still in hand, so a name on the line is
/// always one being worked on.
/// </summary>
internal sealed class ProgressBar : IProgress<RewriteProgress>, IProgress<AnalysisProgress>, IDisposable
{
    private readonly ProgressLine line;
    private readonly List<string> inHand = [];
    private int completed;

    public ProgressBar(TextWriter writer, bool terminal, Func<long>? milliseconds = null) =>
        line = new ProgressLine(writer, terminal, milliseconds);

    /// <summary>On stderr, drawn only when stderr is a terminal.</summary>
    public static ProgressBar ForTerminal() => new(Console.Error, terminal: !Console.IsErrorRedirected);

    public void Report(RewriteProgress value)
    {
        string? current;
        int done;
        lock (inHand)
        {
            if (value.Done)
                inHand.Remove(value.Assembly);
            else
                inHand.Add(value.Assembly);
            // Workers report out of order: the count only grows.
            completed = done = Math.Max(completed, value.Completed);
            current = inHand.Count > 0 ? inHand[^1] : null;
        }
        line.Show(done, value.Total, current);
    }

    /// <summary>The analyzer works on one assembly at a time and reports each as it starts, then once when all are done.</summary>
    public void Report(AnalysisProgress value) =>
        line.Show(value.Completed, value.Total, value.Completed < value.Total ? value.Current : null);

    public void Dispose() => line.Dispose();
}
