using System.Text;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace ApiBridge.Cli.Diff;

/// <summary>A unified-style line diff (DiffPlex): <c>-</c> the reference's lines, <c>+</c> the bridged run's, three lines of context.</summary>
internal static class LineDiff
{
    private const int Context = 3;

    public static string Unified(string reference, string bridged)
    {
        var model = InlineDiffBuilder.Diff(reference, bridged, ignoreWhiteSpace: false, ignoreCase: false);
        var lines = model.Lines;
        // Text that ends with a newline ends with an empty "line" on both sides: not worth a context line.
        if (lines.Count > 0 && lines[^1].Type is ChangeType.Unchanged && lines[^1].Text.Length == 0)
            lines = lines.Take(lines.Count - 1).ToList();
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type is ChangeType.Unchanged)
                continue;
            for (var j = Math.Max(0, i - Context); j <= Math.Min(lines.Count - 1, i + Context); j++)
                keep[j] = true;
        }
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!keep[i])
            {
                if (i > 0 && keep[i - 1])
                    text.Append("@@\n");
                continue;
            }
            var marker = lines[i].Type switch { ChangeType.Deleted => '-', ChangeType.Inserted => '+', _ => ' ' };
            text.Append(marker).Append(lines[i].Text).Append('\n');
        }
        return text.ToString();
    }
}
