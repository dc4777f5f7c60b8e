using ApiBridge.Runtime;

namespace ApiBridge.Run.Isolation;

/// <summary>
/// Paths the user grants a contained guest: <c>--allow PATH[:ro]</c> (repeatable) and <c>APIBRIDGE_ALLOW</c> (the same
/// entries, separated by the host's path separator, <c>:</c> on Linux). Read-write unless the entry ends in <c>:ro</c>.
/// </summary>
public static class AllowedPaths
{
    public const string Variable = BridgeVariables.Allow;

    /// <summary>The variable's value for <paramref name="grants"/>, as the guest's shims read it.</summary>
    public static string Format(IEnumerable<PathGrant> grants) =>
        AllowList.Format(grants.Select(g => (g.Path, g.Kind == GrantKind.ReadOnly)));

    /// <summary>The grants of the option values and of the variable, as full paths.</summary>
    /// <exception cref="ArgumentException">An entry that is not a usable path (the message names it).</exception>
    public static IReadOnlyList<PathGrant> Parse(IEnumerable<string> optionValues, string? variable)
    {
        var grants = new List<PathGrant>();
        foreach (var value in optionValues)
            grants.Add(ParseOne(value, "--allow"));
        foreach (var entry in AllowList.Entries(variable))
            grants.Add(ParseOne(entry, Variable));
        return grants;
    }

    private static PathGrant ParseOne(string entry, string source)
    {
        var path = AllowList.PathOf(entry, out var readOnly);
        if (path.Length == 0)
            throw new ArgumentException($"{source} '{entry}': no path (expected PATH or PATH:ro)");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"{source} '{entry}' is not a usable path ({error.Message})");
        }
        if (!File.Exists(full) && !Directory.Exists(full))
            throw new ArgumentException($"{source} '{entry}': {full} does not exist");
        return new PathGrant(full, readOnly ? GrantKind.ReadOnly : GrantKind.ReadWrite);
    }
}
