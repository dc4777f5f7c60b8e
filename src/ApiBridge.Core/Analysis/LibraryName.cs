namespace ApiBridge.Core.Analysis;

/// <summary>
/// Normalizes the library names guests write in <c>[DllImport]</c>: <c>KERNEL32.dll</c>, <c>kernel32</c> and
/// <c>api-ms-win-core-sysinfo-l1-2-0.dll</c> are one Windows library family; <c>libc</c>, <c>libc.so.6</c> and
/// <c>c</c> are libc.
/// </summary>
public static class LibraryName
{
    /// <summary>The runtime's pseudo-module for calls into itself; not platform API.</summary>
    public const string QCall = "QCall";

    public static (string Normalized, PlatformFamily Family) Normalize(string declared)
    {
        var name = Path.GetFileName(declared.Replace('\\', '/')).ToLowerInvariant();
        name = StripSuffix(name);
        if (name.StartsWith("api-ms-win-", StringComparison.Ordinal) || name.StartsWith("ext-ms-win-", StringComparison.Ordinal))
            return (name.Contains("registry", StringComparison.Ordinal) || name.Contains("security", StringComparison.Ordinal) ? "advapi32" : "kernel32", PlatformFamily.Windows);
        switch (name)
        {
            case "kernel32":
            case "kernelbase":
                return ("kernel32", PlatformFamily.Windows);
            case "advapi32":
                return ("advapi32", PlatformFamily.Windows);
            case "libc":
            case "c":
                return ("libc", PlatformFamily.Posix);
            default:
                return (name, PlatformFamily.Other);
        }
    }

    public static bool IsQCall(string declared) => string.Equals(declared, QCall, StringComparison.Ordinal);

    private static string StripSuffix(string name)
    {
        // libc.so.6 → libc; kernel32.dll → kernel32; libfoo.dylib → libfoo
        var so = name.IndexOf(".so", StringComparison.Ordinal);
        if (so > 0 && (so + 3 == name.Length || name[so + 3] == '.'))
            return name[..so];
        foreach (var suffix in new[] { ".dll", ".dylib", ".exe" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
                return name[..^suffix.Length];
        }
        return name;
    }
}
