using System.ComponentModel;
using System.Security.Cryptography;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The members that depend on the guest's file system: full paths are GetFullPathNameW's against the current
/// folders of <see cref="GuestFileSystem.Current"/> (kernel32's, never the host's), the temp folder is
/// GetTempPathW's, temp files are made by GetTempFileNameW's code, and <c>Exists</c> resolves in the guest's drives.
/// </summary>
public static partial class PathMembers
{
    private const string EmptyPath = "The path is empty.";
    private const string NullCharacter = "Null character in path.";
    private const string BasePathNotFullyQualified = "Basepath argument is not fully qualified.";

    public static string GetFullPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsEffectivelyEmpty(path))
            throw new ArgumentException(EmptyPath, nameof(path));
        if (path.Contains('\0'))
            throw new ArgumentException(NullCharacter, nameof(path));
        return FullPath(path);
    }

    private static string FullPath(string path) => GuestFileSystem.Current.FullPathName(path);

    /// <summary>
    /// <paramref name="path"/> against a fully qualified <paramref name="basePath"/> (the current folders play no
    /// part): <c>\x</c> takes the base's root, <c>C:x</c> the base when it is on drive C (else C's root), an
    /// effectively empty path is the base as given; a device base keeps its prefix and is only cleared of <c>.</c> and <c>..</c>.
    /// </summary>
    public static string GetFullPath(string path, string basePath)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(basePath);
        if (!IsPathFullyQualified(basePath))
            throw new ArgumentException(BasePathNotFullyQualified, nameof(basePath));
        if (basePath.Contains('\0') || path.Contains('\0'))
            throw new ArgumentException(NullCharacter);
        if (IsPathFullyQualified(path))
            return FullPath(path);
        if (IsEffectivelyEmpty(path))
            return basePath;

        string combined;
        if (IsSeparator(path[0]))
            combined = Join(basePath.AsSpan(0, RootLength(basePath)), path.AsSpan(1));
        else if (path.Length >= 2 && IsDriveLetter(path[0]) && path[1] == ':')
        {
            if (path.AsSpan(0, 2).Equals(VolumeName(basePath), StringComparison.OrdinalIgnoreCase))
                combined = Join(basePath.AsSpan(), path.AsSpan(2));
            else if (!IsDevicePath(basePath))
                combined = path[..2] + "\\" + path[2..];
            else
                combined = basePath[..4] + path[..2] + "\\" + path[2..];
        }
        else
            combined = Join(basePath.AsSpan(), path.AsSpan());

        return IsDevicePath(combined) ? WithoutRelativeSegments(combined) : FullPath(combined);
    }

    /// <summary>The drive part of a path (<c>C:</c>, also inside <c>\\?\C:\…</c>), else its root.</summary>
    private static ReadOnlySpan<char> VolumeName(string path)
    {
        var body = IsDevicePath(path) ? path.AsSpan(4) : path.AsSpan();
        return body.Length >= 2 && body[1] == ':' ? body[..2] : path.AsSpan(0, RootLength(path));
    }

    /// <summary>A device path with <c>.</c>, <c>..</c> and repeated separators removed after its root (nothing else changes).</summary>
    private static string WithoutRelativeSegments(string path)
    {
        var root = RootLength(path);
        var trailing = path.Length > root && IsSeparator(path[^1]);
        var stack = new List<string>();
        foreach (var part in path[root..].Split(['\\', '/'], StringSplitOptions.RemoveEmptyEntries))
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
        var text = path[..root];
        if (stack.Count > 0)
            text += (text.Length > 0 && !IsSeparator(text[^1]) ? "\\" : "") + string.Join('\\', stack) + (trailing ? "\\" : "");
        return text;
    }

    /// <summary>
    /// The way from the folder <paramref name="relativeTo"/> to <paramref name="path"/>, both made full first: names
    /// compared ignoring case, <c>..</c> for each name of the folder beyond the common part; another root gives
    /// <paramref name="path"/> (full); the same path gives <c>.</c>.
    /// </summary>
    public static string GetRelativePath(string relativeTo, string path)
    {
        ArgumentNullException.ThrowIfNull(relativeTo);
        ArgumentNullException.ThrowIfNull(path);
        if (IsEffectivelyEmpty(relativeTo))
            throw new ArgumentException(EmptyPath, nameof(relativeTo));
        if (IsEffectivelyEmpty(path))
            throw new ArgumentException(EmptyPath, nameof(path));
        relativeTo = GetFullPath(relativeTo);
        path = GetFullPath(path);

        var fromRoot = RootLength(relativeTo);
        var toRoot = RootLength(path);
        if (!relativeTo.AsSpan(0, fromRoot).TrimEnd('\\').Equals(path.AsSpan(0, toRoot).TrimEnd('\\'), StringComparison.OrdinalIgnoreCase))
            return path;

        var from = relativeTo[fromRoot..].Split('\\', StringSplitOptions.RemoveEmptyEntries);
        var to = path[toRoot..].Split('\\', StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < from.Length && common < to.Length && from[common].Equals(to[common], StringComparison.OrdinalIgnoreCase))
            common++;
        if (common == from.Length && common == to.Length)
            return ".";
        var parts = Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common));
        var text = string.Join('\\', parts);
        return common < to.Length && EndsInDirectorySeparator(path) ? text + "\\" : text;
    }

    /// <summary>GetTempPathW's answer: TMP, TEMP, USERPROFILE or the Windows folder, ending with <c>\</c>.</summary>
    public static string GetTempPath() => Paths.TempPath();

    /// <summary>As .NET on Windows: GetTempFileNameW(GetTempPath(), "tmp", 0) — an empty file made in the guest's temp folder.</summary>
    public static string GetTempFileName()
    {
        var error = Paths.TempFileName(GetTempPath(), "tmp", 0, out var name, out _);
        if (error != 0)
            throw new IOException(new Win32Exception(error).Message + " : '" + GetTempPath() + "'", unchecked((int)0x80070000) | error);
        return name;
    }

    /// <summary>An 8.3 name of random letters and digits (<c>abcdefgh.ijk</c>); nothing is created.</summary>
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

    /// <summary>
    /// True when the path names an existing file or folder of the guest's file system (a trailing separator asks for a
    /// folder); false for null, empty and paths that do not resolve (bad names, missing drives, devices).
    /// </summary>
    public static bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
            return false;
        if (GuestFileSystem.Current.Resolve(path, out var resolved) != 0 || resolved.IsDevice || !resolved.Exists)
            return false;
        return !EndsInDirectorySeparator(path) || resolved.IsDirectory;
    }
}
