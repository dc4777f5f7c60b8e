namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// Windows path syntax, as RtlGetFullPathName_U / GetFullPathNameW apply it:
/// <list type="bullet">
/// <item><c>\</c> and <c>/</c> both separate; runs of separators count as one.</item>
/// <item><c>C:\x</c> absolute; <c>C:x</c> relative to drive C's current folder; <c>\x</c> rooted on the current
/// drive; anything else relative to the current folder.</item>
/// <item><c>.</c> is dropped, <c>..</c> removes the previous component and never climbs above the drive root.</item>
/// <item>A component ending in one <c>.</c> loses it; the last component loses all trailing dots and spaces
/// (unless the path ends with a separator).</item>
/// <item>A last component that is a DOS device name (<c>NUL</c>, <c>CON</c>, <c>AUX</c>, <c>PRN</c>,
/// <c>COM1</c>-<c>9</c>, <c>LPT1</c>-<c>9</c>, optionally followed by an extension or spaces, and <c>CONIN$</c>,
/// <c>CONOUT$</c>) names the device, in any folder.</item>
/// <item><c>\\?\C:\…</c> is taken literally (no separator, dot or device processing); <c>\\.\C:\…</c> and
/// <c>\\.\NUL</c> are the device namespace. UNC paths (<c>\\server\share</c>, <c>\\?\UNC\…</c>) are not
/// supported: ERROR_BAD_NETPATH.</item>
/// </list>
/// It does not check characters: GetFullPathNameW accepts wildcards; <see cref="ValidateName"/> is for
/// functions that touch files.
/// </summary>
public static class WindowsPathSyntax
{
    private static readonly string[] Devices = ["CON", "PRN", "AUX", "NUL"];

    public static bool IsSeparator(char c) => c is '\\' or '/';

    /// <summary>
    /// Normalizes <paramref name="input"/> against the current folder <paramref name="currentDirectory"/>
    /// (an absolute drive path) and the current folders of other drives. Returns 0 or a Win32 error.
    /// </summary>
    public static int Normalize(string input, GuestPath currentDirectory, Func<char, GuestPath?> driveCurrentDirectory, out GuestPath result)
    {
        result = null!;
        if (input.Length == 0)
            return Win32Error.ERROR_PATH_NOT_FOUND;

        if (input.StartsWith(@"\\?\", StringComparison.Ordinal))
            return NormalizeLiteral(input, out result);

        if (input.Length >= 2 && IsSeparator(input[0]) && IsSeparator(input[1]))
        {
            // \\.\X: or \\?\ with forward slashes (//?/) are device-namespace paths, normalized; others are UNC.
            if (input.Length >= 4 && input[2] is '.' or '?' && IsSeparator(input[3]))
            {
                var rest = input[4..];
                if (rest.Length >= 2 && char.IsAsciiLetter(rest[0]) && rest[1] == ':')
                    return Normalize(rest.Length == 2 ? rest + "\\" : rest, currentDirectory, driveCurrentDirectory, out result);
                var name = rest.TrimEnd('\\', '/');
                if (DeviceName(name) is { } device && name.IndexOfAny(['\\', '/']) < 0)
                {
                    result = new GuestPath('\0', [], false, device);
                    return 0;
                }
                return Win32Error.ERROR_FILE_NOT_FOUND;
            }
            return Win32Error.ERROR_BAD_NETPATH;
        }

        if (TryNormalizeSimple(input, out result))
            return 0;

        char drive;
        string combined;
        if (input.Length >= 2 && char.IsAsciiLetter(input[0]) && input[1] == ':')
        {
            drive = char.ToUpperInvariant(input[0]);
            var tail = input[2..];
            if (tail.Length > 0 && IsSeparator(tail[0]))
                combined = tail;
            else
            {
                var baseFolder = DriveFolder(drive, currentDirectory, driveCurrentDirectory) ?? new GuestPath(drive, [], false);
                combined = "\\" + string.Join('\\', baseFolder.Components) + (tail.Length == 0 ? string.Empty : "\\" + tail);
            }
        }
        else if (IsSeparator(input[0]))
        {
            drive = currentDirectory.Drive;
            combined = input;
        }
        else
        {
            drive = currentDirectory.Drive;
            combined = "\\" + string.Join('\\', currentDirectory.Components) + "\\" + input;
        }

        var trailing = IsSeparator(combined[^1]);
        var parts = combined.Split(['\\', '/'], StringSplitOptions.RemoveEmptyEntries);
        var stack = new List<string>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var last = i == parts.Length - 1;
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (stack.Count > 0)
                    stack.RemoveAt(stack.Count - 1);
                continue;
            }
            part = TrimSegment(part, last && !trailing);
            if (part.Length == 0)
                continue;
            stack.Add(part);
        }

        if (!trailing && stack.Count > 0 && DeviceName(stack[^1]) is { } dev)
        {
            result = new GuestPath('\0', [], false, dev);
            return 0;
        }
        result = new GuestPath(drive, stack.ToArray(), trailing && stack.Count > 0);
        return 0;
    }

