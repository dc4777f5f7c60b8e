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
    public static string? Get(string name) => GuestFileSystem.CurrentEnvironmentValue(name);

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
}
