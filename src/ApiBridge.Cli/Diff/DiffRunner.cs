using ApiBridge.Core.Analysis;
using ApiBridge.Core.Loading;

namespace ApiBridge.Cli.Diff;

/// <summary>What <c>apibridge diff</c> was asked for. <see cref="Record"/>: keep the reference run in this folder
/// instead of comparing; <see cref="Against"/>: compare with the reference run recorded in this folder.</summary>
internal sealed record DiffRequest(string Guest, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment,
    string? StdinFile, TimeSpan Timeout, CompareRules Rules, string? Wine, string? Record = null, string? Against = null, int Repeat = 1);

/// <summary>
/// Runs the reference and then the bridged side of one guest in the same working folder, watches the folders the
/// guest can see, and compares. Everything it made is gone when it returns, whatever the outcome.
/// </summary>
internal static class DiffRunner
{
    /// <summary>
    /// Runs the reference (or reads its recording) and then the bridged side, each <see cref="DiffRequest.Repeat"/>
    /// times, and compares the first reference run with every bridged run. The result shown is the first bridged run
    /// that differs (else the first); aspects in which the reference runs disagree among themselves are its
    /// <see cref="DiffResult.Flaky"/> ones.
    /// </summary>
    public static DiffResult Run(DiffRequest request, Action<string> progress, CancellationToken cancel)
    {
        var (guest, platform) = Identify(request);
        using var scratch = new DiffScratch();
        var references = new List<SideResult>();
        if (request.Against is { } bundle)
        {
            var recorded = ReferenceBundle.Load(bundle, guest);
            request = RepeatRecorded(request, recorded, bundle);
            references.Add(recorded.Reference);
        }
        else
        {
            for (var run = 0; run < request.Repeat; run++)
            {
                scratch.Reset();
                references.Add(RunReference(request, guest, platform, scratch, progress, cancel));
            }
        }
        var comparisons = new List<DiffResult>();
        var runs = request.Against is null ? references.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Outcome.Elapsed) : TimeSpan.Zero;
        for (var run = 0; run < request.Repeat; run++)
        {
            scratch.Reset();
            var bridged = DiffSides.Bridged(platform, guest, request.Arguments, scratch, request.Environment, request.Wine, progress);
            var bridgedResult = RunSide(bridged, scratch, request, progress, cancel);
            runs += bridgedResult.Outcome.Elapsed;
            comparisons.Add(DiffComparison.Compare(references[0], bridgedResult, request.Rules));
        }
        var flaky = references.Skip(1)
            .SelectMany(other => DiffComparison.Compare(references[0], other, request.Rules).Aspects.Where(a => !a.Same).Select(a => a.Name))
            .ToHashSet(StringComparer.Ordinal);
        return (comparisons.FirstOrDefault(c => !c.Same) ?? comparisons[0]) with { Flaky = flaky, RunsElapsed = runs };
    }

    /// <summary>Runs only the reference and keeps it as a bundle in <see cref="DiffRequest.Record"/>.</summary>
    public static SideResult Record(DiffRequest request, Action<string> progress, CancellationToken cancel)
    {
        var (guest, platform) = Identify(request);
        ReferenceBundle.CheckCanRecord(Path.GetFullPath(request.Record!));
        using var scratch = new DiffScratch();
        var reference = RunReference(request, guest, platform, scratch, progress, cancel);
        ReferenceBundle.Save(Path.GetFullPath(request.Record!), request, guest, reference);
        return reference;
    }

    private static (string Guest, string Platform) Identify(DiffRequest request)
    {
        // Both sides start in the scratch working folder: a relative guest path means the caller's folder.
        var guest = Path.GetFullPath(request.Guest);
        var input = GuestInput.Resolve(guest);
        return (guest, GuestPlatformDetector.Detect(input));
    }

    private static SideResult RunReference(DiffRequest request, string guest, string platform, DiffScratch scratch, Action<string> progress, CancellationToken cancel)
    {
        var reference = DiffSides.Reference(platform, guest, request.Arguments, scratch, request.Environment, request.Wine, progress);
        var result = RunSide(reference, scratch, request, progress, cancel);
        if (result.Outcome.TimedOut)
            throw new DiffUnavailableException($"the reference run ({reference.Name}) did not end within {request.Timeout.TotalSeconds:0} s and was stopped");
        return result;
    }

    /// <summary>A bridged run against a recording repeats it: its arguments, environment and stdin, unless the
    /// command line gives its own, which must then be the same.</summary>
    private static DiffRequest RepeatRecorded(DiffRequest request, ReferenceBundle.Recorded recorded, string bundle)
    {
        if (request.Arguments.Count == 0 && request.Environment.Count == 0 && request.StdinFile is null)
            return request with { Arguments = recorded.Arguments, Environment = recorded.Environment, StdinFile = recorded.StdinFile };
        ReferenceBundle.CheckSameRun(recorded, request, bundle);
        return request;
    }

    private static SideResult RunSide(DiffSide side, DiffScratch scratch, DiffRequest request, Action<string> progress, CancellationToken cancel)
    {
        var watched = side.Watched.Select(w => (w.HostFolder, w.GuestName, w.Separator)).ToList();
        var before = OwnWork.Measure("file snapshots", () => TreeSnapshot.Take(watched));
        var registryCache = Path.Combine(WinePrefixTemplate.CacheRoot(), "registry-exports");
        var registryBefore = side.RegistryPrefix is { } prefix ? OwnWork.Measure("registry snapshots", () => RegistrySnapshot.Take(prefix, registryCache, remember: true)) : null;
        ProcessOutcome outcome;
        try
        {
            outcome = GuestProcess.Run(side.Program, side.Arguments, scratch.Work, side.Environment, request.StdinFile, request.Timeout, cancel);
        }
        finally
        {
            OwnWork.Measure("clearing up", side.CleanUp);
        }
        cancel.ThrowIfCancellationRequested();
        progress($"{side.Name}: exit {(outcome.TimedOut ? "timed out" : outcome.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))} in {outcome.Elapsed.TotalSeconds:0.00} s");
        var registryChanges = registryBefore is null ? null : OwnWork.Measure("registry snapshots", () => RegistrySnapshot.Changes(registryBefore, RegistrySnapshot.Take(side.RegistryPrefix!, registryCache)));
        var changes = OwnWork.Measure("file snapshots", () => TreeSnapshot.Changes(before, TreeSnapshot.Take(watched)));
        return new SideResult(side, outcome, changes, registryChanges);
    }
}
