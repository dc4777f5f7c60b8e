using System.Text;
using ApiBridge.Runtime;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>
/// ExpandEnvironmentStrings for REG_EXPAND_SZ data, over the guest's environment (<see cref="FileSystem.GuestFileSystem.EnvironmentValue"/>, as kernel32 sees it):
/// <c>%NAME%</c> becomes the variable's value (names ignore case on Windows guests); an undefined name or a lone
/// <c>%</c> stays as written.
/// </summary>
internal static class EnvironmentExpansion
{
    public static string Expand(string text)
    {
        var start = text.IndexOf('%');
        if (start < 0)
            return text;
        var builder = new StringBuilder(text.Length + 32);
        var position = 0;
        while (start >= 0)
        {
            var end = text.IndexOf('%', start + 1);
            if (end < 0)
                break;
            builder.Append(text, position, start - position);
            var name = text.Substring(start + 1, end - start - 1);
            var value = name.Length == 0 ? null : FileSystem.GuestFileSystem.Current.EnvironmentValue(name);
            if (value is null)
            {
                // Not a variable: keep the first '%' and look again from the second one.
                builder.Append('%').Append(name);
                position = end;
                start = end;
                continue;
            }
            builder.Append(value);
            position = end + 1;
            start = text.IndexOf('%', position);
        }
        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }
}
