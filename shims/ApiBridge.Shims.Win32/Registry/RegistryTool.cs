using System.Globalization;
using System.Text;
using ApiBridge.Shims.Win32.Registry.Storage;
using static ApiBridge.Shims.Win32.Registry.Storage.RegistryValueTypes;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>
/// What <c>apibridge reg</c> does, mirroring <c>wine regedit</c> / <c>reg.exe</c>, text in and text out (the CLI reads
/// and writes the files):
/// <list type="bullet">
/// <item><see cref="Export"/>: a key and everything under it as a .reg file ("Windows Registry Editor Version 5.00",
/// CRLF line ends; regedit writes such files as UTF-16LE with a BOM, <see cref="ExportEncoding"/>).</item>
/// <item><see cref="Import"/>: a .reg file (Version 5.00 or REGEDIT4): <c>[key]</c> creates, <c>[-key]</c> deletes a tree,
/// <c>"name"=-</c> deletes a value.</item>
/// <item><see cref="Query"/>: reg.exe query's listing of a key's values and subkeys.</item>
/// </list>
/// Keys are full names: <c>HKEY_CURRENT_USER\Software\X</c> or with the short roots HKCU, HKLM, HKCR, HKU, HKCC.
/// Malformed input throws <see cref="RegistryFileException"/> naming the line; a missing key throws <see cref="KeyNotFoundException"/>.
/// </summary>
public sealed class RegistryTool
{
    public const string Version5Header = "Windows Registry Editor Version 5.00";
    public const string Version4Header = "REGEDIT4";

    private static readonly (string Long, string Short, RegistryRoot Root)[] Roots =
    {
        ("HKEY_CLASSES_ROOT", "HKCR", RegistryRoot.ClassesRoot),
        ("HKEY_CURRENT_USER", "HKCU", RegistryRoot.CurrentUser),
        ("HKEY_LOCAL_MACHINE", "HKLM", RegistryRoot.LocalMachine),
        ("HKEY_USERS", "HKU", RegistryRoot.Users),
        ("HKEY_CURRENT_CONFIG", "HKCC", RegistryRoot.CurrentConfig),
    };

    private readonly RegistryStore store;

    public RegistryTool(RegistryStore store) => this.store = store;

    /// <summary>The registry of the prefix the environment names (APIBRIDGE_PREFIX, else ~/.apibridge).</summary>
    public RegistryTool() : this(RegistryStore.Current)
    {
    }

