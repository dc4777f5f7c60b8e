using ApiBridge.Core.Loading;
using ApiBridge.Core.Output;
using ApiBridge.Run.Cache;

namespace ApiBridge.Core.Rewriting;

/// <summary>
/// Rewritten apps for <c>apibridge run</c>, keyed by content (<see cref="CacheKey"/>: the guest assembly's bytes, the
/// name, size and time of every other file of its app folder, and the bridge payload). A second start of an unchanged guest finds its
/// entry and rewrites nothing. Entries appear atomically (staged, then renamed), so concurrent runs of one guest
/// either reuse a complete entry or race to create one, and the loser's copy is discarded. The payload is identified
/// by the names, sizes and times of the files in its folder (the rewriter's own assemblies included, so a new
/// ApiBridge never reuses an old entry), so a cache hit reads no payload assembly: start-up is what `run` costs.
/// Each entry records the guest it was made from and its size (<see cref="CacheEntryStatus"/>), and is handed out
/// marked in use (<see cref="CacheEntryUse"/>), so that <see cref="CacheCleaner"/> never removes it under a guest.
/// </summary>
public sealed class RewriteCache
{
    private readonly string payloadDirectory;
    private readonly Func<BridgePayload> loadPayload;

    public RewriteCache(BridgePayload payload, string? directory = null)
        : this(payload.Directory, () => payload, directory)
    {
    }

    /// <param name="payloadDirectory">The rewriter's folder, with the payload folder in it, or the payload's folder itself (for the cache key).</param>
    /// <param name="loadPayload">Loads the payload; called only when a guest has to be rewritten.</param>
    /// <param name="directory">The cache folder (default: <see cref="CacheLocation.DefaultDirectory"/>).</param>
    public RewriteCache(string payloadDirectory, Func<BridgePayload> loadPayload, string? directory = null)
    {
        this.payloadDirectory = payloadDirectory;
        this.loadPayload = loadPayload;
        Directory = CacheLocation.Resolve(directory);
    }

    public string Directory { get; }

    /// <summary>
    /// The rewritten entry assembly for <paramref name="guestPath"/>, rewriting only when no entry exists, marked in
    /// use (<see cref="CacheEntryUse"/>: no clean-up removes it until the returned entry, or the guest the process execs
    /// into, is gone) and used now.
    /// </summary>
    public CacheEntry GetOrRewrite(string guestPath)
    {
        var input = GuestInput.Resolve(guestPath);
        RunnableApp.Check(input, guestPath);
        var slot = CacheSlot.For(Directory, payloadDirectory, input.Layout);
        var options = new RewriteOptions { RetargetToHostFramework = true, OmitNestedApps = true, ManagedView = Runtime.BridgeVariables.ManagedViewEnabled };
        return Use(slot, guestPath, input.EntryAssembly!, options); // RunnableApp.Check refuses a folder
    }

    /// <summary>
    /// The rewritten copy of a plugin a bridged guest loads by path (<c>Assembly.LoadFrom</c>), in an entry of its own:
    /// the plugin gets its host's platform view (<paramref name="platform"/>, whatever its own P/Invokes would suggest),
    /// and its entry is keyed by its own files, so one plugin shared by several apps is rewritten once. A plugin is a
    /// library, not an app: only it and its PDB are in the entry (its dependencies are found where the host loads them).
    /// </summary>
    public CacheEntry GetOrRewritePlugin(string pluginPath, string platform)
    {
        if (platform is not (Analysis.GuestPlatformDetector.Windows or Analysis.GuestPlatformDetector.Posix))
            throw new GuestInputException($"{platform}: not a guest platform (windows or posix)");
        var input = GuestInput.Resolve(pluginPath);
        if (input.EntryAssembly is not { } assembly)
            throw new GuestInputException($"{pluginPath}: a plugin is an assembly (.dll), not a folder");
        var slot = CacheSlot.For(Directory, payloadDirectory, input.Layout, "plugin " + platform);
        // The managed view follows the host guest's (the CLI that resolves sees the same APIBRIDGE_MANAGED_VIEW).
        var options = new RewriteOptions { GuestPlatform = platform, ManagedView = Runtime.BridgeVariables.ManagedViewEnabled };
        return Use(slot, pluginPath, assembly, options);
    }

    private CacheEntry Use(CacheSlot slot, string guestPath, string entryAssembly, RewriteOptions options)
    {
        // Another process may remove the entry between finding (or making) it and marking it used: then look again.
        for (var attempt = 1; ; attempt++)
        {
            var reused = slot.IsComplete;
            if (!reused)
                Rewrite(guestPath, slot, options);
            var use = CacheEntryUse.Begin(slot);
            if (use is not null)
                return new CacheEntry(slot.EntryAssembly, entryAssembly, reused, slot.Folder, use);
            if (attempt == MaxAttempts)
                throw new IOException($"{slot.Folder}: the cache entry was removed {MaxAttempts} times as it was made (is another process cleaning the cache?)");
        }
    }

    private const int MaxAttempts = 3;

    private void Rewrite(string guestPath, CacheSlot slot, RewriteOptions options)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var privateFolder = Path.Combine(Directory, $".apibridge-build-{StagingFolder.OwnerTag()}");
        StagingFolder.CleanStale(privateFolder); // builds, staging folders and removals of killed runs
        try
        {
            RewriteInto(privateFolder, guestPath, slot, options);
            CacheEntryStatus.WriteRecord(privateFolder, guestPath);
            try
            {
                System.IO.Directory.Move(privateFolder, slot.Folder);
            }
            catch (IOException) when (slot.IsComplete)
            {
                // Another run of the same guest finished first; its entry is identical.
            }
        }
        finally
        {
            if (System.IO.Directory.Exists(privateFolder))
                System.IO.Directory.Delete(privateFolder, recursive: true);
        }
    }

    private void RewriteInto(string privateFolder, string guestPath, CacheSlot slot, RewriteOptions options)
    {
        try
        {
            new AppRewriter(loadPayload()).Rewrite(guestPath, privateFolder, options);
        }
        catch (Exception error) when (StagingPaths.Mentions(error, privateFolder))
        {
            throw StagingPaths.Renamed(error, privateFolder, slot.Folder); // the entry the user would look for, not the build folder
        }
    }
}

/// <summary>
/// A cached rewrite: the assembly to start, the original guest it stands for, whether it was reused, and the entry's
/// folder, held in use until disposed (or, on Linux, until the guest <c>run</c> execs into ends).
/// </summary>
public sealed record CacheEntry(string AssemblyPath, string OriginalPath, bool Reused, string Folder, CacheEntryUse Use) : IDisposable
{
    public void Dispose() => Use.Dispose();
}
