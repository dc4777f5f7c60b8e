using System.Security.Cryptography;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>System.IO.Path</c> with Linux rules on any host, for a rewritten POSIX guest: <c>/</c> is the only separator
/// (a <c>\</c> or a <c>C:</c> is part of a name), <c>:</c> separates paths, the one root is <c>/</c>, names compare
/// case-sensitively, only NUL (and <c>/</c> in a name) is invalid. Full paths are made lexically against the guest's
/// working directory (<see cref="PosixPathView.CurrentDirectory"/>, what getcwd answers); the temp folder is the
/// guest's <c>$TMPDIR</c> or <c>/tmp/</c>; temp files and <c>Exists</c> go through the path view.
/// </summary>
[ShimMembers("System.IO.Path", "posix", "path")]
public static class PathMembers
{
    private const char Separator = '/';
    private const string EmptyPath = "The path is empty.";
    private const string EmptyString = "The value cannot be an empty string.";
    private const string NullCharacter = "Null character in path.";
    private const string BasePathNotFullyQualified = "Basepath argument is not fully qualified.";

    // ---------------------------------------------------------------- fields (become properties)

    public static char DirectorySeparatorChar => '/';

    public static char AltDirectorySeparatorChar => '/';

    public static char VolumeSeparatorChar => '/';

    public static char PathSeparator => ':';

    public static char[] InvalidPathChars => ['\0'];

    public static char[] GetInvalidPathChars() => ['\0'];

    public static char[] GetInvalidFileNameChars() => ['\0', '/'];

    // ---------------------------------------------------------------- roots

    public static bool IsPathRooted(string? path) => path is not null && IsPathRooted(path.AsSpan());

    public static bool IsPathRooted(ReadOnlySpan<char> path) => path.Length > 0 && path[0] == Separator;

    public static bool IsPathFullyQualified(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return IsPathRooted(path.AsSpan());
    }

    public static bool IsPathFullyQualified(ReadOnlySpan<char> path) => IsPathRooted(path);

    public static string? GetPathRoot(string? path) => string.IsNullOrEmpty(path) ? null : IsPathRooted(path) ? "/" : string.Empty;

    public static ReadOnlySpan<char> GetPathRoot(ReadOnlySpan<char> path) => IsPathRooted(path) ? "/".AsSpan() : ReadOnlySpan<char>.Empty;

    private static int RootLength(ReadOnlySpan<char> path) => IsPathRooted(path) ? 1 : 0;

