namespace ApiBridge.Core.Retargeting;

/// <summary>What retargeting changed in an output folder (paths relative to it), and what the user should know.</summary>
public sealed record RetargetResult(TargetRuntime Target, string? SourceRid, bool SelfContained, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Notes)
{
    /// <summary>The apphost written for the target, relative to the output.</summary>
    public string? AppHost { get; init; }
}
