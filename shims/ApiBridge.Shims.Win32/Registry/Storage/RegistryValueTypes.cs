namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>REG_* value types (winnt.h).</summary>
public static class RegistryValueTypes
{
    public const int REG_NONE = 0;
    public const int REG_SZ = 1;
    public const int REG_EXPAND_SZ = 2;
    public const int REG_BINARY = 3;
    public const int REG_DWORD = 4;
    public const int REG_DWORD_BIG_ENDIAN = 5;
    public const int REG_LINK = 6;
    public const int REG_MULTI_SZ = 7;
    public const int REG_RESOURCE_LIST = 8;
    public const int REG_QWORD = 11;

    /// <summary>The name reg.exe and regedit show for a type.</summary>
    public static string Name(int type) => type switch
    {
        REG_NONE => "REG_NONE",
        REG_SZ => "REG_SZ",
        REG_EXPAND_SZ => "REG_EXPAND_SZ",
        REG_BINARY => "REG_BINARY",
        REG_DWORD => "REG_DWORD",
        REG_DWORD_BIG_ENDIAN => "REG_DWORD_BIG_ENDIAN",
        REG_LINK => "REG_LINK",
        REG_MULTI_SZ => "REG_MULTI_SZ",
        REG_RESOURCE_LIST => "REG_RESOURCE_LIST",
        REG_QWORD => "REG_QWORD",
        _ => $"0x{type:x}",
    };

    public static bool IsString(int type) => type is REG_SZ or REG_EXPAND_SZ or REG_MULTI_SZ;

    /// <summary>UTF-16LE bytes of <paramref name="text"/> with a terminating NUL, as Windows stores REG_SZ data.</summary>
    public static byte[] StringData(string text)
    {
        var data = new byte[(text.Length + 1) * 2];
        System.Text.Encoding.Unicode.GetBytes(text, 0, text.Length, data, 0);
        return data;
    }

    /// <summary>REG_MULTI_SZ data: each string NUL-terminated, then one more NUL.</summary>
    public static byte[] MultiStringData(IEnumerable<string> strings) => StringData(string.Concat(strings.Select(s => s + "\0")));

    /// <summary>The text of string data: UTF-16LE up to (not including) the last terminating NUL, an odd last byte dropped.</summary>
    public static string DataText(byte[] data)
    {
        var chars = data.Length / 2;
        var text = System.Text.Encoding.Unicode.GetString(data, 0, chars * 2);
        return text.Length > 0 && text[^1] == '\0' ? text[..^1] : text;
    }

    /// <summary>The strings of REG_MULTI_SZ data, as RegistryKey.GetValue splits them (empty strings kept, final terminators dropped).</summary>
    public static string[] MultiStrings(byte[] data)
    {
        var chars = System.Text.Encoding.Unicode.GetString(data, 0, data.Length / 2 * 2);
        if (chars.Length > 0 && chars[^1] != '\0')
            chars += '\0';
        var result = new List<string>();
        var current = 0;
        while (current < chars.Length)
        {
            var next = chars.IndexOf('\0', current);
            if (next - current > 0)
                result.Add(chars[current..next]);
            else if (next != chars.Length - 1)
                result.Add(string.Empty);
            current = next + 1;
        }
        return result.ToArray();
    }
}
