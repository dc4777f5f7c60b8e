namespace ApiBridge.Core.Rewriting;

/// <summary>How <see cref="AppRewriter"/> treats its output.</summary>
public sealed record RewriteOptions
{
    /// <summary>Replace a non-empty output folder (it is swapped only once the new output is complete).</summary>
    public bool Force { get; init; }

    /// <summary>Told about each assembly as it is done (for progress display).</summary>
    public IProgress<RewriteOutcome>? Progress { get; init; }
}
