using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Reports;

/// <summary>What <c>apibridge rewrite</c> tells the user: each rewritten assembly, its notes, what was set aside, and where the output is.</summary>
internal static class RewriteReport
{
    public static void Write(RewriteSummary summary, TextWriter output, bool verbose = false)
    {
        if (verbose)
        {
            var width = summary.Listing.Select(l => l.File.Length).DefaultIfEmpty(0).Max();
            foreach (var (file, how) in summary.Listing)
                output.WriteLine($"  {file.PadRight(width)}  {how}");
        }
        foreach (var outcome in summary.Outcomes.Where(o => o.Action != RewriteAction.Copied))
        {
            var what = outcome.Action == RewriteAction.Rewritten
                ? $"rewritten ({Count(outcome.BoundImports, "import")} bound)"
                : "already rewritten, copied as is";
            if (outcome.RedirectedTypes.Count > 0)
                what += $", managed APIs redirected: {string.Join(", ", outcome.RedirectedTypes)}";
            if (outcome.NativePathCalls.Count > 0)
                what += $", native path arguments translated: {string.Join(", ", outcome.NativePathCalls.Select(c => c.EntryPoint))}";
            if (outcome.ForkSites.Count(f => f.Spawns) is > 0 and var spawns)
                what += $", fork+exec turned into a spawn: {Count(spawns, "site")}";
            output.WriteLine($"{Path.GetRelativePath(summary.OutputFolder, outcome.OutputPath)}: {what}");
            foreach (var fork in outcome.ForkSites.Where(f => !f.Spawns))
                output.WriteLine($"  note: {fork.EntryPoint} in {fork.Location.Method} stays ENOSYS: {fork.Reason}");
            foreach (var note in outcome.Notes)
                output.WriteLine($"  note: {note}");
        }
        foreach (var folder in summary.SetAside)
            output.WriteLine($"{folder.RelativeFolder}: copied, not rewritten: {folder.Reason} ({Count(folder.Files, "file")})");
        foreach (var missing in summary.MissingReferences)
            output.WriteLine($"warning: {missing.Describe()}");
        if (summary.Retarget is { } retarget)
        {
            var how = retarget.SelfContained ? "self-contained, with its runtime" : "framework-dependent";
            var from = retarget.SourceRid is null ? "" : $" from {retarget.SourceRid}";
            output.WriteLine($"Retargeted{from} to {retarget.Target.Rid} ({how}): {Count(retarget.Added.Count, "file")} added "
                + $"(apphost {retarget.AppHost}), {Count(summary.RuntimeFilesLeftOut + retarget.Removed.Count, "file")} of the source platform left out");
            foreach (var note in retarget.Notes)
                output.WriteLine($"  note: {note}");
        }
        else if (summary.RuntimeFilesLeftOut > 0)
            output.WriteLine($"{Count(summary.RuntimeFilesLeftOut, "runtime-pack file")} left out: the output names the shared framework");
        output.WriteLine($"Wrote {summary.OutputFolder}: {Count(summary.Rewritten, "assembly", "assemblies")} rewritten, "
            + $"{Count(summary.BoundImports, "import")} bound, "
            + $"{Count(summary.AssembliesCopied, "assembly", "assemblies")} and {Count(summary.OtherFilesCopied, "other file")} copied unchanged, "
            + $"bridge assemblies added: {string.Join(", ", summary.PayloadFiles)}");
        if (summary.Retarget is { AppHost: { } host } && summary.EntryAssembly is not null)
        {
            var path = Path.Combine(Path.GetDirectoryName(summary.EntryAssembly)!, host);
            output.WriteLine(summary.Retarget.Target.IsWindows ? $"Run it on Windows with: {path}" : $"Run it with: {ShellWord.Quote(path)}");
        }
        else if (summary.EntryAssembly is not null)
            output.WriteLine($"Run it with: dotnet {ShellWord.Quote(summary.EntryAssembly)}");
    }

    private static string Count(int count, string one, string? many = null) => $"{count} {(count == 1 ? one : many ?? one + "s")}";
}
