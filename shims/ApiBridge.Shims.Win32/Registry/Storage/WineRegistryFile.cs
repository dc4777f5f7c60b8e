using System.Globalization;
using System.Text;

namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// Reads and writes one hive in Wine's registry file format (<c>system.reg</c>, <c>user.reg</c>):
/// <code>
/// WINE REGISTRY Version 2
/// ;; All keys relative to REGISTRY\\Machine
///
/// #arch=win64
///
/// [Software\\Microsoft\\Windows NT\\CurrentVersion] 1700000000
/// #time=1da1f2c3d4e5f60
/// "CurrentBuild"="19045"
/// "InstallDate"=dword:65a1b2c3
/// </code>
/// Key paths are relative to the hive root with <c>\</c> escaped; the number after <c>]</c> is the last write time
/// in Unix seconds and <c>#time=</c> the same as a FILETIME. As Wine does, a key is written only when it has values,
/// a class or no subkeys (the others are implied by their subkeys' paths).
/// </summary>
internal static class WineRegistryFile
{
    public const string Signature = "WINE REGISTRY Version 2";

    /// <summary>The comment a rewritten file carries: journal records up to this number are included (<see cref="RegistryJournal"/>).</summary>
    public const string JournalComment = ";; apibridge-journal=";

    public static RegistryNode Parse(string text, string filePath) => Parse(text, filePath, out _);

    public static RegistryNode Parse(string text, string filePath, out long journalApplied)
    {
        journalApplied = 0;
        var root = new RegistryNode(string.Empty, null);
        var lines = text.Split('\n');
        var lineNumber = 0;
        RegistryNode? current = null;
        var sawSignature = false;
        while (lineNumber < lines.Length)
        {
            var line = lines[lineNumber++].TrimEnd('\r');
            var startLine = lineNumber;
            if (!sawSignature)
            {
                if (line.Length == 0 && lineNumber == 1 && lines.Length == 1)
                    return root; // an empty file: an empty hive
                if (line.TrimStart('\uFEFF') != Signature)
                    throw new RegistryFileException(filePath, lineNumber, $"not a Wine registry file (the first line must be '{Signature}')");
                sawSignature = true;
                continue;
            }
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith(';'))
            {
                if (trimmed.StartsWith(JournalComment, StringComparison.Ordinal)
                    && long.TryParse(trimmed.AsSpan(JournalComment.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var applied))
                    journalApplied = applied;
                continue;
            }
            if (trimmed.StartsWith('['))
            {
                if (!RegFileSyntax.TryParseKeyLine(trimmed, out var path, out var rest))
                    throw new RegistryFileException(filePath, startLine, "unterminated key name (missing ']')");
                current = CreatePath(root, path, filePath, startLine);
                if (rest.Length > 0)
                {
                    if (!long.TryParse(rest, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                        throw new RegistryFileException(filePath, startLine, $"unexpected text '{rest}' after the key name");
                    current.LastWriteTime = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToFileTimeUtc();
                }
                continue;
            }
            if (trimmed.StartsWith('#'))
            {
                if (current is null)
                    continue; // #arch= and other global options
                if (trimmed.StartsWith("#time=", StringComparison.Ordinal))
                {
                    if (!long.TryParse(trimmed.AsSpan(6), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var time))
                        throw new RegistryFileException(filePath, startLine, "malformed #time= value");
                    current.LastWriteTime = time;
                }
                else if (trimmed.StartsWith("#class=", StringComparison.Ordinal))
                {
                    var position = 8;
                    current.Class = trimmed.Length > 7 && trimmed[7] == '"' ? RegFileSyntax.ReadEscaped(trimmed, ref position, '"') : null;
                    if (current.Class is null)
                        throw new RegistryFileException(filePath, startLine, "malformed #class= value");
                }
                else if (trimmed == "#link")
                    current.IsLink = true;
                continue;
            }
            // A value, possibly continued over several lines with a trailing backslash (hex data).
            var joined = trimmed;
            while (joined.EndsWith('\\') && !joined.EndsWith("\"", StringComparison.Ordinal) && lineNumber < lines.Length)
                joined = joined[..^1] + lines[lineNumber++].TrimEnd('\r').Trim();
            if (current is null)
                throw new RegistryFileException(filePath, startLine, "value outside of any [key] section");
            if (!RegFileSyntax.TryParseValue(joined, out var value, out var delete, out var problem) || delete)
                throw new RegistryFileException(filePath, startLine, delete ? "'-' (delete) is not allowed in a registry file" : problem);
            current.SetValue(value!.Name, value.Type, value.Data);
        }
        if (!sawSignature)
            throw new RegistryFileException(filePath, 1, $"not a Wine registry file (the first line must be '{Signature}')");
        return root;
    }

    private static RegistryNode CreatePath(RegistryNode root, string path, string filePath, int line)
    {
        var node = root;
        foreach (var part in path.Split('\\', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length > RegistryLimits.MaxKeyNameLength)
                throw new RegistryFileException(filePath, line, $"key name longer than {RegistryLimits.MaxKeyNameLength} characters");
            node = node.Child(part) ?? node.AddChild(part, 0);
        }
        return node;
    }

    public static string Write(RegistryNode root, string relativeTo, long journalApplied = 0)
    {
        var builder = new StringBuilder(4096);
        builder.Append(Signature).Append('\n');
        builder.Append(";; All keys relative to ").Append(relativeTo.Replace("\\", "\\\\")).Append('\n');
        builder.Append("\n#arch=win64\n");
        if (journalApplied > 0)
            builder.Append(JournalComment).Append(journalApplied.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var child in root.SortedChildren)
            WriteKey(builder, child);
        return builder.ToString();
    }

    private static void WriteKey(StringBuilder builder, RegistryNode node)
    {
        if (node.Values.Count > 0 || node.ChildCount == 0 || node.Class is not null || node.IsLink)
        {
            var time = node.LastWriteTime;
            var seconds = time <= 0 ? 0 : new DateTimeOffset(DateTime.FromFileTimeUtc(time)).ToUnixTimeSeconds();
            builder.Append("\n[").Append(RegFileSyntax.Escape(node.PathInHive(), ']', RegFileSyntax.Dialect.Wine)).Append("] ")
                .Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
            builder.Append("#time=").Append(time.ToString("x", CultureInfo.InvariantCulture)).Append('\n');
            if (node.Class is not null)
                builder.Append("#class=\"").Append(RegFileSyntax.Escape(node.Class, '"', RegFileSyntax.Dialect.Wine)).Append("\"\n");
            if (node.IsLink)
                builder.Append("#link\n");
            foreach (var value in node.Values)
                builder.Append(RegFileSyntax.FormatValue(value, RegFileSyntax.Dialect.Wine)).Append('\n');
        }
        foreach (var child in node.SortedChildren)
            WriteKey(builder, child);
    }
}

/// <summary>Name limits (Microsoft's "Registry element size limits").</summary>
public static class RegistryLimits
{
    public const int MaxKeyNameLength = 255;
    public const int MaxValueNameLength = 16383;
}
