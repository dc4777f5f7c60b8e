using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Reports;

/// <summary>What <c>apibridge rewrite</c> tells the user: each rewritten assembly, its notes, what was set aside, and where the output is.</summary>
internal static class RewriteReport
{
    public static void Write(RewriteSummary summary, TextWriter output)
    {
        foreach (var outcome in summary.Outcomes.Where(o => o.Action != RewriteAction.Copied))
        {
            var what = outcome.Action == RewriteAction.Rewritten
                ? $"rewritten ({Count(outcome.BoundImports, "import")} bound)"
                : "already rewritten, copied as is";
            if (outcome.RedirectedTypes.Count > 0)
                what += $", managed APIs redirected: {string.Join(", ", outcome.RedirectedTypes)}";
            output.WriteLine($"{Path.GetRelativePath(summary.OutputFolder, outcome.OutputPath)}: {what}");
            foreach (var note in outcome.Notes)
                output.WriteLine($"  note: {note}");
        }
        foreach (var folder in summary.SetAside)
            output.WriteLine($"{folder.RelativeFolder}: copied, not rewritten: {folder.Reason} ({Count(folder.Files, "file")})");
        output.WriteLine($"Wrote {summary.OutputFolder}: {Count(summary.Rewritten, "assembly", "assemblies")} rewritten, "
            + $"{Count(summary.BoundImports, "import")} bound, "
            + $"{Count(summary.AssembliesCopied, "assembly", "assemblies")} and {Count(summary.OtherFilesCopied, "other file")} copied unchanged, "
            + $"bridge assemblies added: {string.Join(", ", summary.PayloadFiles)}");
        if (summary.EntryAssembly is not null)
            output.WriteLine($"Run it with: dotnet {ShellWord.Quote(summary.EntryAssembly)}");
    }

    private static string Count(int count, string one, string? many = null) => $"{count} {(count == 1 ? one : many ?? one + "s")}";
}
