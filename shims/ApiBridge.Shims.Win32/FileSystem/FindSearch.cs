namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// One FindFirstFile search: the matching entries of a folder, taken when the search starts (like a directory
/// snapshot), in NTFS order (upper-cased ordinal), with <c>.</c> and <c>..</c> first outside drive roots.
/// Host names a Windows name cannot hold (with <c>\ : * ? " &lt; &gt; |</c> or control characters) are left out.
/// </summary>
public sealed class FindSearch
{
    private readonly List<Entry> entries;
    private int next;

    public readonly record struct Entry(string Name, uint Attributes, HostStat Stat);

    private FindSearch(List<Entry> entries) => this.entries = entries;

    public int Count => entries.Count;

    public bool TryNext(out Entry entry)
    {
        lock (entries)
        {
            if (next >= entries.Count)
            {
                entry = default;
                return false;
            }
            entry = entries[next++];
            return true;
        }
    }

    /// <summary>Starts a search for <paramref name="input"/> (<c>dir\pattern</c>); 0 or the Win32 error.</summary>
    public static int Start(GuestFileSystem fs, string? input, Func<HostStat, string, uint> attributes, out FindSearch search)
    {
        search = null!;
        if (string.IsNullOrEmpty(input))
            return Win32Error.ERROR_PATH_NOT_FOUND;
        var cut = input.LastIndexOfAny(['\\', '/']);
        string folderPart, pattern;
        if (cut >= 0)
        {
            folderPart = input[..(cut + 1)];
            pattern = input[(cut + 1)..];
        }
        else if (input.Length >= 2 && input[1] == ':' && char.IsAsciiLetter(input[0]))
        {
            folderPart = input[..2];
            pattern = input[2..];
        }
        else
        {
            folderPart = ".";
            pattern = input;
        }
        if (pattern.Length == 0)
            return Win32Error.ERROR_FILE_NOT_FOUND;

        var error = fs.Resolve(folderPart, out var folder);
        if (error != 0)
            return error;
        if (folder.IsDevice || !folder.Exists || !folder.IsDirectory)
            return Win32Error.ERROR_PATH_NOT_FOUND;

        var list = new List<Entry>();
        if (!WindowsPathSyntax.HasWildcard(pattern))
        {
            var name = pattern.TrimEnd('.', ' ');
            if (WindowsPathSyntax.DeviceName(name) is not null)
            {
                list.Add(new Entry(pattern, FileShimAttributes.Archive, default));
            }
            else
            {
                if (fs.Resolve(folder.Guest.Append(name), out var single) != 0 || !single.Exists)
                    return Win32Error.ERROR_FILE_NOT_FOUND;
                var actual = Path.GetFileName(single.HostPath);
                list.Add(new Entry(actual, attributes(single.Stat, actual), single.Stat));
            }
            search = new FindSearch(list);
            return 0;
        }

        if (!folder.Guest.IsRoot)
        {
            foreach (var dot in new[] { ".", ".." })
            {
                if (!WildcardMatcher.IsMatch(dot, pattern))
                    continue;
                var path = dot == "." ? folder.HostPath : Path.GetDirectoryName(folder.HostPath.TrimEnd('/')) ?? folder.HostPath;
                GuestFileSystem.Stat(path, follow: true, out var dotStat);
                list.Add(new Entry(dot, FileShimAttributes.Directory, dotStat));
            }
        }
        var found = new List<Entry>();
        var listError = Posix.Available
            ? ReadPosix(folder.HostPath, pattern, attributes, found)
            : ReadPortable(folder.HostPath, pattern, attributes, found);
        if (listError != 0)
            return listError;
        SortNtfsOrder(found);
        list.AddRange(found);
        if (list.Count == 0)
            return Win32Error.ERROR_FILE_NOT_FOUND;
        search = new FindSearch(list);
        return 0;
    }

    /// <summary>Whether a host name can be listed for the pattern (Windows names only).</summary>
    private static bool Listable(string name, string pattern) =>
        name.Length != 0 && name.Length < 260 && !WindowsPathSyntax.HasInvalidCharacter(name) && WildcardMatcher.IsMatch(name, pattern);

