using ApiBridge.Core;
using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting;
using ApiBridge.Run.Cache;

namespace ApiBridge.Cli.Launching;

/// <summary>
/// The rewritten copy of a guest in the run cache, made when missing (shared by <c>run</c> and <c>resolve</c>). A new
/// entry can push the cache over its cap (<see cref="CacheCap"/>): the least recently used entries no guest uses are
/// then removed.
/// </summary>
internal static class CachedGuest
{
    /// <param name="usedDirectory">The cache folder used, passed on to the guest so the guests it starts share it.</param>
    /// <param name="evicted">What the new entry pushed out, null when the guest was found in the cache.</param>
    public static CacheEntry Get(string guest, string? cacheDirectory, out string usedDirectory, out CleanResult? evicted) =>
        Get(cache => cache.GetOrRewrite(guest), cacheDirectory, out usedDirectory, out evicted);

    /// <summary>A plugin's rewritten copy for a host guest of <paramref name="platform"/> (<see cref="RewriteCache.GetOrRewritePlugin"/>).</summary>
    public static CacheEntry GetPlugin(string plugin, string platform, string? cacheDirectory, out CleanResult? evicted) =>
        Get(cache => cache.GetOrRewritePlugin(plugin, platform), cacheDirectory, out _, out evicted);

    private static CacheEntry Get(Func<RewriteCache, CacheEntry> find, string? cacheDirectory, out string usedDirectory, out CleanResult? evicted)
    {
        long? cap;
        try
        {
            cap = CacheCap.FromEnvironment(); // read first: a bad setting should not cost a rewrite
        }
        catch (FormatException error)
        {
            throw new GuestInputException(error.Message);
        }

        // The payload is read (with Cecil, the costly part of start-up) only when the guest is not in the cache.
        BridgePayload? payload = null;
        CacheEntry entry;
        try
        {
            var cache = new RewriteCache(AppContext.BaseDirectory, () => payload ??= BridgePayload.Locate(), cacheDirectory);
            usedDirectory = cache.Directory;
            entry = find(cache);
        }
        finally
        {
            payload?.Dispose();
        }
        evicted = !entry.Reused && cap is { } bytes ? CacheCleaner.EvictToFit(usedDirectory, bytes, keepFolder: entry.Folder) : null;
        return entry;
    }
}
