using System.Globalization;
using System.Text;

namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// The change journal next to a hive file (<c>user.reg.journal</c> beside <c>user.reg</c>): the hive is its
/// <c>.reg</c> file plus the journal's records replayed in order. A change is one record appended with one write
/// under the registry lock, so a set costs an append instead of rewriting the whole file; the <c>.reg</c> is
/// rewritten (temporary file + rename, then the journal truncated) only when the journal grows past a threshold and
/// when the store is disposed or the process exits cleanly.
/// <para>Format: UTF-8 (in practice ASCII: every string is escaped as in Wine's files), one record per line:</para>
/// <code>
/// &lt;crc32, 8 hex digits&gt; &lt;record number&gt; &lt;operation&gt;[\t&lt;operation&gt;…]\n
/// </code>
/// The CRC-32 covers everything after its following space up to (not including) the newline. One record holds all the
/// operations of one change (an API call), so a change is applied whole or not at all. Operations, with key paths
/// relative to the hive root and escaped as in a Wine <c>[key]</c> line, times FILETIME in hex:
/// <code>
/// key [path] &lt;time&gt;              the key exists (missing keys on the way are created) with this last write time
/// class [path] "text"             the key's class
/// set [path] &lt;time&gt; "name"=data   a value (Wine's value syntax on one line), or "name"=- to delete it; sets the time
/// delete [path]                   the key and everything under it are gone
/// clear [path] &lt;time&gt;            the key has no subkeys and no values any more
/// </code>
/// Record numbers increase by one. A rewritten <c>.reg</c> carries the comment <c>;; apibridge-journal=N</c>: records
/// up to N are already in it (so a process killed between the rename and the truncation replays nothing twice).
/// A final record without its newline or with a wrong checksum is what a process killed in the middle of its append
/// leaves: that change was never acknowledged, so it is ignored and cut off by the next writer. A bad record followed
/// by good ones is corruption: <see cref="RegistryFileException"/> with the journal's path and line.
/// </summary>
internal static class RegistryJournal
{
    public const string Suffix = ".journal";

    public static string PathFor(string regPath) => regPath + Suffix;

    /// <summary>One record's bytes: its number, checksum and operations, newline-terminated.</summary>
    public static byte[] Encode(long number, IReadOnlyList<string> operations)
    {
        var body = number.ToString(CultureInfo.InvariantCulture) + " " + string.Join('\t', operations);
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var record = new byte[9 + bodyBytes.Length + 1];
        var crc = Crc32(bodyBytes);
        for (var i = 0; i < 8; i++)
            record[i] = (byte)"0123456789abcdef"[(int)(crc >> (28 - 4 * i)) & 0xf];
        record[8] = (byte)' ';
        bodyBytes.CopyTo(record, 9);
        record[^1] = (byte)'\n';
        return record;
    }

    /// <summary>
    /// Applies the records numbered above <paramref name="after"/> to <paramref name="root"/>. Returns the last record
    /// number seen (at least <paramref name="after"/>) and the length of the journal's valid part (a torn tail excluded).
    /// </summary>
    public static (long LastNumber, int ValidLength) Replay(RegistryNode root, ReadOnlySpan<byte> journal, string journalPath, long after)
    {
        var last = after;
        var position = 0;
        var line = 0;
        var tornAt = -1;
        var tornLine = 0;
        while (position < journal.Length)
        {
            line++;
            var end = journal[position..].IndexOf((byte)'\n');
            var complete = end >= 0;
            var record = complete ? journal.Slice(position, end) : journal[position..];
            var next = complete ? position + end + 1 : journal.Length;
            if (!TryDecode(record, out var number, out var body))
            {
                if (tornAt < 0)
                {
                    tornAt = position;
                    tornLine = line;
                }
                position = next;
                continue;
            }
            if (tornAt >= 0)
                throw new RegistryFileException(journalPath, tornLine, "damaged journal record (bad checksum) followed by valid ones");
            if (number > last)
            {
                Apply(root, body, journalPath, line);
                last = number;
            }
            position = next;
        }
        return (last, tornAt >= 0 ? tornAt : journal.Length);
    }