    /// <summary>
    /// The folder a drive-relative path (<c>C:x</c>, <c>C:</c>) starts from: the current folder when it is on that drive,
    /// else the drive's own current folder (null when it has none: the drive's root).
    /// </summary>
    public static GuestPath? DriveFolder(char drive, GuestPath currentDirectory, Func<char, GuestPath?> driveCurrentDirectory)
    {
        if (!char.IsAsciiLetter(drive))
            return null;
        drive = char.ToUpperInvariant(drive);
        return drive == currentDirectory.Drive ? currentDirectory : driveCurrentDirectory(drive);
    }

    /// <summary>
    /// The trailing-character rule for one component: the final one (no separator after it) loses every trailing dot
    /// and space; any other loses one trailing dot, except <c>..</c> endings (a run of three or more dots is a name).
    /// </summary>
    public static string TrimSegment(string part, bool final)
    {
        if (final)
            return part.TrimEnd('.', ' ');
        return part.EndsWith('.') && !part.EndsWith("..", StringComparison.Ordinal) ? part[..^1] : part;
    }

    /// <summary>
    /// GetFullPathNameW as text, for every path form (what <c>Path.GetFullPath</c> answers on Windows): <c>\\?\</c> and
    /// <c>\??\</c> paths unchanged; <c>\\.\</c> (and <c>//?/</c>) device paths and UNC paths (<c>\\server\share</c>,
    /// the root <c>..</c> cannot leave) collapsed with separators made <c>\</c> but never resolved against the current
    /// folder; drive, rooted and relative paths as <see cref="Normalize"/> does, except that the typed drive letter is
    /// kept, any character before <c>:</c> is a drive, and a last component emptied by the trailing rule leaves its
    /// separator (<c>C:\a\...</c> is <c>C:\a\</c>). Never fails: the caller checks null, empty and NUL.
    /// </summary>
    public static string FullPathName(string input, GuestPath currentDirectory, Func<char, GuestPath?> driveCurrentDirectory)
    {
        if (input.StartsWith(@"\\?\", StringComparison.Ordinal) || input.StartsWith(@"\??\", StringComparison.Ordinal))
            return input;
        string root, tail;
        var dosDevices = true;
        if (input.Length >= 2 && IsSeparator(input[0]) && IsSeparator(input[1]))
        {
            dosDevices = false;
            if (input.Length >= 4 && input[2] is '.' or '?' && IsSeparator(input[3]))
            {
                root = @"\\" + input[2] + @"\";
                tail = input[4..];
            }
            else
            {
                var end = 2;
                while (end < input.Length && !IsSeparator(input[end]))
                    end++;
                if (end < input.Length)
                {
                    end++;
                    while (end < input.Length && !IsSeparator(input[end]))
                        end++;
                }
                root = @"\\" + input[2..end].Replace('/', '\\');
                tail = input[end..];
            }
        }
        else if (input.Length >= 2 && input[1] == ':')
        {
            var rest = input[2..];
            var folder = rest.Length > 0 && IsSeparator(rest[0]) ? null : DriveFolder(input[0], currentDirectory, driveCurrentDirectory);
            if (folder is null)
            {
                root = input[..2] + "\\";
                tail = rest;
            }
            else
            {
                root = folder.Drive + @":\";
                tail = string.Join('\\', folder.Components) + (rest.Length == 0 ? string.Empty : "\\" + rest);
            }
        }
        else if (IsSeparator(input[0]))
        {
            root = currentDirectory.Drive + @":\";
            tail = input;
        }
        else
        {
            root = currentDirectory.Drive + @":\";
            tail = string.Join('\\', currentDirectory.Components) + "\\" + input;
        }

        var trailing = tail.Length > 0 && IsSeparator(tail[^1]);
        var parts = tail.Split(['\\', '/'], StringSplitOptions.RemoveEmptyEntries);
        var stack = new List<string>(parts.Length);
        var emptiedLast = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (stack.Count > 0)
                    stack.RemoveAt(stack.Count - 1);
                continue;
            }
            var final = i == parts.Length - 1 && !trailing;
            part = TrimSegment(part, final);
            if (part.Length == 0)
            {
                emptiedLast = final;
                continue;
            }
            stack.Add(part);
        }
        if (dosDevices && !trailing && !emptiedLast && stack.Count > 0 && parts.Length > 0 && parts[^1] is not ("." or "..")
            && DeviceName(stack[^1]) is { } device)
            return @"\\.\" + device;

        var text = new System.Text.StringBuilder(root, root.Length + tail.Length);
        foreach (var part in stack)
        {
            if (text[^1] != '\\')
                text.Append('\\');
            text.Append(part);
        }
        if ((trailing || emptiedLast) && text[^1] != '\\')
            text.Append('\\');
        return text.ToString();
    }

