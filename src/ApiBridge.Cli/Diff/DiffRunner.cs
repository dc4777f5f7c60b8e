using ApiBridge.Core.Analysis;
using ApiBridge.Core.Loading;

namespace ApiBridge.Cli.Diff;

/// <summary>What <c>apibridge diff</c> was asked for.</summary>
internal sealed record DiffRequest(string Guest, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment,
    string? StdinFile, TimeSpan Timeout, CompareRules Rules, string? Wine);

/// <summary>
/// Runs the reference and then the bridged side of one guest in the same working folder, watches the folders the
/// guest can see, and compares. Everything it made is gone when it returns, whatever the outcome.
/// </summary>
internal static class DiffRunner
{
    public static DiffResult Run(DiffRequest request, Action<string> progress, CancellationToken cancel)
    {
        // Both sides start in the scratch working folder: a relative guest path means the caller's folder.
        var guest = Path.GetFullPath(request.Guest);
        var input = GuestInput.Resolve(guest);
        var platform = GuestPlatformDetector.Detect(input);
        using var scratch = new DiffScratch();
        var reference = DiffSides.Reference(platform, guest, request.Arguments, scratch, request.Environment, request.Wine);
        var referenceResult = RunSide(reference, scratch, request, progress, cancel);
        if (referenceResult.Outcome.TimedOut)
            throw new DiffUnavailableException($"the reference run ({reference.Name}) did not end within {request.Timeout.TotalSeconds:0} s and was stopped");
        scratch.ResetShared();
        var bridged = DiffSides.Bridged(platform, guest, request.Arguments, scratch, request.Environment);
        var bridgedResult = RunSide(bridged, scratch, request, progress, cancel);
        return DiffComparison.Compare(referenceResult, bridgedResult, request.Rules);
    }

    private static SideResult RunSide(DiffSide side, DiffScratch scratch, DiffRequest request, Action<string> progress, CancellationToken cancel)
    {
        var watched = side.Watched.Select(w => (w.HostFolder, w.GuestName, w.Separator)).ToList();
        var before = TreeSnapshot.Take(watched);
        var registryBefore = side.RegistryPrefix is { } prefix ? RegistrySnapshot.Take(prefix) : null;
        ProcessOutcome outcome;
        try
        {
            outcome = GuestProcess.Run(side.Program, side.Arguments, scratch.Work, side.Environment, request.StdinFile, request.Timeout, cancel);
        }
        finally
        {
            side.CleanUp();
        }
        cancel.ThrowIfCancellationRequested();
        progress($"{side.Name}: exit {(outcome.TimedOut ? "timed out" : outcome.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))} in {outcome.Elapsed.TotalSeconds:0.00} s");
        var registryChanges = registryBefore is null ? null : RegistrySnapshot.Changes(registryBefore, RegistrySnapshot.Take(side.RegistryPrefix!));
        return new SideResult(side, outcome, TreeSnapshot.Changes(before, TreeSnapshot.Take(watched)), registryChanges);
    }
}
