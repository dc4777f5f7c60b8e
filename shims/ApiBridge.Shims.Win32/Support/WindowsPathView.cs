using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// How host paths look to a Windows guest: through the drive table of <see cref="GuestFileSystem.Current"/>
/// (by default C: is the prefix's drive_c and Z: the host root, so <c>/a/b/app.dll</c> is <c>Z:\a\b\app.dll</c>
/// and a file inside drive_c shows as <c>C:\…</c>). A host path no drive holds (isolated mode) is shown in Wine's
/// <c>\\?\unix\…</c> form. Keep every host→guest path rendering going through here or the file system.
/// </summary>
public static class WindowsPathView
{
    public const char HostRootDrive = 'Z';

    /// <summary>
    /// The Windows path of a host path: a path that already looks like a Windows one (<c>C:\…</c>, <c>\\server\…</c>)
    /// is kept; otherwise it is made absolute on the host and mapped through the drive table.
    /// </summary>
    public static string FromHost(string hostPath)
    {
        ArgumentNullException.ThrowIfNull(hostPath);
        if (hostPath.Length >= 2 && char.IsAsciiLetter(hostPath[0]) && hostPath[1] == ':')
            return hostPath.Replace('/', '\\');
        if (hostPath.StartsWith(@"\\", StringComparison.Ordinal))
            return hostPath;
        if (hostPath.Length == 0)
            return hostPath;
        var full = Path.GetFullPath(hostPath);
        if (!full.StartsWith('/'))
            return full.Replace('/', '\\');
        return GuestFileSystem.Current.ToWindowsOrUnix(full);
    }

    /// <summary>
    /// The Windows path of the guest program: <see cref="FromHost"/>, with a trailing <c>.dll</c> (a guest run as
    /// <c>dotnet app.dll</c>) shown as the <c>.exe</c> the guest was built as.
    /// </summary>
    public static string ProgramFromHost(string hostPath)
    {
        var path = FromHost(hostPath);
        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? path[..^4] + ".exe" : path;
    }
}
