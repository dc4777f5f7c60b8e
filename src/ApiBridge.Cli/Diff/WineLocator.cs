namespace ApiBridge.Cli.Diff;

/// <summary>Finds Wine for a reference run: <c>--wine</c>, <c>$APIBRIDGE_WINE</c>, Debian's wine64, then wine64/wine on PATH.</summary>
internal static class WineLocator
{
    public const string Variable = "APIBRIDGE_WINE";
    private const string DebianWine64 = "/usr/lib/wine/wine64";

    public static string? Find(string? given)
    {
        if (!string.IsNullOrEmpty(given))
            return File.Exists(given) ? Path.GetFullPath(given) : null;
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured && File.Exists(configured))
            return configured;
        if (File.Exists(DebianWine64))
            return DebianWine64;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "wine64", "wine" })
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }

    public static string NotFound(string? given) => given is not null
        ? $"--wine {given}: no such file"
        : $"the reference run of a Windows guest needs Wine, and none was found (looked at ${Variable}, {DebianWine64}, "
          + "wine64 and wine on PATH): install it (Debian/Ubuntu: apt-get install wine64) or give --wine PATH";

    /// <summary>The wineserver that belongs to <paramref name="wine"/> (to stop a prefix's server before it is deleted).</summary>
    public static string? Server(string wine)
    {
        var folder = Path.GetDirectoryName(wine)!;
        foreach (var name in new[] { "wineserver", "wineserver64" })
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return File.Exists("/usr/bin/wineserver") ? "/usr/bin/wineserver" : null;
    }
}
