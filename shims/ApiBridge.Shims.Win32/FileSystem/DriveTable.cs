namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// Drive letters → host folders. On a Linux host: C: = prefix/drive_c, Z: = / (Wine's defaults), then the
/// <see cref="FileSystemOptions.DriveOverrides"/>; in isolated mode only folders inside the prefix (or a folder the user allowed) survive.
/// On a Windows host every host drive maps to itself, so guest paths are host paths.
/// Roots are stored with links resolved, so host paths from the kernel (getcwd, realpath) map back.
/// </summary>
public sealed class DriveTable
{
    private readonly string?[] roots = new string?[26];

    public DriveTable(FileSystemOptions options, string prefixReal)
    {
        if (OperatingSystem.IsWindows())
        {
            foreach (var drive in DriveInfo.GetDrives())
            {
                var name = drive.Name;
                if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':')
                    roots[char.ToUpperInvariant(name[0]) - 'A'] = char.ToUpperInvariant(name[0]) + @":\";
            }
        }
        else
        {
            roots['C' - 'A'] = Path.Combine(prefixReal, PrefixLayout.DriveC);
            roots['Z' - 'A'] = "/";
        }
        foreach (var (letter, folder) in options.DriveOverrides)
            roots[letter - 'A'] = folder is null ? null : RealOrFull(folder);
        if (options.Isolate)
        {
            var contained = options.AllowedFolders.Select(RealOrFull).Prepend(prefixReal).ToList();
            for (var i = 0; i < roots.Length; i++)
            {
                if (roots[i] is { } root && !contained.Any(folder => IsInside(root, folder)))
                    roots[i] = null;
            }
        }
    }

    /// <summary>The host folder of a drive, or null when the drive does not exist.</summary>
    public string? Root(char letter)
    {
        letter = char.ToUpperInvariant(letter);
        return letter is >= 'A' and <= 'Z' ? roots[letter - 'A'] : null;
    }

    /// <summary>GetLogicalDrives' bit mask: bit 0 = A:.</summary>
    public uint Mask
    {
        get
        {
            uint mask = 0;
            for (var i = 0; i < roots.Length; i++)
                if (roots[i] is not null)
                    mask |= 1u << i;
            return mask;
        }
    }

    /// <summary>The drive whose folder holds <paramref name="hostFullPath"/> most closely, with the path below it.</summary>
    public bool TryMap(string hostFullPath, out char drive, out string relative)
    {
        drive = '\0';
        relative = string.Empty;
        var best = -1;
        for (var i = 0; i < roots.Length; i++)
        {
            var root = roots[i];
            if (root is null || root.Length <= best || !IsInside(hostFullPath, root))
                continue;
            best = root.Length;
            drive = (char)('A' + i);
            relative = hostFullPath.Length <= root.Length ? string.Empty : hostFullPath[root.Length..].TrimStart('/', '\\');
        }
        return best >= 0;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or below it (ordinal, host rules).</summary>
    public static bool IsInside(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var trimmed = folder.Length > 1 ? folder.TrimEnd('/', '\\') : folder;
        if (trimmed.Length == 0 || trimmed == "/" || trimmed.EndsWith(':'))
            return path.StartsWith(folder.Length == 0 ? "/" : folder, comparison);
        if (!path.StartsWith(trimmed, comparison))
            return false;
        return path.Length == trimmed.Length || path[trimmed.Length] is '/' or '\\';
    }

    internal static string RealOrFull(string path)
    {
        var full = Path.GetFullPath(path);
        if (Posix.Available && Posix.RealPath(full, out _) is { } real)
            return real;
        return full;
    }
}
