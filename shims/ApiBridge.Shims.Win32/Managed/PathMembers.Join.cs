namespace ApiBridge.Shims.Win32.Managed;

/// <summary>Combine (a rooted part restarts the path) and Join/TryJoin (parts concatenated), with <c>\</c> between parts.</summary>
public static partial class PathMembers
{
    public static string Combine(string path1, string path2)
    {
        ArgumentNullException.ThrowIfNull(path1);
        ArgumentNullException.ThrowIfNull(path2);
        return CombineParts([path1, path2]);
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

    public static string Combine(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Combine((ReadOnlySpan<string>)paths);
    }

    /// <summary>The <c>params ReadOnlySpan</c> overload of newer frameworks (a guest built for them may call it).</summary>
    public static string Combine(params ReadOnlySpan<string> paths)
    {
        foreach (var path in paths)
        {
            if (path is null)
                throw new ArgumentNullException(nameof(paths));
        }
        return CombineParts(paths);
    }

    /// <summary>From the last rooted part on; empty parts skipped; <c>\</c> added where a part does not end in a separator.</summary>
    private static string CombineParts(ReadOnlySpan<string> paths)
    {
        var start = 0;
        for (var i = paths.Length - 1; i >= 0; i--)
        {
            if (IsPathRooted(paths[i]))
            {
                start = i;
                break;
            }
        }
        var text = new System.Text.StringBuilder();
        for (var i = start; i < paths.Length; i++)
        {
            var part = paths[i];
            if (part.Length == 0)
                continue;
            if (text.Length > 0 && !IsSeparator(text[^1]))
                text.Append(Separator);
            text.Append(part);
        }
        return text.ToString();
    }

    public static string Join(string? path1, string? path2) => JoinParts(path1.AsSpan(), path2.AsSpan());

    public static string Join(string? path1, string? path2, string? path3) => JoinParts(path1.AsSpan(), path2.AsSpan(), path3.AsSpan());

    public static string Join(string? path1, string? path2, string? path3, string? path4) =>
        JoinParts(path1.AsSpan(), path2.AsSpan(), path3.AsSpan(), path4.AsSpan());

    public static string Join(params string?[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Join((ReadOnlySpan<string?>)paths);
    }

    /// <summary>The <c>params ReadOnlySpan</c> overload of newer frameworks.</summary>
    public static string Join(params ReadOnlySpan<string?> paths)
    {
        var text = new System.Text.StringBuilder();
        foreach (var path in paths)
            Append(text, path.AsSpan());
        return text.ToString();
    }

    public static string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2) => JoinParts(path1, path2);

    public static string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3) => JoinParts(path1, path2, path3);

    public static string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, ReadOnlySpan<char> path4) =>
        JoinParts(path1, path2, path3, path4);

    public static bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, Span<char> destination, out int charsWritten) =>
        TryCopy(JoinParts(path1, path2), destination, out charsWritten);

    public static bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, Span<char> destination, out int charsWritten) =>
        TryCopy(JoinParts(path1, path2, path3), destination, out charsWritten);

    private static bool TryCopy(string text, Span<char> destination, out int charsWritten)
    {
        if (!text.AsSpan().TryCopyTo(destination))
        {
            charsWritten = 0;
            return false;
        }
        charsWritten = text.Length;
        return true;
    }

    /// <summary>Concatenates the non-empty parts, with <c>\</c> between two that do not already meet at a separator.</summary>
    private static string JoinParts(scoped ReadOnlySpan<char> a, scoped ReadOnlySpan<char> b, scoped ReadOnlySpan<char> c = default, scoped ReadOnlySpan<char> d = default)
    {
        var text = new System.Text.StringBuilder(a.Length + b.Length + c.Length + d.Length + 3);
        Append(text, a);
        Append(text, b);
        Append(text, c);
        Append(text, d);
        return text.ToString();
    }

    private static void Append(System.Text.StringBuilder text, ReadOnlySpan<char> part)
    {
        if (part.Length == 0)
            return;
        if (text.Length > 0 && !IsSeparator(text[^1]) && !IsSeparator(part[0]))
            text.Append(Separator);
        text.Append(part);
    }
}
