using System.Collections.Concurrent;
using System.Text;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>The Wine fast path: a guest path resolved by text alone, checked by one exact host call.</summary>
public sealed partial class PosixPathView
{
    /// <summary>
    /// Whether this view may resolve by text alone and leave the check to one exact host call: a Windows host (not
    /// isolated) that is Wine, whose NT paths in its <c>\??\unix\…</c> form name Unix paths and are looked up
    /// exactly (no case-insensitive fallback), so one query both finds the entry and proves every name's case.
    /// Windows itself has no such form (its lookups are case-insensitive) and keeps the walk. Probed once, on the
    /// root folder: found in its own spelling, missing with its last name in another case.
    /// </summary>
    public bool ExactLookups => exactLookups != 0 ? exactLookups > 0 : ProbeExactLookups();

    private int exactLookups;

    private bool ProbeExactLookups()
    {
        var supported = false;
        try
        {
            if (OnWindowsHost && WindowsNames && !IsIsolated && !IsIdentity && separator == '\\' && RootFolder is { } root && IsPlainDrivePath(root)
                && UnixBase(root) is { } exact)
            {
                var cut = exact.LastIndexOf('\\') + 1;
                var name = exact[cut..];
                var other = name.ToUpperInvariant() == name ? name.ToLowerInvariant() : name.ToUpperInvariant();
                supported = other != name
                    && HostNative.QueryAttributes(exact, out var found) == HostNative.ExactResult.Found
                    && (found.FileAttributes & (uint)FileAttributes.Directory) != 0
                    && HostNative.QueryAttributes(exact[..cut] + other, out _) == HostNative.ExactResult.Missing;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            supported = false;
        }
        if (!supported)
            unixBases.Clear();
        exactLookups = supported ? 1 : -1;
        return supported;
    }

    /// <summary>
    /// Per mount folder (or drive root) that exists: the <c>\??\unix\…</c> NT path of its Unix path under Wine. The
    /// mapping of a Windows folder to a Unix one is Wine's drive configuration, fixed for the process as the
    /// view's own mounts are; nothing about the names below it is kept.
    /// </summary>
    private readonly ConcurrentDictionary<string, string> unixBases = new(StringComparer.Ordinal);

    private string? UnixBase(string hostFolder)
    {
        if (unixBases.TryGetValue(hostFolder, out var known))
            return known;
        var unix = HostNative.WineUnixPath(hostFolder.Length == 2 ? hostFolder + "\\" : hostFolder);
        if (unix is null || unix.Length == 0 || unix[0] != '/' || unix.Contains('\\'))
            return null;
        var nt = @"\??\unix" + unix.TrimEnd('/').Replace('/', '\\');
        if (HostNative.QueryAttributes(nt, out var info) != HostNative.ExactResult.Found
            || (info.FileAttributes & (uint)FileAttributes.Directory) == 0)
            return null; // not there (yet): asked again next time
        return unixBases[hostFolder] = nt;
    }

    /// <summary>
    /// Resolves like <see cref="Resolve"/>, but when the view has <see cref="ExactLookups"/> and the path is plain
    /// (no name that Win32 path rules would change: trailing dots or spaces, device names; none of the characters
    /// kept as U+F0xx), by text alone, without a host query: <paramref name="lexical"/> is then true and
    /// <see cref="ResolvedPath.Plain"/> set, and the caller's own exact host call on its
    /// <see cref="PlainPath.ExactNtPath"/> (an attribute query, an open) is the check that every name exists in
    /// exactly that case. When that call fails, the caller resolves
    /// again with <see cref="Resolve"/>, whose walk works out ENOENT, ENOTDIR or a case conflict. Nothing about
    /// names is remembered between calls, so a name created, removed or renamed by anyone is seen at once.
    /// </summary>
    public int ResolveLexically(string? path, out ResolvedPath resolved, out bool lexical, string? baseDirectory = null)
    {
        lexical = false;
        if (path is null || path.Length == 0 || !ExactLookups)
            return Resolve(path, out resolved, baseDirectory);
        if (path[0] == '/' && plainPaths.TryGetValue(path, out var known))
        {
            resolved = new ResolvedPath(known.Guest, known.Host, known.TrailingSlash, false, known);
            lexical = true;
            return 0;
        }
        resolved = default;
        string guest;
        bool trailing;
        var canonical = path[0] == '/' && IsCanonical(path);
        if (canonical)
        {
            // The common case, with no list of names: the text is the guest path (but for one trailing slash).
            trailing = path.Length > 1 && path[^1] == '/';
            guest = trailing ? path[..^1] : path;
        }
        else
        {
            var error = Normalize(path, baseDirectory, out _, out guest, out trailing);
            if (error != 0)
                return error;
        }
        if (guest == SelfExe && processPath is not null)
            return Resolve(path, out resolved, baseDirectory);
        var hostBase = HostBase(guest, out var restStart);
        if (hostBase is null || UnixBase(hostBase) is not { } exactBase)
            return Resolve(path, out resolved, baseDirectory);
        foreach (var c in guest.AsSpan(restStart))
        {
            if (IsUnstorableOnWindows(c) || (c >= 0xF000 && c < 0xF100))
                return Resolve(path, out resolved, baseDirectory);
        }
        var host = JoinHost(hostBase, guest, restStart);
        if (!IsPlainDrivePath(host))
            return Resolve(path, out resolved, baseDirectory);
        var plain = new PlainPath(guest, host, trailing, JoinHost(exactBase, guest, restStart));
        if (canonical)
        {
            if (plainPaths.Count >= MaxPlainPaths)
                plainPaths.Clear();
            plainPaths[path] = plain;
        }
        resolved = new ResolvedPath(guest, host, trailing, false, plain);
        lexical = true;
        return 0;
    }

    /// <summary>
    /// The guest path of an exact NT path (<c>\??\unix\…</c>, or its Win32 form <c>\\?\unix\…</c>) under one of the
    /// view's folders, as the managed view hands the BCL for a name that exists only in another case; null otherwise.
    /// </summary>
    public string? FromExactNtPath(string path)
    {
        if (path.StartsWith(@"\\?\", StringComparison.Ordinal))
            path = @"\??\" + path[4..];
        if (!path.StartsWith(@"\??\unix\", StringComparison.Ordinal))
            return null;
        foreach (var (hostFolder, exact) in unixBases)
        {
            if (path.Length == exact.Length ? path == exact : path.StartsWith(exact, StringComparison.Ordinal) && path[exact.Length] == '\\')
                return ToGuest(hostFolder + path[exact.Length..]);
        }
        return null;
    }

    private const int MaxPlainPaths = 1024;

    /// <summary>
    /// Absolute guest paths as given (so independent of the working directory) → what they come to by text alone.
    /// Only the text and the fixed mapping are in it: whether anything exists is asked again on every call.
    /// </summary>
    private readonly ConcurrentDictionary<string, PlainPath> plainPaths = new(StringComparer.Ordinal);

    /// <summary><paramref name="folder"/> and the guest names from <paramref name="start"/> on (nothing, or '/' and names), with the host separator, in one allocation.</summary>
    private string JoinHost(string folder, string guest, int start) =>
        string.Create(folder.Length + guest.Length - start, (folder, guest, start, separator), static (target, state) =>
        {
            state.folder.CopyTo(target);
            var names = target[state.folder.Length..];
            state.guest.AsSpan(state.start).CopyTo(names);
            names.Replace('/', state.separator);
        });

    private readonly string?[] driveBases = new string?[26];

    /// <summary>
    /// The host folder of a normalized guest path's mount (or drive under /mnt) and the rest of the path after it
    /// (from <paramref name="restStart"/>: nothing, or '/' and names); null when none applies. The same mapping as the walk's, on the text.
    /// </summary>
    private string? HostBase(string guest, out int restStart)
    {
        restStart = guest.Length;
        if (!IsIsolated && driveRoot is not null && guest.Length >= 6 && guest.StartsWith("/mnt/", StringComparison.Ordinal)
            && char.IsAsciiLetterLower(guest[5]) && (guest.Length == 6 || guest[6] == '/'))
        {
            var letter = guest[5] - 'a';
            restStart = 6;
            return driveBases[letter] ??= TrimSeparator(driveRoot(guest[5]));
        }
        foreach (var mount in byGuest)
        {
            var prefix = mount.GuestPrefix;
            if (guest.Length == prefix.Length ? guest == prefix : guest.StartsWith(prefix, StringComparison.Ordinal) && guest[prefix.Length] == '/')
            {
                restStart = prefix.Length == 0 && guest == "/" ? guest.Length : prefix.Length;
                return mount.HostFolder;
            }
        }
        return null;
    }

    /// <summary>
    /// An absolute drive path (<c>X:\…</c>) that Win32 path normalization leaves as it is, so that it names the same
    /// entry whether given to a Win32 call or, prefixed with <c>\??\</c>, to an NT one: backslashes only, no empty
    /// name, no name ending in a dot or a space, no DOS device name (CON, NUL, COM1, …).
    /// </summary>
    private static bool IsPlainDrivePath(string host)
    {
        if (host.Length < 4 || !char.IsAsciiLetter(host[0]) || host[1] != ':' || host[2] != '\\')
            return false;
        var start = 3;
        for (var i = 3; i <= host.Length; i++)
        {
            if (i < host.Length)
            {
                var c = host[i];
                if (c == '/')
                    return false;
                if (c != '\\')
                    continue;
            }
            var name = host.AsSpan(start, i - start);
            if (name.Length == 0 || name[^1] is '.' or ' ' || IsDeviceName(name))
                return false;
            start = i + 1;
        }
        return true;
    }

    /// <summary>Names Win32 path rules may turn into a device (conservatively: CON, PRN, AUX, NUL, COMn, LPTn, CONIN$, CONOUT$, with any extension).</summary>
    private static bool IsDeviceName(ReadOnlySpan<char> name)
    {
        if (name.Length < 3)
            return false;
        // ASCII letters only: | 0x20 lowers A-Z and maps nothing else onto a-z.
        int a = name[0] | 0x20, b = name[1] | 0x20, c = name[2] | 0x20;
        var rest = name[3..];
        var bare = rest.Length == 0 || rest[0] is '.' or ' ' or ':';
        if (a == 'c' && b == 'o' && c == 'n')
            return bare || StartsWithAscii(rest, "in$") || StartsWithAscii(rest, "out$");
        if ((a == 'p' && b == 'r' && c == 'n') || (a == 'a' && b == 'u' && c == 'x') || (a == 'n' && b == 'u' && c == 'l'))
            return bare;
        if ((a == 'c' && b == 'o' && c == 'm') || (a == 'l' && b == 'p' && c == 't'))
            return rest.Length > 0 && (char.IsAsciiDigit(rest[0]) || rest[0] is '\u00B9' or '\u00B2' or '\u00B3');
        return false;
    }

    /// <summary>Whether <paramref name="text"/> starts with the lower-case ASCII <paramref name="lower"/>, in any case.</summary>
    private static bool StartsWithAscii(ReadOnlySpan<char> text, string lower)
    {
        if (text.Length < lower.Length)
            return false;
        for (var i = 0; i < lower.Length; i++)
        {
            if ((text[i] | 0x20) != lower[i] && text[i] != lower[i])
                return false;
        }
        return true;
    }
}