    /// <summary>
    /// The folder read with readdir(3) and each listed name stat'ed relative to the open folder (no host path
    /// built per entry, no UTF-8 round trip for the stat): one statx per entry, which WIN32_FIND_DATA needs for
    /// attributes, size and times.
    /// </summary>
    private static unsafe int ReadPosix(string hostFolder, string pattern, Func<HostStat, string, uint> attributes, List<Entry> found)
    {
        using var reader = Posix.DirectoryReader.Open(hostFolder, out var openError);
        if (reader is null)
            return openError is Posix.EACCES or Posix.EPERM ? Win32Error.ERROR_ACCESS_DENIED : Win32Error.ERROR_PATH_NOT_FOUND;
        int readError;
        while (reader.Next(out var entryName, out _, out readError))
        {
            var bytes = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entryName);
            if (bytes.SequenceEqual("."u8) || bytes.SequenceEqual(".."u8))
                continue;
            var name = System.Text.Encoding.UTF8.GetString(bytes);
            if (!Listable(name, pattern))
                continue;
            if (Posix.StatAt(reader.Descriptor, entryName, follow: true, out var stat) != 0)
                Posix.StatAt(reader.Descriptor, entryName, follow: false, out stat);
            found.Add(new Entry(name, attributes(stat, name), stat));
        }
        if (readError != 0)
            return readError is Posix.EACCES or Posix.EPERM ? Win32Error.ERROR_ACCESS_DENIED : Win32Error.ERROR_PATH_NOT_FOUND;
        return 0;
    }

    /// <summary>Every entry, hidden and system ones included (what Directory.EnumerateFileSystemEntries lists).</summary>
    private static readonly EnumerationOptions PortableListing = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    private static int ReadPortable(string hostFolder, string pattern, Func<HostStat, string, uint> attributes, List<Entry> found)
    {
        try
        {
            // Enumerated entries carry what the folder read returned (attributes, size, times): no host query per
            // entry but for links, which are stat'ed as before.
            foreach (var info in new DirectoryInfo(hostFolder).EnumerateFileSystemInfos("*", PortableListing))
            {
                var name = info.Name;
                if (!Listable(name, pattern))
                    continue;
                HostStat stat;
                if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    if (!GuestFileSystem.Stat(info.FullName, follow: true, out stat))
                        GuestFileSystem.Stat(info.FullName, follow: false, out stat);
                }
                else
                    stat = PortableStat.From(info);
                found.Add(new Entry(name, attributes(stat, name), stat));
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e is UnauthorizedAccessException ? Win32Error.ERROR_ACCESS_DENIED : Win32Error.ERROR_PATH_NOT_FOUND;
        }
    }

    /// <summary>NTFS order: upper-cased names compared ordinally (each name upper-cased once, not per comparison).</summary>
    private static void SortNtfsOrder(List<Entry> found)
    {
        if (found.Count < 2)
            return;
        // Sorting keys with indices moves 4-byte ints, not the ~80-byte entries.
        var keys = new string[found.Count];
        var order = new int[found.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = found[i].Name.ToUpperInvariant();
            order[i] = i;
        }
        Array.Sort(keys, order, StringComparer.Ordinal);
        var items = found.ToArray();
        for (var i = 0; i < order.Length; i++)
            found[i] = items[order[i]];
    }

    private static class FileShimAttributes
    {
        public const uint Directory = 0x10, Archive = 0x20;
    }
}

/// <summary>
/// Windows file-name wildcards, case-insensitive: <c>*</c> any run, <c>?</c> one character; <c>*.*</c> matches
/// every name (also names without a dot); a pattern ending in <c>.</c> matches names without an extension.
/// </summary>
public static class WildcardMatcher
{
    public static bool IsMatch(string name, string pattern)
    {
        if (pattern == "*" || pattern == "*.*")
            return true;
        if (pattern.EndsWith('.') && pattern.Length > 1)
        {
            if (name.Contains('.') && name != "." && name != "..")
                return false;
            pattern = pattern.TrimEnd('.');
        }
        return Glob(name.ToUpperInvariant(), pattern.ToUpperInvariant());
    }

    private static bool Glob(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
                return false;
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        // "*.*"-style tails: a trailing ".*" also matches a name without a dot.
        if (p < pattern.Length && pattern[p..] == ".*")
            return true;
        return p == pattern.Length;
    }
}
