using ApiBridge.Runtime.ManagedView;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// Combine (a rooted part restarts the path) and Join/TryJoin (parts concatenated), with <c>\</c> between parts: the
/// shared algorithm (<see cref="PathJoining{TSyntax}"/>) over Windows' separators and roots.
/// </summary>
public static partial class PathMembers
{
    public static string Combine(string path1, string path2) => PathJoining<Syntax>.Combine(path1, path2);

    public static string Combine(string path1, string path2, string path3) => PathJoining<Syntax>.Combine(path1, path2, path3);

    public static string Combine(string path1, string path2, string path3, string path4) => PathJoining<Syntax>.Combine(path1, path2, path3, path4);

    public static string Combine(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return PathJoining<Syntax>.Combine(paths);
    }

    /// <summary>The <c>params ReadOnlySpan</c> overload of newer frameworks (a guest built for them may call it).</summary>
    public static string Combine(params ReadOnlySpan<string> paths) => PathJoining<Syntax>.Combine(paths);

    public static string Join(string? path1, string? path2) => PathJoining<Syntax>.Join(path1.AsSpan(), path2.AsSpan());

    public static string Join(string? path1, string? path2, string? path3) => PathJoining<Syntax>.Join(path1.AsSpan(), path2.AsSpan(), path3.AsSpan());

    public static string Join(string? path1, string? path2, string? path3, string? path4) =>
        PathJoining<Syntax>.Join(path1.AsSpan(), path2.AsSpan(), path3.AsSpan(), path4.AsSpan());

    public static string Join(params string?[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return PathJoining<Syntax>.Join(paths);
    }

    /// <summary>The <c>params ReadOnlySpan</c> overload of newer frameworks.</summary>
    public static string Join(params ReadOnlySpan<string?> paths) => PathJoining<Syntax>.Join(paths);

    public static string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2) => PathJoining<Syntax>.Join(path1, path2);

    public static string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3) => PathJoining<Syntax>.Join(path1, path2, path3);

    public static string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, ReadOnlySpan<char> path4) =>
        PathJoining<Syntax>.Join(path1, path2, path3, path4);

    public static bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, Span<char> destination, out int charsWritten) =>
        PathJoining<Syntax>.TryCopy(PathJoining<Syntax>.Join(path1, path2), destination, out charsWritten);

    public static bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, Span<char> destination, out int charsWritten) =>
        PathJoining<Syntax>.TryCopy(PathJoining<Syntax>.Join(path1, path2, path3), destination, out charsWritten);

    /// <summary>The separators and roots the shared Combine/Join algorithm works with.</summary>
    private readonly struct Syntax : IPathSeparators
    {
        public static char Separator => PathMembers.Separator;

        public static bool IsSeparator(char c) => PathMembers.IsSeparator(c);

        public static bool IsRooted(ReadOnlySpan<char> path) => IsPathRooted(path);
    }
}
