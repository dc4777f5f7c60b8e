using System.Globalization;

namespace ApiBridge.Run.Cache;

/// <summary>
/// One entry of the run cache as <c>apibridge cache list</c> and eviction see it: the guest it was made from, its
/// size on disk, when a run last used it (the stamp's time, see <see cref="CacheEntryUse"/>) and whether a guest uses
/// it now. What cannot be read from an entry (one made before these records existed) is filled in from the folder.
/// </summary>
public sealed record CacheEntryStatus(string Folder, string? Guest, long Size, DateTime LastUsedUtc, bool InUse)
{
    /// <summary>Written into an entry when it is made: the guest path it came from and its size in bytes.</summary>
    public const string RecordFile = ".apibridge-entry";

    /// <summary>Records <paramref name="guestPath"/> and the folder's size in <paramref name="folder"/> (a finished, not yet published build).</summary>
    public static void WriteRecord(string folder, string guestPath)
    {
        var size = SizeOf(folder);
        File.WriteAllLines(Path.Combine(folder, RecordFile), [
            "guest " + Path.GetFullPath(guestPath),
            "size " + size.ToString(CultureInfo.InvariantCulture),
        ]);
    }

    /// <summary>Every complete entry in <paramref name="cacheDirectory"/>, least recently used first (none when it does not exist).</summary>
    public static List<CacheEntryStatus> ReadAll(string cacheDirectory)
    {
        if (!Directory.Exists(cacheDirectory))
            return new List<CacheEntryStatus>();
        var entries = new List<CacheEntryStatus>();
        foreach (var folder in Directory.EnumerateDirectories(cacheDirectory))
        {
            // Builds, staging and removals in progress (".apibridge-…") are not entries.
            if (Path.GetFileName(folder).Contains(GuestLayout.WorkFolderMarker, StringComparison.Ordinal))
                continue;
            try
            {
                entries.Add(Read(folder));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Removed while being read, or not ours to read: not an entry this listing can speak for.
            }
        }
        entries.Sort((a, b) => a.LastUsedUtc != b.LastUsedUtc
            ? a.LastUsedUtc.CompareTo(b.LastUsedUtc)
            : string.CompareOrdinal(a.Folder, b.Folder));
        return entries;
    }

    public static CacheEntryStatus Read(string folder)
    {
        string? guest = null;
        long? size = null;
        var record = Path.Combine(folder, RecordFile);
        if (File.Exists(record))
        {
            foreach (var line in File.ReadLines(record))
            {
                if (line.StartsWith("guest ", StringComparison.Ordinal))
                    guest = line["guest ".Length..];
                else if (line.StartsWith("size ", StringComparison.Ordinal) && long.TryParse(line["size ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
                    size = bytes;
            }
        }
        var stamp = CacheEntryUse.StampOf(folder);
        var lastUsed = File.Exists(stamp) ? File.GetLastWriteTimeUtc(stamp) : Directory.GetLastWriteTimeUtc(folder);
        return new CacheEntryStatus(folder, guest, size ?? SizeOf(folder), lastUsed, CacheEntryUse.IsInUse(folder));
    }

    /// <summary>The bytes of every file under <paramref name="folder"/>.</summary>
    public static long SizeOf(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Sum(file => file.Length);
}
