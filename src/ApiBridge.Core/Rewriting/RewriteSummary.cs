using ApiBridge.Core.Loading;

namespace ApiBridge.Core.Rewriting;

/// <summary>The result of rewriting an input.</summary>
public sealed record RewriteSummary(string OutputFolder, string? EntryAssembly, IReadOnlyList<RewriteOutcome> Outcomes, IReadOnlyList<string> PayloadFiles)
{
    public int Rewritten => Outcomes.Count(o => o.Action == RewriteAction.Rewritten);

    public int AlreadyRewritten => Outcomes.Count(o => o.Action == RewriteAction.AlreadyRewritten);

    public int BoundImports => Outcomes.Sum(o => o.BoundImports);

    /// <summary>Assemblies of the app copied as they are (nothing to bind, or rewritten by an earlier run).</summary>
    public int AssembliesCopied => Outcomes.Count - Rewritten;

    /// <summary>Every other file copied as it is: native libraries, data, configuration, and what <see cref="SetAside"/> holds.</summary>
    public int OtherFilesCopied { get; init; }

    /// <summary>Subfolders copied without being rewritten because they are not the app's own.</summary>
    public IReadOnlyList<SetAsideSummary> SetAside { get; init; } = Array.Empty<SetAsideSummary>();

    /// <summary>References of the app's assemblies that neither the folder nor the runtime holds.</summary>
    public IReadOnlyList<MissingReference> MissingReferences { get; init; } = Array.Empty<MissingReference>();

    /// <summary>What <c>--target</c> changed (null without it).</summary>
    public Retargeting.RetargetResult? Retarget { get; init; }

    /// <summary>Runtime-pack files of the input left out, because the output names another runtime or the shared framework.</summary>
    public int RuntimeFilesLeftOut { get; init; }

    /// <summary>Every file written, relative to the output, with what happened to it (for <c>rewrite --verbose</c>).</summary>
    public IReadOnlyList<(string File, string How)> Listing { get; init; } = Array.Empty<(string, string)>();
}

/// <summary>A subfolder copied, not rewritten: where, why, and how many files it holds.</summary>
public sealed record SetAsideSummary(string RelativeFolder, string Reason, int Files)
{
    public static IReadOnlyList<SetAsideSummary> Of(IEnumerable<GuestFile> files) =>
        files.Where(f => f.OutsideApp is not null)
            .GroupBy(f => f.OutsideApp!.RelativeFolder, StringComparer.Ordinal)
            .Select(g => new SetAsideSummary(g.Key, g.First().OutsideApp!.Reason, g.Count()))
            .OrderBy(s => s.RelativeFolder, StringComparer.Ordinal)
            .ToList();
}
