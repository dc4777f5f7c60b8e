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
    private static readonly string[] Roots = [@"HKEY_CURRENT_USER\Software", @"HKEY_LOCAL_MACHINE\Software"];

    // Wine's own settings (and the window positions it keeps): present under Wine only, never the guest's doing.
    private static readonly string[] NotTheGuests = [@"HKEY_CURRENT_USER\Software\Wine", @"HKEY_LOCAL_MACHINE\Software\Wine"];

    private readonly Dictionary<string, SortedDictionary<string, string>> keys;

    private RegistrySnapshot(Dictionary<string, SortedDictionary<string, string>> keys) => this.keys = keys;

    public static RegistrySnapshot Take(string prefix)
    {
        var copy = Path.Combine(Path.GetTempPath(), "apibridge-diff-reg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(copy);
        try
        {
            if (Directory.Exists(prefix))
                foreach (var file in Directory.EnumerateFiles(prefix).Where(f => f.EndsWith(".reg", StringComparison.Ordinal) || f.EndsWith(".journal", StringComparison.Ordinal)))
                    File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            var keys = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
            using (var store = new RegistryStore(copy))
            {
                var tool = new RegistryTool(store);
                foreach (var root in Roots)
                    Read(tool.Export(root), keys);
            }
            return new RegistrySnapshot(keys);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
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
