namespace ApiBridge.Core.Analysis;

/// <summary>
/// The names the runtime tries for a declaration's entry point, in its order. On Windows, unless the declaration
/// has <c>ExactSpelling</c>, the runtime probes the <c>W</c> name first for Unicode and the <c>A</c> name second
/// for ANSI; POSIX libraries have no such suffixes.
/// </summary>
public static class EntryPointResolver
{
    public static IReadOnlyList<string> Candidates(string entryPoint, PlatformFamily family, StringCharSet charSet, bool exactSpelling)
    {
        if (family != PlatformFamily.Windows || exactSpelling)
            return new[] { entryPoint };
        return charSet == StringCharSet.Unicode
            ? new[] { entryPoint + "W", entryPoint }
            : new[] { entryPoint, entryPoint + "A" };
    }
}
