using ApiBridge.Runtime;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The POSIX guest's environment block, as libc's getenv and the managed view (<c>Environment.GetEnvironmentVariable</c>)
/// both see it: <see cref="Bridge.Environment"/> with POSIX rules. Names are case-sensitive on every host;
/// <c>HOME</c> reads as the path view's home when the view is not the identity. On a Windows host the Windows-only
/// variables (USERPROFILE, APPDATA, SystemRoot …) are not part of a Linux process's block, and <c>PATH</c> reads as
/// guest paths separated by <c>:</c>. On a Linux host (identity view) it is the process block as it is.
/// </summary>
public static class GuestEnvironment
{
    private static readonly bool HostIsWindows = OperatingSystem.IsWindows();

    // Variables Windows (and Wine) give every process that a Linux process does not have.
    private static readonly HashSet<string> WindowsOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALLUSERSPROFILE", "APPDATA", "CommonProgramFiles", "CommonProgramFiles(x86)", "CommonProgramW6432", "COMPUTERNAME",
        "ComSpec", "HOMEDRIVE", "HOMEPATH", "LOCALAPPDATA", "LOGONSERVER", "NUMBER_OF_PROCESSORS", "OS", "PATHEXT",
        "PROCESSOR_ARCHITECTURE", "PROCESSOR_IDENTIFIER", "PROCESSOR_LEVEL", "PROCESSOR_REVISION", "ProgramData",
        "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "PUBLIC", "SystemDrive", "SystemRoot", "TEMP", "TMP",
        "USERDOMAIN", "USERPROFILE", "windir", "winsysdir",
    };

    /// <summary>The variable's value as the guest sees it, or null when unset.</summary>
    public static string? Get(string name)
    {
        var view = PosixServices.View;
        if (name == "HOME" && view.HomeGuestPath is { } home)
            return home;
        if (!HostIsWindows)
        {
            var own = Bridge.Environment.GetVariable(name);
            // Found by its exact name in the host's case-sensitive block, or (a block that matches names in any
            // case, as a Windows guest's would) only when that very name is in the list.
            return own is null || own == System.Environment.GetEnvironmentVariable(name) || HasExactName(name) ? own : null;
        }
        if (WindowsOnly.Contains(name))
            return null;
        var isPath = name == "PATH";
        var value = Bridge.Environment.GetVariable(name);
        if (value is null || (!isPath && !HasExactName(name)))
            return null; // Windows found it under another case: for a POSIX guest that is another variable
        return isPath && !view.IsIdentity ? GuestPathList(value, view) : value;
    }

    /// <summary>
    /// Sets (null: removes) a variable of the guest's block, as setenv, putenv, unsetenv and the managed view do, and
    /// keeps a guest's <c>environ</c> array (<see cref="EnvironBlock"/>) in step.
    /// </summary>
    public static void Set(string name, string? value)
    {
        Bridge.Environment.SetVariable(name, value);
        EnvironBlock.Changed();
    }

    /// <summary>Every variable the guest sees (name → value), names case-sensitive.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All()
    {
        var list = new List<KeyValuePair<string, string>>();
        var sawHome = false;
        foreach (var (name, _) in Bridge.Environment.GetVariables())
        {
            var guestName = HostIsWindows && name.Equals("PATH", StringComparison.OrdinalIgnoreCase) ? "PATH" : name;
            if (Get(guestName) is not { } value)
                continue;
            sawHome |= guestName == "HOME";
            list.Add(new(guestName, value));
        }
        if (!sawHome && PosixServices.View.HomeGuestPath is { } home)
            list.Add(new("HOME", home));
        return list;
    }

    private static bool HasExactName(string name)
    {
        foreach (var (candidate, _) in Bridge.Environment.GetVariables())
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>A Windows <c>;</c> list of folders as the guest's <c>:</c> list (folders the guest cannot see are left out).</summary>
    private static string GuestPathList(string value, PosixPathView view)
    {
        var folders = new List<string>();
        foreach (var entry in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.StartsWith('/'))
                folders.Add(entry);
            else if (Path.IsPathFullyQualified(entry) && view.ToGuest(entry) is { } guest)
                folders.Add(guest);
        }
        return string.Join(':', folders);
    }
}
