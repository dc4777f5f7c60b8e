using System.Collections;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The Windows guest's environment block as its managed code sees it: the process's variables, the prefix's defaults
/// for the Windows variables a host does not set (USERPROFILE, APPDATA, SystemRoot … — the same values kernel32's
/// GetEnvironmentVariableW answers, from <see cref="GuestFileSystem.EnvironmentValue"/>), PATH in Windows form
/// (Windows' own folders, then the host's entries through the drive table) and PATHEXT.
/// </summary>
internal static class GuestEnvironment
{
    private const string WindowsPathExt = ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC";

    public static string? Get(string name)
    {
        var fs = GuestFileSystem.Current;
        if (OperatingSystem.IsWindows())
            return fs.EnvironmentValue(name);
        if (name.Equals("PATH", StringComparison.OrdinalIgnoreCase))
            return WindowsSearchPath(fs, Bridge.Environment.GetVariable(name));
        if (name.Equals("PATHEXT", StringComparison.OrdinalIgnoreCase))
            return Bridge.Environment.GetVariable(name) ?? WindowsPathExt;
        return fs.EnvironmentValue(name);
    }

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
                result.Append(text, index, text.Length - index);
                break;
            }
        }
        return result.ToString();
    }

    // Windows' folders first (as a Windows PATH has them), then the host's entries as guest paths.
    private static string WindowsSearchPath(GuestFileSystem fs, string? hostPath)
    {
        var entries = new List<string> { fs.SystemDirectory, fs.WindowsDirectory, fs.SystemDirectory + @"\wbem" };
        if (!string.IsNullOrEmpty(hostPath))
        {
            if (hostPath.Contains(';') || hostPath.Contains('\\'))
                return hostPath; // already a Windows-form PATH (set by the guest or a parent guest)
            foreach (var entry in hostPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                if (entry.StartsWith('/'))
                    entries.Add(WindowsPathView.FromHost(entry));
            }
        }
        return string.Join(';', entries.Distinct(StringComparer.OrdinalIgnoreCase));
    }
}
