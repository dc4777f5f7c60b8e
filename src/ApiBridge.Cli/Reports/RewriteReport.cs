using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Reports;

/// <summary>What <c>apibridge rewrite</c> tells the user: each rewritten assembly, its notes, and where the output is.</summary>
internal static class RewriteReport
{
    public static void Write(RewriteSummary summary, TextWriter output)
    {
        foreach (var outcome in summary.Outcomes.Where(o => o.Action != RewriteAction.Copied))
        {
            var what = outcome.Action == RewriteAction.Rewritten
                ? $"rewritten ({outcome.BoundImports} import{(outcome.BoundImports == 1 ? "" : "s")} bound)"
                : "already rewritten, copied as is";
            if (outcome.RedirectedTypes.Count > 0)
                what += $", managed APIs redirected: {string.Join(", ", outcome.RedirectedTypes)}";
            output.WriteLine($"{Path.GetRelativePath(summary.OutputFolder, outcome.OutputPath)}: {what}");
            foreach (var note in outcome.Notes)
                output.WriteLine($"  note: {note}");
        }
        output.WriteLine($"Wrote {summary.OutputFolder}: {summary.Rewritten} assembl{(summary.Rewritten == 1 ? "y" : "ies")} rewritten, "
            + $"{summary.BoundImports} imports bound, {summary.Outcomes.Count - summary.Rewritten} copied unchanged, "
            + $"bridge assemblies added: {string.Join(", ", summary.PayloadFiles)}");
        if (summary.EntryAssembly is not null)
            output.WriteLine($"Run it with: dotnet {summary.EntryAssembly}");
    }
}
