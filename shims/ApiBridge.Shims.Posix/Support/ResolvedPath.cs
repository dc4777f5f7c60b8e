namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// One guest path after resolution: the normalized absolute guest path and the host path it names; for a path
/// resolved by text alone (<see cref="PosixPathView.ResolveLexically"/>), also <paramref name="Plain"/>.
/// </summary>
public readonly record struct ResolvedPath(string Guest, string Host, bool TrailingSlash, bool CaseConflict, PlainPath? Plain = null);

/// <summary>
/// What a guest path resolved by text alone comes to, all of it a function of the text and the view's fixed
/// mapping (never of what is on disk, so it cannot go stale): <see cref="ExactNtPath"/>, an NT path of the host
/// entry whose every name the host looks up exactly (case-sensitively), and the inode-like numbers of the host path.
/// </summary>
public sealed class PlainPath(string guest, string host, bool trailingSlash, string exactNtPath)
{
    public string Guest { get; } = guest;

    public string Host { get; } = host;

    public bool TrailingSlash { get; } = trailingSlash;

    public string ExactNtPath { get; } = exactNtPath;

    /// <summary>st_ino: <see cref="HostFiles.InodeOf(string, bool)"/> of the (already full) host path.</summary>
    public ulong Inode { get; } = HostFiles.InodeOf(host, caseInsensitive: true);

    /// <summary>st_dev: of the host path's root.</summary>
    public ulong Device { get; } = HostFiles.InodeOf(Path.GetPathRoot(host.AsSpan()), caseInsensitive: true) & 0xFFFF;
}
