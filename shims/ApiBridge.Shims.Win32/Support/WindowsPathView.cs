namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// How host paths look to a Windows guest. For now the Wine default: the host root is drive <c>Z:</c>, so
/// <c>/a/b/app.dll</c> is <c>Z:\a\b\app.dll</c>. The file-system work will replace this with the drive table;
/// keep every host→guest path rendering going through here.
/// </summary>
public static class WindowsPathView
{
    public const char HostRootDrive = 'Z';

    /// <summary>
    /// The Windows path of a host path: a path that already looks like a Windows one (<c>C:\…</c>, <c>\\server\…</c>)
    /// is kept; otherwise it is made absolute on the host and put under <c>Z:</c> with backslashes.
    /// </summary>
    public static string FromHost(string hostPath)
    {
        ArgumentNullException.ThrowIfNull(hostPath);
        if (hostPath.Length >= 2 && char.IsAsciiLetter(hostPath[0]) && hostPath[1] == ':')
            return hostPath.Replace('/', '\\');
        if (hostPath.StartsWith(@"\\", StringComparison.Ordinal))
            return hostPath;
        var full = hostPath.Length == 0 ? hostPath : Path.GetFullPath(hostPath);
        if (!full.StartsWith('/'))
            return full.Replace('/', '\\');
        return HostRootDrive + ":" + full.Replace('/', '\\');
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