    /// <summary>Runs of <c>/</c> become one.</summary>
    private static string CollapseSeparators(string path)
    {
        if (!path.Contains("//", StringComparison.Ordinal))
            return path;
        var text = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c == Separator && text.Length > 0 && text[^1] == Separator)
                continue;
            text.Append(c);
        }
        return text.ToString();
    }

    // ---------------------------------------------------------------- names and extensions

    private static int DirectoryNameEnd(ReadOnlySpan<char> path)
    {
        var root = RootLength(path);
        var end = path.Length;
        if (end <= root)
            return -1;
        while (end > root && path[--end] != Separator)
        {
        }
        while (end > root && path[end - 1] == Separator)
            end--;
        return end;
    }

    public static string? GetDirectoryName(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return null;
        var end = DirectoryNameEnd(path);
        return end < 0 ? null : CollapseSeparators(path[..end]);
    }

    public static ReadOnlySpan<char> GetDirectoryName(ReadOnlySpan<char> path)
    {
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

    public static ReadOnlySpan<char> GetFileName(ReadOnlySpan<char> path) => path[(path.LastIndexOf(Separator) + 1)..];

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

    private static int ExtensionDot(ReadOnlySpan<char> path)
    {
        for (var i = path.Length - 1; i >= 0; i--)
        {
            if (path[i] == '.')
                return i;
            if (path[i] == Separator)
                break;
        }
        return -1;
    }

    public static string? GetExtension(string? path) => path is null ? null : GetExtension(path.AsSpan()).ToString();

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

    public static bool EndsInDirectorySeparator(string? path) => path is not null && EndsInDirectorySeparator(path.AsSpan());

    public static bool EndsInDirectorySeparator(ReadOnlySpan<char> path) => path.Length > 0 && path[^1] == Separator;

    public static string TrimEndingDirectorySeparator(string path) =>
        EndsInDirectorySeparator(path) && path.Length > 1 ? path[..^1] : path;

    public static ReadOnlySpan<char> TrimEndingDirectorySeparator(ReadOnlySpan<char> path) =>
        EndsInDirectorySeparator(path) && path.Length > 1 ? path[..^1] : path;

    // ---------------------------------------------------------------- Combine and Join

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

        public static bool IsSeparator(char c) => c == PathMembers.Separator;

        public static bool IsRooted(ReadOnlySpan<char> path) => IsPathRooted(path);
    }

    // ---------------------------------------------------------------- full and relative paths

    public static string GetFullPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            throw new ArgumentException(EmptyString, nameof(path));
        if (path.Contains('\0'))
            throw new ArgumentException(NullCharacter, nameof(path));
        return Collapse(IsPathRooted(path) ? path : PosixServices.View.CurrentDirectory + "/" + path);
    }

    public static string GetFullPath(string path, string basePath)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(basePath);
        if (!IsPathFullyQualified(basePath))
            throw new ArgumentException(BasePathNotFullyQualified, nameof(basePath));
        if (basePath.Contains('\0') || path.Contains('\0'))
            throw new ArgumentException(NullCharacter);
        if (IsPathFullyQualified(path))
            return GetFullPath(path);
        return Collapse(Join(basePath, path));
    }

    /// <summary>An absolute path without <c>.</c>, <c>..</c> (which stops at <c>/</c>) or repeated <c>/</c>; a final <c>/</c> kept.</summary>
    private static string Collapse(string path)
    {
        var stack = new List<string>();
        foreach (var part in path.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (stack.Count > 0)
                    stack.RemoveAt(stack.Count - 1);
                continue;
            }
            stack.Add(part);
        }
        var text = "/" + string.Join(Separator, stack);
        return stack.Count > 0 && path[^1] == Separator ? text + "/" : text;
    }

    public static string GetRelativePath(string relativeTo, string path)
    {
        ArgumentNullException.ThrowIfNull(relativeTo);
        ArgumentNullException.ThrowIfNull(path);
        if (relativeTo.Length == 0)
            throw new ArgumentException(EmptyPath, nameof(relativeTo));
        if (path.Length == 0)
            throw new ArgumentException(EmptyPath, nameof(path));
        relativeTo = GetFullPath(relativeTo);
        path = GetFullPath(path);
        var from = relativeTo.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
        var to = path.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < from.Length && common < to.Length && from[common] == to[common])
            common++;
        if (common == from.Length && common == to.Length)
            return ".";
        var text = string.Join(Separator, Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
        return common < to.Length && EndsInDirectorySeparator(path) ? text + "/" : text;
    }

    // ---------------------------------------------------------------- the guest's file system

    /// <summary>The guest's <c>$TMPDIR</c> with a final <c>/</c>, else <c>/tmp/</c>.</summary>
    public static string GetTempPath()
    {
        var folder = Bridge.Environment.GetVariable("TMPDIR");
        if (string.IsNullOrEmpty(folder))
            return "/tmp/";
        return folder[^1] == Separator ? folder : folder + "/";
    }

    /// <summary>As .NET on Linux (mkstemps): a new empty file <c>tmpXXXXXX.tmp</c> in <see cref="GetTempPath"/>, made through libc's open.</summary>
    public static unsafe string GetTempFileName()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var folder = GetTempPath();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var name = folder + "tmp" + RandomNumberGenerator.GetString(alphabet, 6) + ".tmp";
            var bytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
            int fd;
            fixed (byte* p = bytes)
                fd = Libc.Files.open(p, OpenFlags.O_RDWR | OpenFlags.O_CREAT | OpenFlags.O_EXCL, 0x180);
            if (fd >= 0)
            {
                Libc.Files.close(fd);
                return name;
            }
            if (LastError.Value != Errno.EEXIST)
                throw new IOException($"Could not create a temporary file in '{folder}' (errno {LastError.Value}).", LastError.Value);
        }
        throw new IOException($"Could not create a temporary file in '{folder}'.");
    }

    public static string GetRandomFileName()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz012345";
        Span<byte> bytes = stackalloc byte[11];
        RandomNumberGenerator.Fill(bytes);
        Span<char> name = stackalloc char[12];
        for (int i = 0, k = 0; i < 12; i++)
            name[i] = i == 8 ? '.' : alphabet[bytes[k++] & 31];
        return name.ToString();
    }

    /// <summary>True when the guest path names an existing file or folder (a final <c>/</c> asks for a folder).</summary>
    public static bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
            return false;
        if (PosixServices.View.Resolve(path, out var resolved) != 0)
            return false;
        var kind = HostFiles.KindOf(resolved, follow: true);
        if (kind == EntryKind.Missing)
            return false;
        return !EndsInDirectorySeparator(path) || kind == EntryKind.Directory;
    }
}
