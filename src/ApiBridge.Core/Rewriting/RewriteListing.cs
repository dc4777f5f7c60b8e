namespace ApiBridge.Core.Rewriting;

/// <summary>
/// Which way each file of a rewrite's output went — rewritten, copied as it is, added — for <c>rewrite --verbose</c>:
/// a user shipping the output can see what of it is theirs, what is the bridge's and what the target's runtime.
/// </summary>
internal static class RewriteListing
{
    public static IReadOnlyList<(string File, string How)> Of(string staging, IReadOnlyList<RewriteOutcome> outcomes, IReadOnlySet<string> copied,
        IReadOnlyList<string> payload, Retargeting.RetargetResult? retarget)
    {
        var listing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in copied)
            listing[file] = "copied unchanged";
        foreach (var outcome in outcomes)
        {
            listing[Path.GetRelativePath(staging, outcome.OutputPath)] = outcome.Action switch
            {
                RewriteAction.Rewritten => $"rewritten ({outcome.BoundImports} imports bound)",
                RewriteAction.AlreadyRewritten => "already rewritten, copied unchanged",
                _ => "copied unchanged (no platform calls)",
            };
        }
        foreach (var file in payload)
            listing[file] = "added: bridge assembly";
        foreach (var file in listing.Keys.Where(f => f.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) && !f.Contains(Path.DirectorySeparatorChar)).ToList())
            listing[file] = retarget is null ? "updated: lists the bridge assemblies" : $"updated: lists the bridge assemblies and the {retarget.Target.Rid} files";
        if (retarget is { SelfContained: false })
        {
            foreach (var file in listing.Keys.Where(f => f.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase) && !f.Contains(Path.DirectorySeparatorChar)).ToList())
                listing[file] = "updated: names the shared framework";
        }
        if (retarget is not null)
        {
            foreach (var file in retarget.Removed)
                listing.Remove(file);
            foreach (var file in retarget.Added)
                listing[file] = file == retarget.AppHost ? $"added: {retarget.Target.Rid} apphost"
                    : new FileInfo(Path.Combine(staging, file)).LinkTarget is { } link ? $"added: link to {link} (the program the guest sees as its own)"
                    : $"added: {retarget.Target.Rid} build";
        }
        // Only what is really in the output (a retarget may have replaced a file under the same name).
        return listing.Where(e => File.Exists(Path.Combine(staging, e.Key)))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, e.Value))
            .ToList();
    }
}
