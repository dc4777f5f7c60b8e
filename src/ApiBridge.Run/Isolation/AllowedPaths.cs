namespace ApiBridge.Run.Isolation;

/// <summary>
/// Paths the user grants a contained guest: <c>--allow PATH[:ro]</c> (repeatable) and <c>APIBRIDGE_ALLOW</c> (the same
/// entries, separated by the host's path separator, <c>:</c> on Linux). Read-write unless the entry ends in <c>:ro</c>.
/// </summary>
public static class AllowedPaths
{
    public const string Variable = "APIBRIDGE_ALLOW";
    private const string ReadOnlySuffix = ":ro";

    /// <summary>The grants of the option values and of the variable, as full paths.</summary>
    /// <exception cref="ArgumentException">An entry that is not a usable path (the message names it).</exception>
    public static IReadOnlyList<PathGrant> Parse(IEnumerable<string> optionValues, string? variable)
    {
        var grants = new List<PathGrant>();
        foreach (var value in optionValues)
            grants.Add(ParseOne(value, "--allow"));
        foreach (var entry in SplitVariable(variable))
            grants.Add(ParseOne(entry, Variable));
        return grants;
    }

    /// <summary>
    /// The variable's entries. "/data:ro" is one entry, not "/data" and "ro": a path separator followed by "ro" and the
    /// end or another separator marks the entry before it read-only.
    /// </summary>
    private static IEnumerable<string> SplitVariable(string? variable)
    {
        if (string.IsNullOrWhiteSpace(variable))
            yield break;
        var parts = variable.Split(Path.PathSeparator);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
                continue;
            if (Path.PathSeparator == ':' && i + 1 < parts.Length && parts[i + 1] == "ro")
            {
                yield return parts[i] + ReadOnlySuffix;
                i++;
            }
            else
            {
                yield return parts[i];
            }
        }
    }

    private static PathGrant ParseOne(string entry, string source)
    {
        var readOnly = entry.EndsWith(ReadOnlySuffix, StringComparison.Ordinal);
        var path = readOnly ? entry[..^ReadOnlySuffix.Length] : entry;
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
