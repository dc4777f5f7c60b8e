using System.Globalization;
using System.Text;
using static ApiBridge.Shims.Win32.Registry.Storage.RegistryValueTypes;

namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// The value syntax shared by Wine's registry files and regedit's .reg files: <c>"name"=</c> or <c>@=</c>, then
/// <c>"text"</c> (REG_SZ), <c>str(N):"text"</c> (Wine, string types), <c>dword:0000002a</c>, <c>hex:01,02</c> (REG_BINARY)
/// or <c>hex(N):…</c> (any type), with <c>\</c> line continuations for long hex data.
/// </summary>
internal static class RegFileSyntax
{
    /// <summary>How strings are escaped: Wine's files escape control and non-ASCII characters; regedit only <c>\</c> and <c>"</c>.</summary>
    public enum Dialect
    {
        Wine,
        Regedit,
    }

    public static string Escape(string text, char quote, Dialect dialect)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\') builder.Append("\\\\");
            else if (c == quote || (quote == ']' && c == '[')) builder.Append('\\').Append(c);
            else if (dialect == Dialect.Regedit) builder.Append(c);
            else if (c == '\n') builder.Append("\\n");
            else if (c == '\r') builder.Append("\\r");
            else if (c == '\t') builder.Append("\\t");
            else if (c == '\0') builder.Append(i + 1 < text.Length && text[i + 1] is >= '0' and <= '7' ? "\\000" : "\\0");
            else if (c < ' ' || c > '~') builder.Append("\\x").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Reads an escaped string from <paramref name="position"/> up to the unescaped <paramref name="terminator"/>; null when it is missing.</summary>
    public static string? ReadEscaped(string line, ref int position, char terminator)
    {
        var builder = new StringBuilder();
        while (position < line.Length)
        {
            var c = line[position++];
            if (c == terminator)
                return builder.ToString();
            if (c != '\\' || position >= line.Length)
            {
                builder.Append(c);
                continue;
            }
            var e = line[position++];
            switch (e)
            {
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'e': builder.Append('\x1b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case 'x':
                {
                    var value = 0;
                    var digits = 0;
                    while (digits < 4 && position < line.Length && Uri.IsHexDigit(line[position]))
                    {
                        value = value * 16 + Convert.ToInt32(line[position].ToString(), 16);
                        position++;
                        digits++;
                    }
                    builder.Append(digits == 0 ? 'x' : (char)value);
                    break;
                }
                case >= '0' and <= '7':
                {
                    var value = e - '0';
                    var digits = 1;
                    while (digits < 3 && position < line.Length && line[position] is >= '0' and <= '7')
                    {
                        value = value * 8 + (line[position++] - '0');
                        digits++;
                    }
                    builder.Append((char)value);
                    break;
                }
                default: builder.Append(e); break;
            }
        }
        return null;
    }

    /// <summary>The <c>"name"=data</c> line(s) of a value, without a final newline.</summary>
    public static string FormatValue(RegistryValue value, Dialect dialect)
    {
        var name = value.Name.Length == 0 ? "@" : "\"" + Escape(value.Name, '"', dialect) + "\"";
        var prefix = name + "=";
        var data = value.Data;
        if (IsString(value.Type) && data.Length >= 2 && data.Length % 2 == 0 && data[^1] == 0 && data[^2] == 0)
        {
            var text = Encoding.Unicode.GetString(data, 0, data.Length - 2);
            if (value.Type == REG_SZ && (dialect == Dialect.Wine || !text.Any(char.IsControl)))
                return prefix + "\"" + Escape(text, '"', dialect) + "\"";
            if (dialect == Dialect.Wine)
                return prefix + $"str({value.Type:x}):\"" + Escape(text, '"', dialect) + "\"";
        }
        if (value.Type == REG_DWORD && data.Length == 4)
            return prefix + "dword:" + BitConverter.ToUInt32(data).ToString("x8", CultureInfo.InvariantCulture);
        var builder = new StringBuilder(prefix);
        builder.Append(value.Type == REG_BINARY ? "hex:" : $"hex({value.Type:x}):");
        var count = builder.Length;
        for (var i = 0; i < data.Length; i++)
        {
            builder.Append(data[i].ToString("x2", CultureInfo.InvariantCulture));
            count += 2;
            if (i < data.Length - 1)
            {
                builder.Append(',');
                if (++count > 76)
                {
                    builder.Append("\\\n  ");
                    count = 2;
                }
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Parses a value line (continuations already joined). Returns false with a reason when malformed; a
    /// <c>"name"=-</c> line (regedit: delete the value) gives <paramref name="delete"/> true.
    /// </summary>
    public static bool TryParseValue(string line, out RegistryValue? value, out bool delete, out string problem)
    {
        value = null;
        delete = false;
        problem = string.Empty;
        var position = 0;
        string? name;
        if (line.StartsWith('@'))
        {
            name = string.Empty;
            position = 1;
        }
        else if (line.StartsWith('"'))
        {
            position = 1;
            name = ReadEscaped(line, ref position, '"');
            if (name is null)
            {
                problem = "unterminated value name";
                return false;
            }
        }
        else
        {
            problem = "expected a value line (\"name\"=… or @=…), a [key] line or a comment";
            return false;
        }
        while (position < line.Length && line[position] == ' ') position++;
        if (position >= line.Length || line[position] != '=')
        {
            problem = "expected '=' after the value name";
            return false;
        }
        position++;
        while (position < line.Length && line[position] == ' ') position++;
        var rest = line[position..].TrimEnd();
        if (rest == "-")
        {
            delete = true;
            value = new RegistryValue(name, REG_NONE, Array.Empty<byte>());
            return true;
        }
        if (rest.StartsWith('"') || rest.StartsWith("str:\"", StringComparison.Ordinal) || rest.StartsWith("str(", StringComparison.Ordinal))
        {
            var type = REG_SZ;
            var p = 0;
            if (rest.StartsWith("str(", StringComparison.Ordinal))
            {
                var close = rest.IndexOf(')');
                if (close < 0 || !int.TryParse(rest.AsSpan(4, close - 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out type) || close + 1 >= rest.Length || rest[close + 1] != ':')
                {
                    problem = "malformed str(N): type";
                    return false;
                }
                p = close + 2;
            }
            else if (rest.StartsWith("str:", StringComparison.Ordinal))
                p = 4;
            if (p >= rest.Length || rest[p] != '"')
            {
                problem = "expected '\"' to start string data";
                return false;
            }
            p++;
            var text = ReadEscaped(rest, ref p, '"');
            if (text is null)
            {
                problem = "unterminated string data";
                return false;
            }
            if (rest[p..].Trim().Length != 0)
            {
                problem = "unexpected text after string data";
                return false;
            }
            value = new RegistryValue(name, type, StringData(text));
            return true;
        }
        if (rest.StartsWith("dword:", StringComparison.OrdinalIgnoreCase))
        {
            var digits = rest[6..].Trim();
            if (digits.Length is 0 or > 8 || !uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var number))
            {
                problem = "malformed dword: data (expected up to 8 hex digits)";
                return false;
            }
            value = new RegistryValue(name, REG_DWORD, BitConverter.GetBytes(number));
            return true;
        }
        if (rest.StartsWith("hex", StringComparison.OrdinalIgnoreCase))
        {
            var type = REG_BINARY;
            var p = 3;
            if (p < rest.Length && rest[p] == '(')
            {
                var close = rest.IndexOf(')', p);
                if (close < 0 || !int.TryParse(rest.AsSpan(p + 1, close - p - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out type))
                {
                    problem = "malformed hex(N): type";
                    return false;
                }
                p = close + 1;
            }
            if (p >= rest.Length || rest[p] != ':')
            {
                problem = "expected ':' after hex";
                return false;
            }
            var bytes = new List<byte>();
            foreach (var part in rest[(p + 1)..].Split(','))
            {
                var token = part.Trim();
                if (token.Length == 0)
                    continue;
                if (token.Length > 2 || !byte.TryParse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                {
                    problem = $"malformed hex byte '{token}'";
                    return false;
                }
                bytes.Add(b);
            }
            value = new RegistryValue(name, type, bytes.ToArray());
            return true;
        }
        problem = "unknown value data (expected \"text\", str(N):, dword: or hex:)";
        return false;
    }

    /// <summary>Parses a <c>[path]</c> section header; <paramref name="rest"/> is what follows the closing bracket.</summary>
    public static bool TryParseKeyLine(string line, out string path, out string rest)
    {
        var position = 1;
        var parsed = ReadEscaped(line, ref position, ']');
        path = parsed ?? string.Empty;
        rest = parsed is null ? string.Empty : line[position..].Trim();
        return parsed is not null;
    }
}
