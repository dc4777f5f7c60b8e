using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>System.IO.Path</c> with Windows rules on any host, for a rewritten Windows guest: <c>\</c> and <c>/</c> both
/// separate (<c>\</c> is the one written), <c>;</c> separates paths, roots are <c>C:\</c>, <c>C:</c> (relative to
/// the drive's current folder), <c>\</c> (the current drive), <c>\\server\share</c> and the device forms
/// <c>\\?\…</c>, <c>\\.\…</c> (<c>\\?\UNC\server\share</c>). This file holds the text-only members (names,
/// extensions, roots, joining); <c>PathMembers.Full.cs</c> those that consult the guest's file system (full paths
/// against kernel32's current folders, temp files, existence).
/// </summary>
[ShimMembers("System.IO.Path", "windows", "path")]
public static partial class PathMembers
{
    private const char Separator = '\\';

    private static readonly char[] InvalidPathCharacters =
    [
        '|', '\0', (char)1, (char)2, (char)3, (char)4, (char)5, (char)6, (char)7, (char)8, (char)9, (char)10, (char)11,
        (char)12, (char)13, (char)14, (char)15, (char)16, (char)17, (char)18, (char)19, (char)20, (char)21, (char)22,
        (char)23, (char)24, (char)25, (char)26, (char)27, (char)28, (char)29, (char)30, (char)31,
    ];

    private static readonly char[] InvalidFileNameCharacters =
    [
        '"', '<', '>', '|', '\0', (char)1, (char)2, (char)3, (char)4, (char)5, (char)6, (char)7, (char)8, (char)9,
        (char)10, (char)11, (char)12, (char)13, (char)14, (char)15, (char)16, (char)17, (char)18, (char)19, (char)20,
        (char)21, (char)22, (char)23, (char)24, (char)25, (char)26, (char)27, (char)28, (char)29, (char)30, (char)31,
        ':', '*', '?', '\\', '/',
    ];

    // ---------------------------------------------------------------- fields (become properties)

    public static char DirectorySeparatorChar => '\\';

    public static char AltDirectorySeparatorChar => '/';

    public static char VolumeSeparatorChar => ':';

    public static char PathSeparator => ';';

    /// <summary>The obsolete field; a fresh copy each time, so a guest cannot change the rules by writing into it.</summary>
    public static char[] InvalidPathChars => (char[])InvalidPathCharacters.Clone();

    public static char[] GetInvalidPathChars() => (char[])InvalidPathCharacters.Clone();

    public static char[] GetInvalidFileNameChars() => (char[])InvalidFileNameCharacters.Clone();

    // ---------------------------------------------------------------- roots

    private static bool IsSeparator(char c) => WindowsPathSyntax.IsSeparator(c);

    private static bool IsDriveLetter(char c) => char.IsAsciiLetter(c);

