using ApiBridge.Shims.Win32.Registry;
using ApiBridge.Shims.Win32.Registry.Storage;

namespace ApiBridge.Cli.Diff;

/// <summary>
/// The registry a Windows guest can change, read from a prefix's hive files (Wine's <c>system.reg</c>/<c>user.reg</c>
/// format, which the bridge's prefix uses too): every key under <c>HKEY_CURRENT_USER\Software</c> and
/// <c>HKEY_LOCAL_MACHINE\Software</c> with its values as <c>.reg</c> lines. The files are read from a copy, so
/// the side's own prefix is never rewritten by the reading; a prefix with no hive yet reads as the registry the
/// bridge would make.
/// </summary>
internal sealed class RegistrySnapshot
{
    // Each root a guest can change, and the hive file it is kept in.
    private static readonly (string Root, string Hive)[] Roots = [(@"HKEY_CURRENT_USER\Software", "user.reg"), (@"HKEY_LOCAL_MACHINE\Software", "system.reg")];

    // Wine's own settings (and the window positions it keeps): present under Wine only, never the guest's doing.
    private static readonly string[] NotTheGuests = [@"HKEY_CURRENT_USER\Software\Wine", @"HKEY_LOCAL_MACHINE\Software\Wine"];

    private readonly Dictionary<string, SortedDictionary<string, string>> keys;

    private RegistrySnapshot(Dictionary<string, SortedDictionary<string, string>> keys) => this.keys = keys;

    /// <summary>
    /// Reads the prefix's registry. Reading Wine's machine hive (megabytes) is most of a diff's own work, and a
    /// reference prefix starts as a copy of the same template every time, which most guests leave as it was: so each
    /// root's export is kept in <paramref name="exportCache"/> under a hash of its hive's keys and values (the write
    /// times Wine updates on every save left out), and a hive seen before is not read again. Only a
    /// <paramref name="remember"/>ed snapshot (the state a run starts from) adds to the cache, so it does not grow per run.
    /// </summary>
    public static RegistrySnapshot Take(string prefix, string? exportCache = null, bool remember = false)
    {
        var keys = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        string? copy = null;
        try
        {
            foreach (var (root, hive) in Roots)
            {
                var hiveFile = Path.Combine(prefix, hive);
                var cached = exportCache is not null && File.Exists(hiveFile) && !File.Exists(hiveFile + ".journal")
                    ? Path.Combine(exportCache, $"{hive}-{ContentHash(hiveFile)}.txt") : null;
                if (cached is not null && File.Exists(cached))
                {
                    Read(File.ReadAllText(cached), keys);
                    continue;
                }
                copy ??= CopyHives(prefix);
                using var store = new RegistryStore(copy);
                var export = new RegistryTool(store).Export(root);
                Read(export, keys);
                if (cached is not null && remember)
                {
                    Directory.CreateDirectory(exportCache!);
                    var temporary = cached + "." + Guid.NewGuid().ToString("N")[..8];
                    File.WriteAllText(temporary, export);
                    File.Move(temporary, cached, overwrite: true);
                }
            }
            return new RegistrySnapshot(keys);
        }
        finally
        {
            if (copy is not null)
                Directory.Delete(copy, recursive: true);
        }
    }

    // The hive files are read from a copy, so reading never rewrites the side's own prefix.
    private static string CopyHives(string prefix)
    {
        var copy = Path.Combine(Path.GetTempPath(), "apibridge-diff-reg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(copy);
        if (Directory.Exists(prefix))
            foreach (var file in Directory.EnumerateFiles(prefix).Where(f => f.EndsWith(".reg", StringComparison.Ordinal) || f.EndsWith(".journal", StringComparison.Ordinal)))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    /// <summary>The SHA-256 of the keys and values under <c>Software</c> in a hive file (Wine's format: a key's
    /// section runs from its <c>[Software\\…] time</c> line to the next key). Write times, which Wine rewrites on every
    /// save, are left out, and so is the rest of the hive, where Wine refreshes values of its own (device dates).</summary>
    private static string ContentHash(string file)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var inSoftware = false;
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith('['))
            {
                inSoftware = line.StartsWith("[Software]", StringComparison.OrdinalIgnoreCase) || line.StartsWith(@"[Software\\", StringComparison.OrdinalIgnoreCase);
                if (inSoftware && line.LastIndexOf(']') is > 0 and var end)
                    hash.AppendData(System.Text.Encoding.UTF8.GetBytes(line[..(end + 1)] + "\n"));
                continue;
            }
            if (inSoftware && !line.StartsWith("#time=", StringComparison.Ordinal))
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>, as <c>.reg</c> text sorted by key:
    /// <c>[key]</c> with the values added or changed (a new key with all of its), <c>"name"=-</c> for a value removed,
    /// <c>[-key]</c> for a key removed.</summary>
    public static string Changes(RegistrySnapshot before, RegistrySnapshot after)
    {
        var text = new System.Text.StringBuilder();
        foreach (var key in before.keys.Keys.Union(after.keys.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            if (NotTheGuests.Any(ignored => key.Equals(ignored, StringComparison.OrdinalIgnoreCase) || key.StartsWith(ignored + "\\", StringComparison.OrdinalIgnoreCase)))
                continue;
            before.keys.TryGetValue(key, out var old);
            after.keys.TryGetValue(key, out var now);
            if (now is null)
            {
                text.Append("[-").Append(key).Append("]\n");
                continue;
            }
            var lines = new List<string>();
            foreach (var (name, line) in now)
                if (old is null || !old.TryGetValue(name, out var was) || was != line)
                    lines.Add(line);
            if (old is not null)
                lines.AddRange(old.Keys.Where(name => !now.ContainsKey(name)).Select(name => name + "=-"));
            if (old is null || lines.Count > 0)
                text.Append('[').Append(key).Append("]\n").Append(string.Concat(lines.Select(l => l + "\n")));
        }
        return text.ToString();
    }

    /// <summary>Splits an export into keys and value lines (a value's continued hex lines joined), keyed by value name.</summary>
    private static void Read(string export, Dictionary<string, SortedDictionary<string, string>> keys)
    {
        SortedDictionary<string, string>? current = null;
        var pending = "";
        foreach (var raw in export.Replace("\r\n", "\n").Split('\n'))
        {
            var line = pending + raw.TrimStart();
            if (line.EndsWith('\\') && current is not null)
            {
                pending = line[..^1];
                continue;
            }
            pending = "";
            if (line.StartsWith('[') && line.EndsWith(']'))
                keys[line[1..^1]] = current = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            else if (current is not null && line.Length > 0)
                current[ValueName(line)] = line;
        }
    }

    // "name"=… or @=… (the default value); a quoted name may hold escaped quotes.
    private static string ValueName(string line)
    {
        if (line.StartsWith('@'))
            return "@";
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\')
                i++;
            else if (line[i] == '"')
                return line[..(i + 1)];
        }
        return line;
    }
}