    /// <summary>How regedit writes exported files: UTF-16LE with a byte order mark.</summary>
    public static Encoding ExportEncoding { get; } = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);

    public string Export(string keyName)
    {
        var (key, fullName) = OpenExisting(keyName);
        var builder = new StringBuilder();
        builder.Append(Version5Header).Append("\r\n");
        ExportKey(builder, key, fullName);
        return builder.ToString();
    }

    private void ExportKey(StringBuilder builder, RegistryKeyHandle key, string fullName)
    {
        builder.Append("\r\n[").Append(fullName).Append("]\r\n");
        for (var i = 0; RegistryApi.EnumValue(key, i, out var value) == 0; i++)
            builder.Append(RegFileSyntax.FormatValue(value!, RegFileSyntax.Dialect.Regedit).Replace("\n", "\r\n")).Append("\r\n");
        foreach (var name in SubKeyNames(key))
        {
            if (RegistryApi.Open(key, name, RegistryAccess.KEY_READ, out var child) == 0)
                ExportKey(builder, child!, fullName + "\\" + name);
        }
    }

    private static List<string> SubKeyNames(RegistryKeyHandle key)
    {
        var names = new List<string>();
        for (var i = 0; RegistryApi.EnumKey(key, i, out var name, out _, out _) == 0; i++)
            names.Add(name);
        return names;
    }

    public string Query(string keyName)
    {
        var (key, fullName) = OpenExisting(keyName);
        var builder = new StringBuilder();
        builder.Append('\n').Append(fullName).Append('\n');
        for (var i = 0; RegistryApi.EnumValue(key, i, out var value) == 0; i++)
        {
            builder.Append("    ").Append(value!.Name.Length == 0 ? "(Default)" : value.Name)
                .Append("    ").Append(RegistryValueTypes.Name(value.Type))
                .Append("    ").Append(QueryData(value)).Append('\n');
        }
        var names = SubKeyNames(key);
        if (names.Count > 0)
            builder.Append('\n');
        foreach (var name in names)
            builder.Append(fullName).Append('\\').Append(name).Append('\n');
        return builder.ToString();
    }

    private static string QueryData(RegistryValue value) => value.Type switch
    {
        REG_SZ or REG_EXPAND_SZ => DataText(value.Data),
        REG_MULTI_SZ => string.Join("\\0", MultiStrings(value.Data)),
        REG_DWORD when value.Data.Length == 4 => "0x" + BitConverter.ToUInt32(value.Data).ToString("x", CultureInfo.InvariantCulture),
        REG_QWORD when value.Data.Length == 8 => "0x" + BitConverter.ToUInt64(value.Data).ToString("x", CultureInfo.InvariantCulture),
        _ => Convert.ToHexString(value.Data),
    };

    /// <summary>Applies a .reg file; returns the number of keys and values it created, changed or deleted.</summary>
    public int Import(string regText, string sourceName = "<import>")
    {
        var lines = regText.TrimStart('\uFEFF').Replace("\r\n", "\n").Split('\n');
        var header = lines.Length > 0 ? lines[0].Trim() : string.Empty;
        var ansi = header == Version4Header;
        if (!ansi && header != Version5Header)
            throw new RegistryFileException(sourceName, 1, $"not a .reg file (the first line must be '{Version5Header}' or '{Version4Header}')");
        var changes = 0;
        RegistryKeyHandle? current = null;
        var index = 1;
        while (index < lines.Length)
        {
            var lineNumber = index + 1;
            var line = lines[index++].Trim();
            if (line.Length == 0 || line.StartsWith(';'))
                continue;
            if (line.StartsWith('['))
            {
                var close = line.LastIndexOf(']');
                if (close < 0)
                    throw new RegistryFileException(sourceName, lineNumber, "unterminated key name (missing ']')");
                var name = line[1..close];
                if (name.StartsWith('-'))
                {
                    current = null;
                    var (root, path) = ParseKeyName(name[1..], sourceName, lineNumber);
                    var error = RegistryApi.DeleteTree(Root(root), path);
                    if (error == 0)
                        changes++;
                    else if (error != Win32Error.ERROR_FILE_NOT_FOUND)
                        throw new RegistryFileException(sourceName, lineNumber, $"cannot delete {name[1..]} (error {error})");
                }
                else
                {
                    var (root, path) = ParseKeyName(name, sourceName, lineNumber);
                    var error = RegistryApi.Create(Root(root), path, null, RegistryAccess.KEY_ALL_ACCESS, out current, out var created);
                    if (error != 0)
                        throw new RegistryFileException(sourceName, lineNumber, $"cannot create {name} (error {error})");
                    if (created)
                        changes++;
                }
                continue;
            }
            var joined = line;
            while (joined.EndsWith('\\') && index < lines.Length)
                joined = joined[..^1] + lines[index++].Trim();
            if (!RegFileSyntax.TryParseValue(joined, out var value, out var delete, out var problem))
                throw new RegistryFileException(sourceName, lineNumber, problem);
            if (current is null)
                throw new RegistryFileException(sourceName, lineNumber, "value outside of any [key] section");
            if (delete)
            {
                if (RegistryApi.DeleteValue(current, value!.Name) == 0)
                    changes++;
                continue;
            }
            var data = value!.Data;
            if (ansi && value.Type is REG_EXPAND_SZ or REG_MULTI_SZ && joined.Contains("=hex(", StringComparison.OrdinalIgnoreCase))
                data = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(data));
            var setError = RegistryApi.SetValue(current, value.Name, value.Type, data);
            if (setError != 0)
                throw new RegistryFileException(sourceName, lineNumber, $"cannot set value (error {setError})");
            changes++;
        }
        return changes;
    }

    private RegistryKeyHandle Root(RegistryRoot root) => new(store, root, Array.Empty<string>(), RegistryAccess.KEY_ALL_ACCESS, false);

    private (RegistryKeyHandle Key, string FullName) OpenExisting(string keyName)
    {
        var (root, path) = ParseKeyName(keyName, "<key>", 0);
        var error = RegistryApi.Open(Root(root), path, RegistryAccess.KEY_READ, out var key);
        if (error != 0)
            throw new KeyNotFoundException($"ERROR: The system was unable to find the specified registry key or value: {keyName}");
        var full = Roots.First(r => r.Root == root).Long;
        return (key!, path.Length == 0 ? full : full + "\\" + path);
    }

    private static (RegistryRoot Root, string Path) ParseKeyName(string keyName, string sourceName, int line)
    {
        var trimmed = keyName.Trim().TrimEnd('\\');
        var slash = trimmed.IndexOf('\\');
        var first = slash < 0 ? trimmed : trimmed[..slash];
        foreach (var (longName, shortName, root) in Roots)
        {
            if (first.Equals(longName, StringComparison.OrdinalIgnoreCase) || first.Equals(shortName, StringComparison.OrdinalIgnoreCase))
                return (root, slash < 0 ? string.Empty : trimmed[(slash + 1)..]);
        }
        throw line == 0
            ? new ArgumentException($"'{keyName}' does not start with a root key (HKEY_CURRENT_USER, HKCU, HKLM …).", nameof(keyName))
            : new RegistryFileException(sourceName, line, $"'{keyName}' does not start with a root key");
    }
}
