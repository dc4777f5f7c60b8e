using System.Collections.Concurrent;
using System.Text;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>Case-sensitive names on a case-insensitive host: which spelling a folder stores, cached per folder write time.</summary>
public sealed partial class PosixPathView
{
    /// <summary>
    /// A Windows host answers "spelled how" for one name in one call (FindFirstFileExW on the exact path) instead
    /// of a listing of the whole folder; elsewhere (tests of this view on Linux) the folder is listed.
    /// </summary>
    private static readonly bool OnWindowsHost = OperatingSystem.IsWindows();

    /// <summary>
    /// Modification times are coarse (a kernel tick on Linux, up to two seconds on FAT): a folder changed within
    /// that window of now may change again without its time moving, so what is seen in it then is not kept.
    /// </summary>
    private static readonly long CoarseWindow = OperatingSystem.IsLinux() ? TimeSpan.FromMilliseconds(20).Ticks : TimeSpan.FromSeconds(2).Ticks;

    private const int MaxCachedFolders = 4096;

    /// <summary>Per host folder, at one modification time: the names seen in it, and whether each is stored in exactly that case.</summary>
    private sealed record FolderNames(long WriteTime, ConcurrentDictionary<string, bool> Exact);

    private readonly ConcurrentDictionary<string, FolderNames> exactNames = new(StringComparer.Ordinal);

    /// <summary>The write time (UTC ticks) of an existing folder that is not a link, or null.</summary>
    private static long? FolderWriteTime(string hostFolder)
    {
        try
        {
            var info = new FileInfo(hostFolder);
            var attributes = info.Attributes;
            if ((int)attributes == -1 || (attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint)) != FileAttributes.Directory)
                return null;
            return info.LastWriteTimeUtc.Ticks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> exists in <paramref name="folder"/> (whose write time is
    /// <paramref name="folderTime"/>, null when unknown), and in exactly that case. One host query for the
    /// existence (which also gives <paramref name="nextTime"/>, the entry's own write time when it is a folder, for
    /// the next name); the case is remembered per folder while the folder's write time stays the same (an entry
    /// created, removed or renamed in it moves that time), so a path used again costs one query per name.
    /// Unknown when the host could not answer: the caller asks the slow way.
    /// </summary>
    private HostNative.NameMatch MatchName(string folder, long? folderTime, string next, string name, out long? nextTime)
    {
        nextTime = null;
        try
        {
            var info = new FileInfo(next);
            var attributes = info.Attributes;
            if ((int)attributes == -1)
                return HostNative.NameMatch.Missing;
            if ((attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint)) == FileAttributes.Directory)
                nextTime = info.LastWriteTimeUtc.Ticks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return HostNative.NameMatch.Unknown;
        }
        if (folderTime is { } known && exactNames.TryGetValue(folder, out var cached) && cached.WriteTime == known
            && cached.Exact.TryGetValue(name, out var exact))
            return exact ? HostNative.NameMatch.Exact : HostNative.NameMatch.OtherCase;
        var match = OnWindowsHost ? HostNative.LookupName(next, name) : HostNative.NameMatch.Unknown;
        if (match == HostNative.NameMatch.Unknown)
            match = HasExactName(folder, name) ? HostNative.NameMatch.Exact : HostNative.NameMatch.OtherCase;
        if (match == HostNative.NameMatch.Missing)
        {
            nextTime = null;
            return match;
        }
        if (folderTime is { } time && DateTime.UtcNow.Ticks - time >= CoarseWindow)
        {
            if (!exactNames.TryGetValue(folder, out var names) || names.WriteTime != time)
            {
                if (exactNames.Count >= MaxCachedFolders)
                    exactNames.Clear();
                names = exactNames[folder] = new FolderNames(time, new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
            }
            names.Exact[name] = match == HostNative.NameMatch.Exact;
        }
        return match;
    }

    private static readonly EnumerationOptions ExactCase = new()
    {
        MatchCasing = MatchCasing.CaseSensitive,
        MatchType = MatchType.Simple,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private static bool HasExactName(string folder, string name)
    {
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(folder, name, ExactCase).GetEnumerator();
            return entries.MoveNext();
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
