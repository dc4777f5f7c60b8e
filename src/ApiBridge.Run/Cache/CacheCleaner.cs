namespace ApiBridge.Run.Cache;

/// <summary>
/// Removes run cache entries: every one, those unused for a while (<c>apibridge cache clean</c>), or the least
/// recently used until the cache fits its cap (after <c>run</c> adds an entry). An entry a guest uses is never removed
/// (<see cref="CacheEntryUse.TryClaimForRemoval"/>); it is reported as kept instead.
/// </summary>
public static class CacheCleaner
{
    /// <summary>An entry being removed is first renamed to <c>&lt;entry&gt;.apibridge-evicted-&lt;pid&gt;-&lt;unique&gt;</c>, which the
    /// next rewrite's clean-up of dead writers' folders removes should this process die before it does.</summary>
    public const string RemovalMarker = ".apibridge-evicted-";

    /// <summary>Removes the entries <paramref name="select"/> picks.</summary>
    public static CleanResult Remove(string cacheDirectory, Func<CacheEntryStatus, bool> select)
    {
        var removed = new List<CacheEntryStatus>();
        var inUse = new List<CacheEntryStatus>();
        foreach (var entry in CacheEntryStatus.ReadAll(cacheDirectory).Where(select))
            (TryRemove(entry.Folder) ? removed : inUse).Add(entry);
        return new CleanResult(removed, inUse);
    }

    /// <summary>Entries not used within <paramref name="age"/> of <paramref name="nowUtc"/>.</summary>
    public static CleanResult RemoveOlderThan(string cacheDirectory, TimeSpan age, DateTime nowUtc) =>
        Remove(cacheDirectory, entry => entry.LastUsedUtc < nowUtc - age);

    /// <summary>
    /// Removes the least recently used entries until the cache holds at most <paramref name="capBytes"/>, never
    /// <paramref name="keepFolder"/> (the entry the current run starts) or an entry in use. The cache may stay above
    /// the cap when what is left is in use.
    /// </summary>
    public static CleanResult EvictToFit(string cacheDirectory, long capBytes, string? keepFolder)
    {
        var entries = CacheEntryStatus.ReadAll(cacheDirectory);
        var total = entries.Sum(e => e.Size);
        var removed = new List<CacheEntryStatus>();
        var inUse = new List<CacheEntryStatus>();
        foreach (var entry in entries)
        {
            if (total <= capBytes)
                break;
            if (keepFolder is not null && PathsEqual(entry.Folder, keepFolder))
                continue;
            if (TryRemove(entry.Folder))
            {
                removed.Add(entry);
                total -= entry.Size;
            }
            else
            {
                inUse.Add(entry);
            }
        }
        return new CleanResult(removed, inUse);
    }

    /// <summary>Removes one entry unless a guest uses it (or it is already gone): true when it was removed.</summary>
    public static bool TryRemove(string entryFolder)
    {
        var away = entryFolder.TrimEnd(Path.DirectorySeparatorChar) + RemovalMarker + $"{Environment.ProcessId}-{Guid.NewGuid():N}";
        using (var claim = CacheEntryUse.TryClaimForRemoval(entryFolder))
        {
            if (claim is null)
                return false;
            if (!OperatingSystem.IsLinux())
                claim.Dispose(); // Windows renames no folder with an open file in it; a run starting right now may then lose its entry
            try
            {
                // Renamed while still claimed: a run waiting for the entry finds it gone and rewrites, and none can
                // start from a half-deleted folder.
                Directory.Move(entryFolder, away);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
        try
        {
            Directory.Delete(away, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left for the clean-up of dead writers' folders; it is no longer an entry.
        }
        return true;
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

/// <summary>What a clean-up removed, and the entries it would have removed but a guest uses.</summary>
public sealed record CleanResult(IReadOnlyList<CacheEntryStatus> Removed, IReadOnlyList<CacheEntryStatus> KeptInUse)
{
    public long RemovedBytes => Removed.Sum(e => e.Size);
}
