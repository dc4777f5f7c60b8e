namespace ApiBridge.Core.Rewriting;

/// <summary>The result of rewriting an input.</summary>
public sealed record RewriteSummary(string OutputFolder, string? EntryAssembly, IReadOnlyList<RewriteOutcome> Outcomes, IReadOnlyList<string> PayloadFiles)
{
    public int Rewritten => Outcomes.Count(o => o.Action == RewriteAction.Rewritten);

    public int AlreadyRewritten => Outcomes.Count(o => o.Action == RewriteAction.AlreadyRewritten);

    public int BoundImports => Outcomes.Sum(o => o.BoundImports);
}
