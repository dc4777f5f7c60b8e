using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Launching;

/// <summary>The rewritten copy of a guest in the run cache, made when missing (shared by <c>run</c> and <c>resolve</c>).</summary>
internal static class CachedGuest
{
    public static CacheEntry Get(string guest, string? cacheDirectory) => Get(guest, cacheDirectory, out _);

    /// <param name="usedDirectory">The cache folder used, passed on to the guest so the guests it starts share it.</param>
    public static CacheEntry Get(string guest, string? cacheDirectory, out string usedDirectory)
    {
        // The payload is read (with Cecil, the costly part of start-up) only when the guest is not in the cache.
        BridgePayload? payload = null;
        try
        {
            var cache = new RewriteCache(AppContext.BaseDirectory, () => payload ??= BridgePayload.Locate(), cacheDirectory);
            usedDirectory = cache.Directory;
            return cache.GetOrRewrite(guest);
        }
        finally
        {
            payload?.Dispose();
        }
    }
}
