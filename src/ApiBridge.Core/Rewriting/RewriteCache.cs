using System.Security.Cryptography;
using System.Text;
using ApiBridge.Core.Loading;
using ApiBridge.Core.Output;

namespace ApiBridge.Core.Rewriting;

/// <summary>
/// Rewritten apps for <c>apibridge run</c>, keyed by content: the guest assembly's bytes, the name, size and time
/// of every other file of its app folder, and the bridge payload. A second start of an unchanged guest finds its
/// entry and rewrites nothing. Entries appear atomically (staged, then renamed), so concurrent runs of one guest
/// either reuse a complete entry or race to create one, and the loser's copy is discarded. The payload is identified
/// by the names, sizes and times of the files in its folder (the rewriter's own assemblies included, so a new
/// ApiBridge never reuses an old entry), so a cache hit reads no payload assembly: start-up is what `run` costs.
/// </summary>
public sealed class RewriteCache
{
    public const string DirectoryVariable = "APIBRIDGE_CACHE";

    private readonly string payloadDirectory;
    private readonly Func<BridgePayload> loadPayload;

    public RewriteCache(BridgePayload payload, string? directory = null)
        : this(payload.Directory, () => payload, directory)
    {
    }

    /// <param name="payloadDirectory">The folder the payload is loaded from (for the cache key).</param>
    /// <param name="loadPayload">Loads the payload; called only when a guest has to be rewritten.</param>
    /// <param name="directory">The cache folder (default: <see cref="DefaultDirectory"/>).</param>
    public RewriteCache(string payloadDirectory, Func<BridgePayload> loadPayload, string? directory = null)
    {
        this.payloadDirectory = payloadDirectory;
        this.loadPayload = loadPayload;
        Directory = directory ?? DefaultDirectory();
    }

    public string Directory { get; }

    /// <summary><c>$APIBRIDGE_CACHE</c>, else <c>$XDG_CACHE_HOME/apibridge</c>, else the user's local application data.</summary>
    public static string DefaultDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(configured))
            return Path.GetFullPath(configured);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
            return Path.Combine(xdg, "apibridge");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "apibridge", "cache")
            : Path.Combine(home, ".cache", "apibridge");
    }

    /// <summary>The rewritten entry assembly for <paramref name="guestPath"/>, rewriting only when no entry exists.</summary>
    public CacheEntry GetOrRewrite(string guestPath)
    {
        var input = GuestInput.Resolve(guestPath);
        if (input.EntryAssembly is null)
            throw new GuestInputException($"{guestPath}: run needs an assembly or .exe, not a folder");
        var key = ComputeKey(input);
        var entryFolder = Path.Combine(Directory, $"{Path.GetFileNameWithoutExtension(input.EntryAssembly)}-{key}");
        var entryAssembly = Path.Combine(entryFolder, input.RelativePath(input.EntryAssembly));
        if (File.Exists(entryAssembly))
            return new CacheEntry(entryAssembly, input.EntryAssembly, Reused: true);

        System.IO.Directory.CreateDirectory(Directory);
        var privateFolder = Path.Combine(Directory, $".apibridge-build-{StagingFolder.OwnerTag()}");
        StagingFolder.CleanStale(privateFolder); // builds and staging folders of killed runs
        try
        {
            new AppRewriter(loadPayload()).Rewrite(guestPath, privateFolder, new RewriteOptions { RetargetToHostFramework = true });
            try
            {
                System.IO.Directory.Move(privateFolder, entryFolder);
            }
            catch (IOException) when (File.Exists(entryAssembly))
            {
                // Another run of the same guest finished first; its entry is identical.
            }
        }
        finally
        {
            if (System.IO.Directory.Exists(privateFolder))
                System.IO.Directory.Delete(privateFolder, recursive: true);
        }
        return new CacheEntry(entryAssembly, input.EntryAssembly, Reused: false);
    }

    private string ComputeKey(GuestInput input)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        Add("apibridge-cache-v2");
        foreach (var file in System.IO.Directory.GetFiles(payloadDirectory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            Add($"payload {info.Name} {info.Length} {info.LastWriteTimeUtc.Ticks}");
        }
        hash.AppendData(File.ReadAllBytes(input.EntryAssembly!));
        foreach (var file in input.Files)
        {
            var info = new FileInfo(file);
            Add($"{input.RelativePath(file)} {info.Length} {info.LastWriteTimeUtc.Ticks}");
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..20].ToLowerInvariant();
    }
}

/// <summary>A cached rewrite: the assembly to start, the original guest it stands for, and whether it was reused.</summary>
public sealed record CacheEntry(string AssemblyPath, string OriginalPath, bool Reused);
