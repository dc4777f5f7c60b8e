using System.Globalization;
using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// FormatMessageW: system messages (<see cref="SystemMessages"/>, Windows' wording, each ending "\r\n") and message
/// strings, with inserts (%1…%99, "!d!", "!u!", "!x!", "!X!", "!s!" specs, from an argument array or a va_list,
/// which on x64 is the same array of 8-byte slots), the escapes (%0 %n %r %t %% %. %! and "% "), and
/// FORMAT_MESSAGE_MAX_WIDTH_MASK (the pattern's own line breaks become spaces, as Wine shows; narrower widths are not
/// wrapped). FORMAT_MESSAGE_ALLOCATE_BUFFER gives a LocalAlloc block for LocalFree. Errors: an unknown message
/// ERROR_MR_MID_NOT_FOUND, a buffer too small ERROR_INSUFFICIENT_BUFFER, inserts without arguments
/// ERROR_INVALID_PARAMETER. Messages of other modules (FORMAT_MESSAGE_FROM_HMODULE alone) are not available.
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class Messages
{
    public const uint FORMAT_MESSAGE_ALLOCATE_BUFFER = 0x100, FORMAT_MESSAGE_IGNORE_INSERTS = 0x200, FORMAT_MESSAGE_FROM_STRING = 0x400,
        FORMAT_MESSAGE_FROM_HMODULE = 0x800, FORMAT_MESSAGE_FROM_SYSTEM = 0x1000, FORMAT_MESSAGE_ARGUMENT_ARRAY = 0x2000,
        FORMAT_MESSAGE_MAX_WIDTH_MASK = 0xFF;

    /// <summary>
    /// DWORD FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId, LPWSTR lpBuffer,
    /// DWORD nSize, va_list *Arguments) — the length written without the terminator, or 0.
    /// </summary>
    [ShimExport("FormatMessageW")]
    public static uint FormatMessageW(uint flags, nint source, uint messageId, uint languageId, char* buffer, uint size, nint arguments)
    {
        string? pattern;
        if ((flags & FORMAT_MESSAGE_FROM_STRING) != 0)
        {
            if (source == 0)
                return Fail(Win32Error.ERROR_INVALID_PARAMETER);
            pattern = new string((char*)source);
        }
        else if ((flags & FORMAT_MESSAGE_FROM_SYSTEM) != 0 && SystemMessages.Text(messageId) is { } text)
            pattern = text + "\r\n";
        else
            return Fail(Win32Error.ERROR_MR_MID_NOT_FOUND);

        var message = Expand(pattern, flags, (nint*)arguments, out var error);
        if (message is null)
            return Fail(error);
        if ((flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) != 0)
        {
            if (buffer == null)
                return Fail(Win32Error.ERROR_INVALID_PARAMETER);
            var chars = Math.Max(size, (uint)message.Length + 1);
            var block = (char*)LocalMemory.LocalAlloc(0, (nint)(chars * sizeof(char)));
            if (block == null)
                return 0;
            FileShim.CopyOut(message, block, chars);
            *(char**)buffer = block;
            return (uint)message.Length;
        }
        if (buffer == null || (uint)message.Length + 1 > size)
            return Fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        FileShim.CopyOut(message, buffer, size);
        return (uint)message.Length;
    }

    private static string? Expand(string pattern, uint flags, nint* arguments, out int error)
    {
        error = 0;
        var ignoreInserts = (flags & FORMAT_MESSAGE_IGNORE_INSERTS) != 0;
        var joinLines = (flags & FORMAT_MESSAGE_MAX_WIDTH_MASK) != 0;
        var text = new StringBuilder(pattern.Length + 16);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (joinLines && (c == '\r' || c == '\n'))
            {
                if (c == '\r' && i + 1 < pattern.Length && pattern[i + 1] == '\n')
                    i++;
                text.Append(' ');
                continue;
            }
            if (c != '%' || i + 1 >= pattern.Length)
            {
                text.Append(c);
                continue;
            }
            var next = pattern[++i];
            switch (next)
            {
                case '0':
                    return text.ToString();
                case 'n':
                    text.Append("\r\n");
                    continue;
                case 'r':
                    text.Append('\r');
                    continue;
                case 't':
                    text.Append('\t');
                    continue;
                case >= '1' and <= '9':
                    var start = i - 1;
                    var number = next - '0';
                    if (i + 1 < pattern.Length && char.IsAsciiDigit(pattern[i + 1]))
                        number = number * 10 + (pattern[++i] - '0');
                    var spec = "s";
                    if (i + 1 < pattern.Length && pattern[i + 1] == '!' && pattern.IndexOf('!', i + 2) is var close and > 0)
                    {
                        spec = pattern[(i + 2)..close];
                        i = close;
                    }
                    if (ignoreInserts)
                    {
                        text.Append(pattern, start, i - start + 1);
                        continue;
                    }
                    if (arguments == null)
                    {
                        error = Win32Error.ERROR_INVALID_PARAMETER;
                        return null;
                    }
                    text.Append(Insert(arguments[number - 1], spec));
                    continue;
                default:
                    text.Append(next); // %% %. %! and "% " stand for the character itself
                    continue;
            }
        }
        return text.ToString();
    }

    /// <summary>One argument as its printf-style spec says ("s" a wide string; "d", "i", "u", "x", "X", with an optional l/h/I64 size).</summary>
    private static string Insert(nint argument, string spec)
    {
        var conversion = spec.Length == 0 ? 's' : spec[^1];
        var wide = spec.Contains("I64", StringComparison.Ordinal) || spec.Contains("ll", StringComparison.Ordinal);
        return conversion switch
        {
            'd' or 'i' => wide ? ((long)argument).ToString(CultureInfo.InvariantCulture) : ((int)argument).ToString(CultureInfo.InvariantCulture),
            'u' => wide ? ((ulong)argument).ToString(CultureInfo.InvariantCulture) : ((uint)argument).ToString(CultureInfo.InvariantCulture),
            'x' => wide ? ((ulong)argument).ToString("x", CultureInfo.InvariantCulture) : ((uint)argument).ToString("x", CultureInfo.InvariantCulture),
            'X' => wide ? ((ulong)argument).ToString("X", CultureInfo.InvariantCulture) : ((uint)argument).ToString("X", CultureInfo.InvariantCulture),
            'c' => ((char)argument).ToString(),
            _ => argument == 0 ? "(null)" : new string((char*)argument),
        };
    }

    private static uint Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }
}
