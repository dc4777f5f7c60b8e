using System.Collections;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The Windows guest's environment block as its managed code sees it: the process's variables, the prefix's defaults
/// for the Windows variables a host does not set (USERPROFILE, APPDATA, SystemRoot … — the same values kernel32's
/// GetEnvironmentVariableW answers: <see cref="GuestFileSystem.EnvironmentValue"/> is the one source).
/// </summary>
internal static class GuestEnvironment
{
    public static string? Get(string name) => GuestFileSystem.Current.EnvironmentValue(name);

    public static IDictionary All()
    {
        var variables = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, _) in Bridge.Environment.GetVariables())
            variables[name] = Get(name);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var name in GuestFileSystem.DefaultedVariables.Append("PATHEXT"))
            {
                if (!variables.ContainsKey(name) && Get(name) is { } value)
                    variables[name] = value;
            }
        }
        return variables;
    }

    /// <summary>%NAME% replaced by the variable's value; unknown names and lone % stay as written (Windows' rule).</summary>
    public static string Expand(string text)
    {
        var start = text.IndexOf('%');
        if (start < 0)
            return text;
        var result = new System.Text.StringBuilder(text.Length + 32);
        result.Append(text, 0, start);
        var index = start;
        while (index < text.Length)
        {
            var close = text[index] == '%' ? text.IndexOf('%', index + 1) : -1;
            if (close > index + 1 && Get(text.Substring(index + 1, close - index - 1)) is { } value)
            {
                result.Append(value);
                index = close + 1;
            }
            else if (close > index)
            {
                result.Append(text, index, close - index); // "%unknown" stays; its closing % may open the next name
                index = close;
            }
            else
            {
                var next = text.IndexOf('%', index + 1); // plain text (or a lone %) up to the next %
                var end = next < 0 ? text.Length : next;
                result.Append(text, index, end - index);
                index = end;
            }
        }
        return result.ToString();
    }
}
