using System.Globalization;
using System.Text;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The permission bits a Linux guest gave its files on a Windows host, which has nowhere to keep them (only the
/// read-only attribute stands for the owner's write bit): <c>chmod</c>, <c>File.SetUnixFileMode</c>,
/// <c>FileSystemInfo.UnixFileMode</c> and <c>Directory.CreateDirectory(path, mode)</c> record them here, and
/// <c>stat</c>, <c>access</c> and <c>File.GetUnixFileMode</c> read them back, so libc and System.IO agree as on Linux.
/// The store is one file in the prefix (every guest process of the prefix sees the same modes), appended a line
/// per change (<c>mode creation-ticks host-path</c>) and re-read when it grew. An entry counts only while the file
/// at that path is the one it was made for (same creation time): a file deleted and made again has the default mode.
/// Paths are compared exactly: the guest's names are case-sensitive, and the path view hands over each name in the
/// spelling that is on disk (under Wine, <c>data.txt</c> and <c>Data.txt</c> are two files, as on Linux).
/// </summary>
public sealed class UnixModes
{
    private readonly string storeFile;
    private readonly object gate = new();
    private Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long loadedLength = -1;
    private int lines;

    private readonly record struct Entry(uint Mode, long CreationTicks);

    public UnixModes(string storeFile) => this.storeFile = storeFile;

    /// <summary>The store of the prefix this process uses (as <see cref="PosixPathView.ForCurrentHost"/> finds it).</summary>
    public static UnixModes ForCurrentHost() => new(Path.Combine(PosixPathView.CurrentPrefix(), "unix-modes"));

    /// <summary>The recorded permission bits (low 12) of the entry at <paramref name="hostPath"/>, or null.</summary>
    public uint? Get(string hostPath)
    {
        var key = Key(hostPath);
        lock (gate)
        {
            Refresh();
            if (!entries.TryGetValue(key, out var entry))
                return null;
            return CreationTicks(key) == entry.CreationTicks ? entry.Mode : null;
        }
    }

    /// <summary>Records <paramref name="mode"/> for the existing entry at <paramref name="hostPath"/>.</summary>
    public void Set(string hostPath, uint mode)
    {
        var key = Key(hostPath);
        var entry = new Entry(mode & 0xFFF, CreationTicks(key));
        lock (gate)
        {
            Refresh();
            Directory.CreateDirectory(Path.GetDirectoryName(storeFile)!);
            var line = string.Create(CultureInfo.InvariantCulture, $"{Convert.ToString(entry.Mode, 8)} {entry.CreationTicks} {key}\n");
            // Appends of one short line are whole for every reader: other processes of the prefix may write too.
            using (var stream = new FileStream(storeFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                stream.Write(Encoding.UTF8.GetBytes(line));
            entries[key] = entry;
            lines++;
            loadedLength = new FileInfo(storeFile).Length;
            if (lines > 256 && lines > 4 * entries.Count)
                Compact();
        }
    }

    private static string Key(string hostPath) => Path.GetFullPath(hostPath).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    private static long CreationTicks(string hostPath)
    {
        try
        {
            return File.GetCreationTimeUtc(hostPath).Ticks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Re-reads the store when another process (or this one) made it longer since the last read.</summary>
    private void Refresh()
    {
        long length;
        try
        {
            length = new FileInfo(storeFile).Length;
        }
        catch (FileNotFoundException)
        {
            length = 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        if (length == loadedLength)
            return;
        var read = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var count = 0;
        if (length > 0)
        {
            string text;
            try
            {
                using var stream = new FileStream(storeFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                text = reader.ReadToEnd();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
            foreach (var line in text.Split('\n'))
            {
                if (Parse(line) is { } parsed)
                {
                    read[parsed.Path] = parsed.Entry;
                    count++;
                }
            }
        }
        entries = read;
        lines = count;
        loadedLength = length;
    }

    // "644 638712345678901234 C:\prefix\rootfs\home\u\key.pem"; anything else (a line cut by a crash) is skipped.
    private static (string Path, Entry Entry)? Parse(string line)
    {
        var first = line.IndexOf(' ');
        var second = first < 0 ? -1 : line.IndexOf(' ', first + 1);
        if (second < 0 || second == line.Length - 1)
            return null;
        try
        {
            var mode = Convert.ToUInt32(line[..first], 8);
            var ticks = long.Parse(line.AsSpan(first + 1, second - first - 1), NumberStyles.None, CultureInfo.InvariantCulture);
            return (line[(second + 1)..], new Entry(mode & 0xFFF, ticks));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Rewrites the store with one line per entry still in use, replacing it whole.</summary>
    private void Compact()
    {
        var kept = new StringBuilder();
        foreach (var (path, entry) in entries)
        {
            if (CreationTicks(path) == entry.CreationTicks)
                kept.Append(CultureInfo.InvariantCulture, $"{Convert.ToString(entry.Mode, 8)} {entry.CreationTicks} {path}\n");
        }
        var temporary = storeFile + "." + Environment.ProcessId + ".tmp";
        try
        {
            File.WriteAllText(temporary, kept.ToString());
            File.Move(temporary, storeFile, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process holds it: the next change tries again.
            TryDelete(temporary);
            return;
        }
        loadedLength = -1;
        Refresh();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next compaction's name to replace.
        }
    }
}
