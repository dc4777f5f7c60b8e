using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The POSIX guest's paths in and out of the BCL's file-system members (the rewriter's generated wrappers call
/// these): a guest path is resolved through <see cref="PosixServices.View"/> — <c>/</c> a root folder, <c>/tmp</c>
/// the host's temp folder, <c>/mnt/c/…</c> drive C:, case-sensitive names, isolation — exactly as libc's open
/// resolves it, so <c>System.IO</c> and libc see one file system; host paths handed back are shown through the same
/// view (what getcwd and realpath answer). With the identity view (a Linux host, not isolated) nothing changes.
/// </summary>
[GuestPathTranslator("posix")]
public static partial class PosixManagedPaths
{
    // The last host paths this thread was given and the guest paths they came from, so a BCL message that quotes
    // the host path shows exactly what the guest named (made absolute, as .NET on Linux words it).
    [ThreadStatic]
    private static (string Host, string Guest)[]? recent;

    [ThreadStatic]
    private static int recentNext;

    /// <summary>
    /// The host path of a guest path. Null and empty pass through, so the BCL raises its own argument errors (and a
    /// NUL in the path its own). A path the guest may not reach (isolation), or a name too long, throws the exception
    /// .NET on Linux throws for that errno, with the guest's path in the message. A final name that exists on the
    /// host only in another letter case is, under Wine, handed over as an exact (case-sensitive) path, so the BCL
    /// finds or makes that very name; elsewhere the case-insensitive host decides.
    /// </summary>
    public static string? ToHost(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
            return path;
        var view = PosixServices.View;
        if (view.IsIdentity)
            return path;
        var error = view.Resolve(path, out var resolved);
        if (error == Errno.ENOENT && view.ExactLookups && Exact(view, path) is { } missing)
            return Remember(missing, Absolute(view, path));
        if (error != 0)
            throw ManagedErrors.ForErrno(error, Absolute(view, path));
        if (resolved.CaseConflict && view.ExactLookups && Exact(view, path) is { } exact)
            return Remember(exact, resolved.Guest);
        var host = resolved.TrailingSlash ? resolved.Host + Path.DirectorySeparatorChar : resolved.Host;
        return Remember(HostIsWindows && KeepsNamesAsWritten(host) ? @"\\?\" + host : host, resolved.Guest);
    }

    /// <summary>A path relative to something else (<c>DirectoryInfo.CreateSubdirectory</c>): names kept as the host stores them, the host's separator.</summary>
    public static string? ToHostRelative(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return path;
        var view = PosixServices.View;
        if (view.IsIdentity)
            return path;
        if (path[0] == '/')
            return ToHost(path);
        var names = path.Split('/');
        for (var i = 0; i < names.Length; i++)
            names[i] = view.WindowsNames ? PosixPathView.EncodeName(names[i]) : names[i];
        return string.Join(Path.DirectorySeparatorChar, names);
    }

    /// <summary>The guest's form of a host path (<c>C:\users\u\Temp\x</c> → <c>/tmp/x</c>); a relative one keeps its names with <c>/</c>.</summary>
    public static string? ToGuest(string? hostPath)
    {
        if (string.IsNullOrEmpty(hostPath))
            return hostPath;
        var view = PosixServices.View;
        if (view.IsIdentity)
            return hostPath;
        if (GuestOfHostPath(hostPath) is { } guest)
        {
            // A folder the BCL shows with its final separator (AppContext.BaseDirectory, GetTempPath) keeps it.
            var trailing = hostPath.Length > 1 && hostPath[^1] is '\\' or '/' && guest.Length > 1 && guest[^1] != '/';
            return trailing ? guest + "/" : guest;
        }
        if (Path.IsPathFullyQualified(hostPath))
            return hostPath; // outside everything the guest can see: shown as it is
        var names = hostPath.Split(['\\', '/']);
        for (var i = 0; i < names.Length; i++)
            names[i] = view.ToGuestName(names[i]);
        return string.Join('/', names);
    }

    public static string[]? ToGuest(string[]? hostPaths)
    {
        if (hostPaths is null || PosixServices.View.IsIdentity)
            return hostPaths;
        var paths = new string[hostPaths.Length];
        for (var i = 0; i < paths.Length; i++)
            paths[i] = ToGuest(hostPaths[i])!;
        return paths;
    }

    /// <summary>Lazily, as the BCL's enumerations are.</summary>
    public static IEnumerable<string>? ToGuest(IEnumerable<string>? hostPaths) =>
        hostPaths is null || PosixServices.View.IsIdentity ? hostPaths : hostPaths.Select(p => ToGuest(p)!);

    /// <summary>
    /// A text writer the guest gets (<c>new StreamWriter(path)</c>, <c>File.CreateText</c>): it ends lines with "\n",
    /// as every text file a Linux program writes does, also on a Windows host.
    /// </summary>
    public static void UseGuestNewLine(TextWriter writer) => writer.NewLine = EnvironmentMembers.NewLine;

    /// <summary>
    /// Called by a wrapper's handler: throws <paramref name="error"/> again as the guest would see it (host paths in
    /// its message shown as guest paths, Linux's errno HResults), or returns when there is nothing to change, and
    /// the wrapper rethrows the original untouched.
    /// </summary>
    public static void ThrowAsGuest(Exception error)
    {
        if (PosixServices.View.IsIdentity)
            return;
        if (ManagedErrors.AsGuest(error) is { } translated)
            throw translated;
    }

    /// <summary>The guest path of an absolute host path (one this thread translated, or through the view); null for anything else.</summary>
    internal static string? GuestOfHostPath(string text)
    {
        if (text.Length == 0)
            return null;
        var view = PosixServices.View;
        if (recent is { } known)
        {
            foreach (var (host, guest) in known)
            {
                if (host is not null && string.Equals(host, text, StringComparison.Ordinal))
                    return guest;
            }
        }
        if (view.IsIdentity)
            return text[0] == '/' ? text : null;
        if (view.FromExactNtPath(text) is { } exact)
            return exact;
        if (text.Length > 6 && text.StartsWith(@"\\?\", StringComparison.Ordinal) && text[5] == ':')
            text = text[4..]; // the form KeepsNamesAsWritten hands the BCL
        if (!Path.IsPathFullyQualified(text))
            return null;
        return view.ToGuest(text);
    }

    private static readonly bool HostIsWindows = OperatingSystem.IsWindows();

    /// <summary>
    /// A drive path with a name Win32 path rules would change (a final dot or space: <c>trailing.</c> is a name of
    /// its own on Linux, <c>trailing</c> to Windows): given in the <c>\\?\</c> form, which Windows takes as written.
    /// </summary>
    private static bool KeepsNamesAsWritten(string host)
    {
        if (host.Length < 4 || host[1] != ':' || host[2] != '\\')
            return false;
        for (var i = 3; i < host.Length; i++)
        {
            if (host[i] is '.' or ' ' && (i + 1 == host.Length || host[i + 1] == '\\'))
                return !(host[i] == '.' && (i == 3 || host[i - 1] == '\\' || (host[i - 1] == '.' && (i == 4 || host[i - 2] == '\\'))));
        }
        return false;
    }

    private static string? Exact(PosixPathView view, string path) =>
        view.ResolveLexically(path, out var lexical, out var isLexical) == 0 && isLexical && lexical.Plain is { } plain
            ? @"\\?\" + plain.ExactNtPath[4..]
            : null;

    private static string Absolute(PosixPathView view, string path) =>
        path[0] == '/' ? path : view.CurrentDirectory.TrimEnd('/') + "/" + path;

    private static string Remember(string host, string guest)
    {
        var table = recent ??= new (string, string)[8];
        table[recentNext] = (host, guest);
        recentNext = (recentNext + 1) % table.Length;
        return host;
    }
}