    /// <summary><c>\\?\</c>, <c>\??\</c>, or <c>\\.\</c> / <c>\\?\</c> with either separator: the device forms.</summary>
    internal static bool IsDevicePath(ReadOnlySpan<char> path) =>
        path.StartsWith(@"\??\") ||
        (path.Length >= 4 && IsSeparator(path[0]) && IsSeparator(path[1]) && path[2] is '.' or '?' && IsSeparator(path[3]));

    /// <summary><c>\\?\</c> or <c>\??\</c>: taken literally, never normalized.</summary>
    private static bool IsExtended(ReadOnlySpan<char> path) => path.StartsWith(@"\\?\") || path.StartsWith(@"\??\");

    private static int SkipName(ReadOnlySpan<char> path, int i)
    {
        while (i < path.Length && !IsSeparator(path[i]))
            i++;
        return i;
    }

    /// <summary>
    /// The length of the root: <c>C:\</c> 3, <c>C:</c> 2, <c>\</c> 1, <c>\\server\share</c> (no separator after),
    /// <c>\\?\UNC\server\share</c>, other device paths up to and with the separator after their first name
    /// (<c>\\?\C:\</c>, <c>\\.\nul</c>); 0 for a relative path.
    /// </summary>
    internal static int RootLength(ReadOnlySpan<char> path)
    {
        if (IsDevicePath(path))
        {
            if (path.Length >= 8 && path.Slice(4, 3).SequenceEqual("UNC") && IsSeparator(path[7]))
            {
                var share = SkipName(path, 8);
                return share < path.Length ? SkipName(path, share + 1) : share;
            }
            var end = SkipName(path, 4);
            return end < path.Length ? end + 1 : end;
        }
        if (path.Length >= 2 && IsSeparator(path[0]) && IsSeparator(path[1]))
        {
            var server = SkipName(path, 2);
            return server < path.Length ? SkipName(path, server + 1) : server;
        }
        if (path.Length >= 1 && IsSeparator(path[0]))
            return 1;
        if (path.Length >= 2 && IsDriveLetter(path[0]) && path[1] == ':')
            return path.Length >= 3 && IsSeparator(path[2]) ? 3 : 2;
        return 0;
    }

    /// <summary>Null, empty or only spaces: what Windows calls an empty path.</summary>
    internal static bool IsEffectivelyEmpty(ReadOnlySpan<char> path)
    {
        foreach (var c in path)
        {
            if (c != ' ')
                return false;
        }
        return true;
    }

    /// <summary><c>/</c> becomes <c>\</c> and runs of separators one (the leading <c>\\</c> of UNC kept); extended paths untouched.</summary>
    internal static string NormalizeSeparators(string path)
    {
        if (IsExtended(path))
            return path;
        var text = new System.Text.StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (IsSeparator(c))
            {
                if (i > 0 && i + 1 < path.Length && IsSeparator(path[i + 1]))
                    continue;
                c = Separator;
            }
            text.Append(c);
        }
        return text.ToString();
    }

    public static bool IsPathRooted(string? path) => path is not null && IsPathRooted(path.AsSpan());

    public static bool IsPathRooted(ReadOnlySpan<char> path) =>
        (path.Length >= 1 && IsSeparator(path[0])) || (path.Length >= 2 && IsDriveLetter(path[0]) && path[1] == ':');

    public static bool IsPathFullyQualified(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return IsPathFullyQualified(path.AsSpan());
    }

    /// <summary><c>C:\</c>, <c>\\…</c> and <c>\?…</c> are fixed; <c>C:x</c> and <c>\x</c> depend on the current folder.</summary>
    public static bool IsPathFullyQualified(ReadOnlySpan<char> path)
    {
        if (path.Length < 2)
            return false;
        if (IsSeparator(path[0]))
            return path[1] == '?' || IsSeparator(path[1]);
        return path.Length >= 3 && IsDriveLetter(path[0]) && path[1] == ':' && IsSeparator(path[2]);
    }

    public static string? GetPathRoot(string? path)
    {
        if (path is null || IsEffectivelyEmpty(path))
            return null;
        return NormalizeSeparators(path[..RootLength(path)]);
    }

    public static ReadOnlySpan<char> GetPathRoot(ReadOnlySpan<char> path) =>
        IsEffectivelyEmpty(path) ? ReadOnlySpan<char>.Empty : path[..RootLength(path)];

    // ---------------------------------------------------------------- names and extensions

    /// <summary>Where the folder part ends (separators before the name dropped, never into the root), or -1 at a root.</summary>
    private static int DirectoryNameEnd(ReadOnlySpan<char> path)
    {
        var root = RootLength(path);
        var end = path.Length;
        if (end <= root)
            return -1;
        while (end > root && !IsSeparator(path[--end]))
        {
        }
        while (end > root && IsSeparator(path[end - 1]))
            end--;
        return end;
    }

    public static string? GetDirectoryName(string? path)
    {
        if (path is null || IsEffectivelyEmpty(path))
            return null;
        var end = DirectoryNameEnd(path);
        return end < 0 ? null : NormalizeSeparators(path[..end]);
    }

    public static ReadOnlySpan<char> GetDirectoryName(ReadOnlySpan<char> path)
    {
        if (IsEffectivelyEmpty(path))
            return ReadOnlySpan<char>.Empty;
        var end = DirectoryNameEnd(path);
        return end < 0 ? ReadOnlySpan<char>.Empty : path[..end];
    }

    public static string? GetFileName(string? path)
    {
        if (path is null)
            return null;
        var name = GetFileName(path.AsSpan());
        return name.Length == path.Length ? path : name.ToString();
    }

    /// <summary>What follows the last separator, never part of the root (<c>C:a.txt</c> is <c>a.txt</c>).</summary>
    public static ReadOnlySpan<char> GetFileName(ReadOnlySpan<char> path)
    {
        // Fast path for the common shapes, whose root cannot reach past the last separator: a relative name, or a
        // drive path with a separator after "C:". The vectorized search is what keeps this near the host's own cost.
        var last = path.LastIndexOfAny('\\', '/');
        if (path.Length < 2 || (path[1] != ':' && !IsSeparator(path[0])) || (path[1] == ':' && last >= 2))
            return path[(last + 1)..];
        var root = IsEffectivelyEmpty(path) ? 0 : RootLength(path);
        for (var i = path.Length - 1; i >= 0; i--)
        {
            if (i < root || IsSeparator(path[i]))
                return path[(i + 1)..];
        }
        return path;
    }

    public static string? GetFileNameWithoutExtension(string? path)
    {
        if (path is null)
            return null;
        var name = GetFileNameWithoutExtension(path.AsSpan());
        return name.Length == path.Length ? path : name.ToString();
    }

    public static ReadOnlySpan<char> GetFileNameWithoutExtension(ReadOnlySpan<char> path)
    {
        var name = GetFileName(path);
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[..dot];
    }

    /// <summary>The index of the extension's dot in the last name, or -1.</summary>
    private static int ExtensionDot(ReadOnlySpan<char> path)
    {
        for (var i = path.Length - 1; i >= 0; i--)
        {
            var c = path[i];
            if (c == '.')
                return i;
            if (IsSeparator(c))
                break;
        }
        return -1;
    }

    public static string? GetExtension(string? path) => path is null ? null : GetExtension(path.AsSpan()).ToString();

    /// <summary>From the last dot of the name (a dot that ends the name is no extension: "").</summary>
    public static ReadOnlySpan<char> GetExtension(ReadOnlySpan<char> path)
    {
        var dot = ExtensionDot(path);
        return dot >= 0 && dot != path.Length - 1 ? path[dot..] : ReadOnlySpan<char>.Empty;
    }

    public static bool HasExtension(string? path) => path is not null && HasExtension(path.AsSpan());

    public static bool HasExtension(ReadOnlySpan<char> path)
    {
        var dot = ExtensionDot(path);
        return dot >= 0 && dot != path.Length - 1;
    }

    public static string? ChangeExtension(string? path, string? extension)
    {
        if (path is null)
            return null;
        if (path.Length == 0)
            return string.Empty;
        var dot = ExtensionDot(path);
        var stem = dot >= 0 ? path[..dot] : path;
        if (extension is null)
            return stem;
        return extension.Length == 0 || extension[0] != '.' ? stem + "." + extension : stem + extension;
    }

    // ---------------------------------------------------------------- separators at the end

    public static bool EndsInDirectorySeparator(string? path) => path is not null && EndsInDirectorySeparator(path.AsSpan());

    public static bool EndsInDirectorySeparator(ReadOnlySpan<char> path) => path.Length > 0 && IsSeparator(path[^1]);

    public static string TrimEndingDirectorySeparator(string path) =>
        EndsInDirectorySeparator(path) && path.Length != RootLength(path) ? path[..^1] : path;

    public static ReadOnlySpan<char> TrimEndingDirectorySeparator(ReadOnlySpan<char> path) =>
        EndsInDirectorySeparator(path) && path.Length != RootLength(path) ? path[..^1] : path;
}
