namespace ApiBridge.Run.Cache;

/// <summary>A guest's place in the run cache: the folder of its rewritten app and the entry assembly in it.</summary>
public sealed record CacheSlot(string Folder, string EntryAssembly)
{
    /// <summary>The slot for <paramref name="guest"/> (an app or library with an entry assembly) as of now.</summary>
    public static CacheSlot For(string cacheDirectory, string toolDirectory, GuestLayout guest, string? variant = null)
    {
        if (guest.EntryAssembly is null)
            throw new ArgumentException("a cached guest needs an entry assembly", nameof(guest));
        var key = CacheKey.Compute(toolDirectory, guest, variant);
        var folder = Path.Combine(cacheDirectory, $"{Path.GetFileNameWithoutExtension(guest.EntryAssembly)}-{key}");
        return new CacheSlot(folder, Path.Combine(folder, guest.RelativePath(guest.EntryAssembly)));
    }

    /// <summary>Entries are moved into place whole, so the entry assembly exists exactly when the entry is complete.</summary>
    public bool IsComplete => File.Exists(EntryAssembly);
}
