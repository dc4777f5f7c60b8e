namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// A normalized absolute Windows path: a drive letter and its components (<c>C:\a\b</c>), or a DOS device
/// (<c>\\.\NUL</c>). Made by <see cref="WindowsPathSyntax.Normalize"/>; components never contain a separator,
/// are never <c>.</c> or <c>..</c>, and never empty.
/// </summary>
public sealed class GuestPath
{
    public GuestPath(char drive, string[] components, bool trailingSeparator, string? device = null, string? literal = null)
    {
        Drive = drive;
        Components = components;
        TrailingSeparator = trailingSeparator;
        Device = device;
        Literal = literal;
    }

    /// <summary>Upper-case drive letter ('\0' for a device).</summary>
    public char Drive { get; }

    public string[] Components { get; }

    /// <summary>The input ended with a separator (a folder was meant).</summary>
    public bool TrailingSeparator { get; }

    /// <summary>The DOS device's name as typed (<c>nul</c>, <c>CONOUT$</c>) when the path names one.</summary>
    public string? Device { get; }

    /// <summary>The input as given when it was a <c>\\?\</c> path (GetFullPathNameW returns those unchanged).</summary>
    public string? Literal { get; }

    public bool IsRoot => Device is null && Components.Length == 0;

    /// <summary>The last component (the name), or "" at a drive root.</summary>
    public string Name => Components.Length == 0 ? string.Empty : Components[^1];

    /// <summary>The containing folder (a root's parent is itself).</summary>
    public GuestPath Parent => Components.Length == 0 ? this : new GuestPath(Drive, Components[..^1], false);

    public GuestPath Append(string name) => new(Drive, [.. Components, name], false);

    /// <summary>The Windows form: <c>C:\a\b</c>, <c>C:\</c>, <c>C:\a\</c> with a trailing separator, <c>\\.\nul</c>.</summary>
    public override string ToString()
    {
        if (Device is not null)
            return @"\\.\" + Device;
        if (Components.Length == 0)
            return Drive + @":\";
        var text = Drive + @":\" + string.Join('\\', Components);
        return TrailingSeparator ? text + "\\" : text;
    }

    /// <summary>Without a trailing separator except at a root (how GetCurrentDirectoryW shows folders).</summary>
    public string ToFolderString() => Components.Length == 0 ? Drive + @":\" : Drive + @":\" + string.Join('\\', Components);
}