    private static bool TryDecode(ReadOnlySpan<byte> record, out long number, out string body)
    {
        number = 0;
        body = string.Empty;
        if (record.Length < 11 || record[8] != (byte)' ')
            return false;
        if (!uint.TryParse(Encoding.ASCII.GetString(record[..8]), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var crc))
            return false;
        var bodyBytes = record[9..];
        if (Crc32(bodyBytes) != crc)
            return false;
        body = Encoding.UTF8.GetString(bodyBytes);
        var space = body.IndexOf(' ');
        if (space <= 0 || !long.TryParse(body.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            return false;
        body = body[(space + 1)..];
        return true;
    }

    private static void Apply(RegistryNode root, string body, string journalPath, int line)
    {
        foreach (var operation in body.Split('\t'))
        {
            var space = operation.IndexOf(' ');
            var verb = space < 0 ? operation : operation[..space];
            var bracket = operation.IndexOf('[');
            if (bracket < 0 || !RegFileSyntax.TryParseKeyLine(operation[bracket..], out var path, out var rest))
                throw new RegistryFileException(journalPath, line, $"malformed journal operation '{operation}'");
            switch (verb)
            {
                case "key":
                    Ensure(root, path).LastWriteTime = Time(rest, journalPath, line);
                    break;
                case "class":
                {
                    var position = 1;
                    var text = rest.StartsWith('"') ? RegFileSyntax.ReadEscaped(rest, ref position, '"') : null;
                    Ensure(root, path).Class = text ?? throw new RegistryFileException(journalPath, line, "malformed class in journal");
                    break;
                }
                case "set":
                {
                    var split = rest.IndexOf(' ');
                    if (split < 0)
                        throw new RegistryFileException(journalPath, line, "malformed set in journal");
                    var time = Time(rest[..split], journalPath, line);
                    if (!RegFileSyntax.TryParseValue(rest[(split + 1)..], out var value, out var delete, out var problem))
                        throw new RegistryFileException(journalPath, line, problem);
                    var node = Ensure(root, path);
                    if (delete)
                    {
                        var index = node.IndexOfValue(value!.Name);
                        if (index >= 0)
                            node.Values.RemoveAt(index);
                    }
                    else
                        node.SetValue(value!.Name, value.Type, value.Data);
                    node.LastWriteTime = time;
                    break;
                }
                case "delete":
                    Walk(root, path)?.Detach();
                    break;
                case "clear":
                {
                    var node = Ensure(root, path);
                    foreach (var child in node.SortedChildren)
                        child.Detach();
                    node.Values.Clear();
                    node.LastWriteTime = Time(rest, journalPath, line);
                    break;
                }
                default:
                    throw new RegistryFileException(journalPath, line, $"unknown journal operation '{verb}'");
            }
        }
    }

    private static long Time(string text, string journalPath, int line) =>
        long.TryParse(text.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var time)
            ? time
            : throw new RegistryFileException(journalPath, line, $"malformed time '{text}' in journal");

    private static RegistryNode Ensure(RegistryNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('\\', StringSplitOptions.RemoveEmptyEntries))
            node = node.Child(part) ?? node.AddChild(part, 0);
        return node;
    }

    private static RegistryNode? Walk(RegistryNode root, string path)
    {
        RegistryNode? node = root;
        foreach (var part in path.Split('\\', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.Child(part);
            if (node is null)
                return null;
        }
        return node;
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }

    /// <summary>CRC-32 (IEEE 802.3, as zlib).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
            crc = CrcTable[(crc ^ b) & 0xff] ^ (crc >> 8);
        return ~crc;
    }

    /// <summary>
    /// A hive as it is on disk now: its <c>.reg</c> file with its journal replayed (no lock taken, nothing written).
    /// For tests and tools that look at a prefix from outside.
    /// </summary>
    public static RegistryNode ReadHive(string regPath)
    {
        var root = WineRegistryFile.Parse(File.ReadAllText(regPath), regPath, out var applied);
        var journalPath = PathFor(regPath);
        if (File.Exists(journalPath))
            Replay(root, File.ReadAllBytes(journalPath), journalPath, applied);
        return root;
    }
}

/// <summary>The journal operations of one change, gathered while the change is applied in memory.</summary>
internal sealed class RegistryChangeLog
{
    public List<string> Operations { get; } = new();

    private static string KeyPart(RegistryNode node) =>
        "[" + RegFileSyntax.Escape(node.PathInHive(), ']', RegFileSyntax.Dialect.Wine) + "]";

    private static string Hex(long time) => time.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>The key exists with its current last write time.</summary>
    public void Key(RegistryNode node) => Operations.Add("key " + KeyPart(node) + " " + Hex(node.LastWriteTime));

    public void Class(RegistryNode node)
    {
        if (node.Class is not null)
            Operations.Add("class " + KeyPart(node) + " \"" + RegFileSyntax.Escape(node.Class, '"', RegFileSyntax.Dialect.Wine) + "\"");
    }

    /// <summary>The value as it now is in the key (and the key's time).</summary>
    public void Value(RegistryNode node, RegistryValue value) =>
        Operations.Add("set " + KeyPart(node) + " " + Hex(node.LastWriteTime) + " "
            + RegFileSyntax.FormatValue(value, RegFileSyntax.Dialect.Wine).Replace("\\\n  ", string.Empty, StringComparison.Ordinal));

    public void DeletedValue(RegistryNode node, string name) =>
        Operations.Add("set " + KeyPart(node) + " " + Hex(node.LastWriteTime) + " "
            + (name.Length == 0 ? "@" : "\"" + RegFileSyntax.Escape(name, '"', RegFileSyntax.Dialect.Wine) + "\"") + "=-");

    /// <summary>Call before <see cref="RegistryNode.Detach"/> (the path is taken from the node's parents).</summary>
    public void DeleteKey(RegistryNode node) => Operations.Add("delete " + KeyPart(node));

    public void Clear(RegistryNode node) => Operations.Add("clear " + KeyPart(node) + " " + Hex(node.LastWriteTime));
}
