namespace ApiBridge.Core.Rewriting.Members;

/// <summary>How the managed view treats a member of a platform-dependent BCL type that a guest uses.</summary>
public enum ManagedMemberStatus
{
    /// <summary>Replaced by a hand-written shim (<c>Path.Combine</c> → the guest platform's rules).</summary>
    Shim,

    /// <summary>Called through a generated wrapper that translates its paths (<c>File.Exists</c>).</summary>
    PathsTranslated,

    /// <summary>A Windows-only BCL API with no shim: on a non-Windows host it throws PlatformNotSupportedException.</summary>
    NoShim,

    /// <summary>Left to the host: nothing about it depends on the platform, or no shim exists yet.</summary>
    Host,
}

/// <summary>One BCL member a guest uses, and what the managed view does with it.</summary>
public sealed record ManagedMemberUse(string Type, string Member, ManagedMemberStatus Status, string? Shim, int CallSites)
{
    /// <summary>Where the uses are (filled by a survey; a rewrite leaves it empty).</summary>
    public IReadOnlyList<Analysis.CallLocation> Sites { get; init; } = Array.Empty<Analysis.CallLocation>();
}
