using System.IO.Hashing;
using System.Text;

namespace ApiBridge.Run.Cache;

/// <summary>
/// The run cache's key for a guest: the entry assembly's bytes, the name, size and time of every other file of its
/// app, and the name, size and time of every assembly in the rewriter's folder and its payload folder
/// (<see cref="BridgeLayout"/>: the rewriter's own assemblies included, so a new ApiBridge never reuses an old entry), and whether
/// the managed view is on. Reading no payload assembly keeps a cache hit cheap.
/// </summary>
public static class CacheKey
{
    // Bump when the key's inputs or the cached layout change: old entries are then simply never found again.
    private const string Version = "apibridge-cache-v4";

    /// <param name="toolDirectory">The rewriter's folder (apibridge.dll), with the payload folder in it.</param>
    /// <param name="variant">What else decides the rewrite (a plugin's host platform, <c>plugin windows</c>); null for an app.</param>
    public static string Compute(string toolDirectory, GuestLayout guest, string? variant = null)
    {
        var hash = new XxHash128();
        void Add(string text) => hash.Append(Encoding.UTF8.GetBytes(text + "\n"));
        Add(Version);
        Add(ApiBridge.Runtime.BridgeVariables.ManagedViewEnabled ? "managed-view" : "host-view");
        if (variant is not null)
            Add(variant); // only then: an app's key stays what it was, so existing entries are still found
        var payloadDirectory = BridgeLayout.PayloadDirectory(toolDirectory);
        var payloadFiles = Directory.Exists(payloadDirectory) ? Directory.GetFiles(payloadDirectory, "*.dll") : Array.Empty<string>();
        foreach (var file in Directory.GetFiles(toolDirectory, "*.dll").Concat(payloadFiles).OrderBy(f => f, StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            Add($"payload {Path.GetRelativePath(toolDirectory, file)} {info.Length} {info.LastWriteTimeUtc.Ticks}");
        }
        if (guest.EntryAssembly is not null)
            hash.Append(File.ReadAllBytes(guest.EntryAssembly));
        foreach (var file in guest.Files)
        {
            var info = new FileInfo(file);
            Add($"{guest.RelativePath(file)} {info.Length} {info.LastWriteTimeUtc.Ticks}");
        }
        return Convert.ToHexString(hash.GetCurrentHash()).ToLowerInvariant();
    }
}
