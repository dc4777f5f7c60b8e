using System.Globalization;
using ApiBridge.Run.Cache;

namespace ApiBridge.Cli.Reports;

/// <summary>How the cache commands and <c>run -v</c> describe cache entries.</summary>
internal static class CacheReports
{
    /// <summary>The lines <c>run -v</c> adds when the new entry pushed older ones out.</summary>
    public static IEnumerable<string> Evictions(CleanResult? evicted)
    {
        if (evicted is null)
            yield break;
        foreach (var entry in evicted.Removed)
            yield return $"apibridge: evicted {Describe(entry)}: the cache was over its cap ({CacheCap.Variable})";
        foreach (var entry in evicted.KeptInUse)
            yield return $"apibridge: kept {Describe(entry)}: in use";
    }

    /// <summary><c>/path/App.dll (12.3 MiB, last used 2025-01-31 14:05)</c></summary>
    public static string Describe(CacheEntryStatus entry) =>
        $"{entry.Guest ?? Path.GetFileName(entry.Folder)} ({CacheQuantities.FormatSize(entry.Size)}, last used {Time(entry.LastUsedUtc)})";

    public static string Time(DateTime utc) => utc.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary><c>apibridge cache list</c>: one line per entry, most recently used first, then the total.</summary>
    public static void WriteList(string cacheDirectory, IReadOnlyList<CacheEntryStatus> entries, long? capBytes, TextWriter output)
    {
        if (entries.Count > 0)
        {
            output.WriteLine($"{"LAST USED",-16}  {"SIZE",10}  {"IN USE",-6}  GUEST");
            foreach (var entry in entries.Reverse())
                output.WriteLine($"{Time(entry.LastUsedUtc),-16}  {CacheQuantities.FormatSize(entry.Size),10}  {(entry.InUse ? "yes" : "no"),-6}  {entry.Guest ?? "(unknown: " + Path.GetFileName(entry.Folder) + ")"}");
        }
        var cap = capBytes is { } bytes ? CacheQuantities.FormatSize(bytes) : "unlimited";
        output.WriteLine($"{entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}, {CacheQuantities.FormatSize(entries.Sum(e => e.Size))} in {cacheDirectory} (cap {cap})");
    }
}
