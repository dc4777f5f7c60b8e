namespace ApiBridge.Runtime;

/// <summary>
/// The form of <see cref="BridgeVariables.Allow"/>: paths a contained guest may use besides its prefix, separated by the
/// host's path separator; an entry ending in <c>:ro</c> is read-only. On Linux the separator is <c>:</c> too, so
/// <c>/data:/docs:ro</c> is two entries, <c>/data</c> and <c>/docs:ro</c>. Read by <c>apibridge run</c> (which grants the
/// paths to the kernel's ruleset) and by the shims (which keep drives mapped into them in isolated mode).
/// </summary>
public static class AllowList
{
    public const string ReadOnlySuffix = ":ro";

    /// <summary>The entries of the variable's value, each a path with its <c>:ro</c> suffix when it has one.</summary>
    public static IEnumerable<string> Entries(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            yield break;
        var parts = value.Split(Path.PathSeparator);
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

    /// <summary>An entry's path, without its <c>:ro</c> suffix.</summary>
    public static string PathOf(string entry, out bool readOnly)
    {
        readOnly = entry.EndsWith(ReadOnlySuffix, StringComparison.Ordinal);
        return readOnly ? entry[..^ReadOnlySuffix.Length] : entry;
    }

    /// <summary>The variable's value for these entries.</summary>
    public static string Format(IEnumerable<(string Path, bool ReadOnly)> entries) =>
        string.Join(Path.PathSeparator, entries.Select(e => e.ReadOnly ? e.Path + ReadOnlySuffix : e.Path));
}
