using System.Text;

namespace ApiBridge.Runtime.ManagedView;

/// <summary>
/// <c>Path.Combine</c> (a rooted part restarts the path) and <c>Path.Join</c>/<c>TryJoin</c> (parts concatenated), the
/// same algorithm for every guest platform: only the separators and what is rooted differ (<typeparamref name="TSyntax"/>).
/// The shims' <c>Path</c> members delegate here.
/// </summary>
public static class PathJoining<TSyntax> where TSyntax : IPathSeparators
{
    /// <summary>The common two-part case without the general loop's builder (what the BCL's own Combine costs).</summary>
    public static string Combine(string path1, string path2)
    {
        ArgumentNullException.ThrowIfNull(path1);
        ArgumentNullException.ThrowIfNull(path2);
        if (path2.Length == 0)
            return path1;
        if (path1.Length == 0 || TSyntax.IsRooted(path2))
            return path2;
        if (TSyntax.IsSeparator(path1[^1]))
            return string.Concat(path1, path2);
        var separator = TSyntax.Separator;
        return string.Concat(path1.AsSpan(), new ReadOnlySpan<char>(in separator), path2.AsSpan());
    }

    public static string Combine(string path1, string path2, string path3)
    {
        ArgumentNullException.ThrowIfNull(path1);
        ArgumentNullException.ThrowIfNull(path2);
        ArgumentNullException.ThrowIfNull(path3);
        return CombineParts([path1, path2, path3]);
    }

    public static string Combine(string path1, string path2, string path3, string path4)
    {
        ArgumentNullException.ThrowIfNull(path1);
        ArgumentNullException.ThrowIfNull(path2);
        ArgumentNullException.ThrowIfNull(path3);
        ArgumentNullException.ThrowIfNull(path4);
        return CombineParts([path1, path2, path3, path4]);
    }

    /// <summary>Every part checked for null (the BCL names the whole array in its error).</summary>
    public static string Combine(ReadOnlySpan<string> paths)
    {
        foreach (var path in paths)
        {
            if (path is null)
                throw new ArgumentNullException(nameof(paths));
        }
        return CombineParts(paths);
    }

    /// <summary>Concatenates the non-empty parts, with a separator between two that do not already meet at one.</summary>
    public static string Join(scoped ReadOnlySpan<char> a, scoped ReadOnlySpan<char> b, scoped ReadOnlySpan<char> c = default, scoped ReadOnlySpan<char> d = default)
    {
        var text = new StringBuilder(a.Length + b.Length + c.Length + d.Length + 3);
        Append(text, a);
        Append(text, b);
        Append(text, c);
        Append(text, d);
        return text.ToString();
    }

    public static string Join(ReadOnlySpan<string?> paths)
    {
        var text = new StringBuilder();
        foreach (var path in paths)
            Append(text, path.AsSpan());
        return text.ToString();
    }

    /// <summary><c>TryJoin</c>'s copy: false and nothing written when the destination is too small.</summary>
    public static bool TryCopy(string text, Span<char> destination, out int charsWritten)
    {
        var fits = text.AsSpan().TryCopyTo(destination);
        charsWritten = fits ? text.Length : 0;
        return fits;
    }

    /// <summary>From the last rooted part on; empty parts skipped; a separator added where a part does not end in one.</summary>
    private static string CombineParts(ReadOnlySpan<string> paths)
    {
        var start = 0;
        for (var i = paths.Length - 1; i >= 0; i--)
        {
            if (TSyntax.IsRooted(paths[i]))
            {
                start = i;
                break;
            }
        }
        var text = new StringBuilder();
        for (var i = start; i < paths.Length; i++)
        {
            var part = paths[i];
            if (part.Length == 0)
                continue;
            if (text.Length > 0 && !TSyntax.IsSeparator(text[^1]))
                text.Append(TSyntax.Separator);
            text.Append(part);
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, ReadOnlySpan<char> part)
    {
        if (part.Length == 0)
            return;
        if (text.Length > 0 && !TSyntax.IsSeparator(text[^1]) && !TSyntax.IsSeparator(part[0]))
            text.Append(TSyntax.Separator);
        text.Append(part);
    }
}