    /// <summary>
    /// The common shape, <c>C:\a\b</c> (optionally with one trailing separator), whose components normalization
    /// leaves alone: none empty, <c>.</c> or <c>..</c>, none ending in a dot or a space. Split in one pass; anything
    /// else (or a drive root) is left to the general rules.
    /// </summary>
    private static bool TryNormalizeSimple(string input, out GuestPath result)
    {
        result = null!;
        if (input.Length < 4 || !char.IsAsciiLetter(input[0]) || input[1] != ':' || !IsSeparator(input[2]))
            return false;
        var trailing = IsSeparator(input[^1]);
        var end = trailing ? input.Length - 1 : input.Length;
        if (end <= 3)
            return false;
        var count = 1;
        for (var i = 3; i < end; i++)
        {
            if (IsSeparator(input[i]))
                count++;
        }
        var components = new string[count];
        var start = 3;
        var k = 0;
        for (var i = 3; i <= end; i++)
        {
            if (i < end && !IsSeparator(input[i]))
                continue;
            var length = i - start;
            if (length == 0)
                return false;
            if (input[start] == '.' && (length == 1 || (length == 2 && input[start + 1] == '.')))
                return false;
            if (input[i - 1] is '.' or ' ')
                return false;
            components[k++] = input.Substring(start, length);
            start = i + 1;
        }
        if (!trailing && DeviceName(components[^1]) is { } device)
        {
            result = new GuestPath('\0', [], false, device);
            return true;
        }
        result = new GuestPath(char.ToUpperInvariant(input[0]), components, trailing);
        return true;
    }

    private static int NormalizeLiteral(string input, out GuestPath result)
    {
        result = null!;
        var rest = input[4..];
        if (rest.StartsWith(@"UNC\", StringComparison.OrdinalIgnoreCase))
            return Win32Error.ERROR_BAD_NETPATH;
        if (!(rest.Length >= 2 && char.IsAsciiLetter(rest[0]) && rest[1] == ':' && (rest.Length == 2 || rest[2] == '\\')))
            return Win32Error.ERROR_PATH_NOT_FOUND;
        var body = rest.Length > 3 ? rest[3..] : string.Empty;
        var trailing = body.EndsWith('\\');
        var parts = body.Split('\\');
        var count = trailing ? parts.Length - 1 : parts.Length;
        if (body.Length == 0)
            count = 0;
        var components = new string[count];
        for (var i = 0; i < count; i++)
        {
            var part = parts[i];
            // Taken literally, "." / ".." / "" / "/" reach the file system, which refuses them as names. Never
            // let them reach the host, where they would mean something (this is what keeps \\?\ inside a drive).
            if (part.Length == 0 || part == "." || part == ".." || part.Contains('/'))
                return Win32Error.ERROR_INVALID_NAME;
            components[i] = part;
        }
        result = new GuestPath(char.ToUpperInvariant(rest[0]), components, trailing && count > 0, literal: input);
        return 0;
    }

    /// <summary>The device a name refers to (as typed, without extension and trailing spaces), or null.</summary>
    public static string? DeviceName(string name)
    {
        if (name.Equals("CONIN$", StringComparison.OrdinalIgnoreCase) || name.Equals("CONOUT$", StringComparison.OrdinalIgnoreCase))
            return name;
        var dot = name.IndexOf('.');
        var stem = (dot >= 0 ? name.AsSpan(0, dot) : name.AsSpan()).TrimEnd(" :");
        if (stem.Length == 3)
        {
            foreach (var device in Devices)
                if (stem.Equals(device, StringComparison.OrdinalIgnoreCase))
                    return stem.Length == name.Length ? name : stem.ToString();
        }
        else if (stem.Length == 4 && (stem.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || stem.StartsWith("LPT", StringComparison.OrdinalIgnoreCase))
                 && stem[3] is >= '1' and <= '9')
            return stem.Length == name.Length ? name : stem.ToString();
        return null;
    }

    /// <summary>True when a name has a character Windows file names cannot contain (wildcards, <c>:</c>, controls).</summary>
    public static bool HasInvalidCharacter(string name)
    {
        foreach (var c in name)
        {
            if (c < ' ' || c is '<' or '>' or ':' or '"' or '|' or '?' or '*' or '/' or '\\')
                return true;
        }
        return false;
    }

    /// <summary>0 when every component is a valid Windows name, else ERROR_INVALID_NAME.</summary>
    public static int ValidateName(GuestPath path)
    {
        foreach (var component in path.Components)
            if (HasInvalidCharacter(component))
                return Win32Error.ERROR_INVALID_NAME;
        return 0;
    }

    /// <summary>True when a string has <c>*</c> or <c>?</c>.</summary>
    public static bool HasWildcard(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;
}
