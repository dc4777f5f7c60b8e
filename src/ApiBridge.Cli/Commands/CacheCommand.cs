using System.CommandLine;
using ApiBridge.Cli.Reports;
using ApiBridge.Core;
using ApiBridge.Core.Output;
using ApiBridge.Run.Cache;

namespace ApiBridge.Cli.Commands;

/// <summary>
/// <c>apibridge cache list|clean</c>: what the run cache holds, and removing entries from it. Works on the cache
/// <c>run</c> uses (<c>--cache-dir</c>, else APIBRIDGE_CACHE, else the user's cache folder); an entry a running guest
/// uses is never removed (<see cref="CacheEntryUse"/>).
/// </summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var cacheDir = new Option<string>("--cache-dir") { Description = $"The cache to work on (default: ${CacheLocation.DirectoryVariable}, else ~/.cache/apibridge)", Recursive = true };

        var list = new Command("list", "List the cached guests: last used, size, whether a running guest uses it, the guest it was made from");
        list.SetAction(result => CliErrors.Guard(() =>
        {
            var directory = CacheLocation.Resolve(result.GetValue(cacheDir));
            CacheReports.WriteList(directory, CacheEntryStatus.ReadAll(directory), Cap(), Console.Out);
            return 0;
        }));

        var olderThan = new Option<string>("--older-than") { Description = $"Remove entries not used for this long ({CacheQuantities.DurationExamples})" };
        var all = new Option<bool>("--all") { Description = "Remove every entry" };
        var clean = new Command("clean", $"Remove cache entries no running guest uses: --all, those unused --older-than a duration, or (with neither) the least recently used until the cache fits ${CacheCap.Variable}")
        {
            olderThan,
            all,
        };
        clean.SetAction(result => CliErrors.Guard(() =>
        {
            var directory = CacheLocation.Resolve(result.GetValue(cacheDir));
            var age = result.GetValue(olderThan) is { } text ? Duration(text) : (TimeSpan?)null;
            if (age is not null && result.GetValue(all))
                throw new GuestInputException("cache clean: give --all or --older-than, not both");
            var outcome = result.GetValue(all) ? CacheCleaner.Remove(directory, _ => true)
                : age is { } span ? CacheCleaner.RemoveOlderThan(directory, span, DateTime.UtcNow)
                : Cap() is { } cap ? CacheCleaner.EvictToFit(directory, cap, keepFolder: null)
                : new CleanResult([], []);
            StagingFolder.CleanStale(Path.Combine(directory, "entry")); // what killed runs left: builds and removals
            foreach (var entry in outcome.Removed)
                Console.Out.WriteLine($"removed {CacheReports.Describe(entry)}");
            foreach (var entry in outcome.KeptInUse)
                Console.Out.WriteLine($"kept {CacheReports.Describe(entry)}: in use");
            var left = CacheEntryStatus.ReadAll(directory);
            Console.Out.WriteLine($"Removed {outcome.Removed.Count} entr{(outcome.Removed.Count == 1 ? "y" : "ies")} ({CacheQuantities.FormatSize(outcome.RemovedBytes)}); "
                + $"{left.Count} left ({CacheQuantities.FormatSize(left.Sum(e => e.Size))}) in {directory}");
            return 0;
        }));

        return new Command("cache", $"List or clean the cache of rewritten guests that run keeps (capped by ${CacheCap.Variable}, default 2G)") { cacheDir, list, clean };
    }

    private static TimeSpan Duration(string text) =>
        CacheQuantities.TryParseDuration(text, out var duration)
            ? duration
            : throw new GuestInputException($"--older-than {text}: not a duration ({CacheQuantities.DurationExamples})");

    private static long? Cap()
    {
        try
        {
            return CacheCap.FromEnvironment();
        }
        catch (FormatException error)
        {
            throw new GuestInputException(error.Message);
        }
    }
}
