using System.Collections.Concurrent;

namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// Case-insensitive name lookup on a case-sensitive host, without reading the folder on every call (Wine's
/// best-known cost). Callers try the exact name first; only a miss comes here. Per folder we keep the names
/// folded to upper case (Windows' simple upcase), rebuilt when the folder's modification time changes.
/// Because file timestamps are coarse (a kernel tick on Linux, up to two seconds elsewhere), an index built
/// within that window of the folder's mtime is not trusted to prove a name absent: a miss rebuilds it. Entries the
/// bridge itself creates are patched in (keeping the trust, and recording the new mtime), so creating N files in
/// one folder costs N lookups, not N folder reads.
/// Host names that differ only in case fold to one key: the ordinally first wins, deterministically.
/// </summary>
public sealed class CaseIndex
{
    private const int MaxFolders = 4096;
    private static readonly long CoarseWindow = OperatingSystem.IsLinux() ? TimeSpan.FromMilliseconds(20).Ticks : TimeSpan.FromSeconds(2).Ticks;

    private readonly ConcurrentDictionary<string, Folder> folders = new(StringComparer.Ordinal);

    /// <summary>Folder reads so far (for tests and benchmarks).</summary>
    public int Reads => reads;
    private int reads;

    private sealed class Folder
    {
        public required long ModifiedTime;
        public required bool Trusted;
        public required Dictionary<string, string> Names;
    }

    public static string Fold(string name) => name.ToUpperInvariant();

    /// <summary>The host spelling of <paramref name="name"/> in <paramref name="hostFolder"/>, or null when absent.</summary>
    public string? Find(string hostFolder, string name)
    {
        var mtime = ModifiedTime(hostFolder);
        if (mtime is null)
            return null;
        var key = Fold(name);
        if (folders.TryGetValue(hostFolder, out var folder) && folder.ModifiedTime == mtime)
        {
            lock (folder)
            {
                if (folder.Names.TryGetValue(key, out var found))
                    return found;
            }
            if (folder.Trusted)
                return null;
        }
        folder = Build(hostFolder, mtime.Value);
        lock (folder)
            return folder.Names.TryGetValue(key, out var again) ? again : null;
    }

    /// <summary>Records a name the bridge just created in <paramref name="hostFolder"/>.</summary>
    public void NoteCreated(string hostFolder, string name)
    {
        if (!folders.TryGetValue(hostFolder, out var folder))
            return;
        lock (folder)
        {
            var key = Fold(name);
            if (!folder.Names.TryGetValue(key, out var existing) || string.CompareOrdinal(name, existing) < 0)
                folder.Names[key] = name;
            folder.ModifiedTime = ModifiedTime(hostFolder) ?? 0;
        }
    }

    /// <summary>Records a name the bridge just removed from <paramref name="hostFolder"/>.</summary>
    public void NoteRemoved(string hostFolder, string name) => folders.TryRemove(hostFolder, out _);

    private Folder Build(string hostFolder, long mtime)
    {
        Interlocked.Increment(ref reads);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(hostFolder))
            {
                var name = Path.GetFileName(entry);
                var key = Fold(name);
                if (!names.TryGetValue(key, out var existing) || string.CompareOrdinal(name, existing) < 0)
                    names[key] = name;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        var folder = new Folder { ModifiedTime = mtime, Trusted = DateTime.UtcNow.ToFileTimeUtc() - mtime >= CoarseWindow, Names = names };
        if (folders.Count >= MaxFolders)
            folders.Clear();
        folders[hostFolder] = folder;
        return folder;
    }

    private static long? ModifiedTime(string hostFolder)
    {
        if (Posix.Available)
            return Posix.Stat(hostFolder, follow: true, out var stat) == 0 && stat.IsDirectory ? stat.WriteTime : null;
        try
        {
            return Directory.Exists(hostFolder) ? Directory.GetLastWriteTimeUtc(hostFolder).ToFileTimeUtc() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
