using System.Collections.Concurrent;
using System.Text;

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

/// <summary>
/// How a POSIX guest sees the host's file system. Three shapes, one class:
/// <list type="bullet">
/// <item><b>Identity</b> (non-isolated, POSIX host): guest paths are host paths.</item>
/// <item><b>Windows host</b>: <c>/</c> is a root folder in the prefix, <c>/tmp</c> the host temp folder,
/// <c>/home/&lt;user&gt;</c> the profile folder, <c>/mnt/c/…</c> is <c>C:\…</c> (WSL). Names are case-sensitive
/// (a name that exists only in another case is absent; creating it is refused with EEXIST), <c>/</c> is the
/// only separator, and characters Windows cannot store (<c>\ : * ? " &lt; &gt; |</c>, controls) are kept in
/// host names as U+F000+c like WSL does — so a backslash or <c>C:</c> in a guest name is just a name.</item>
/// <item><b>Isolated</b> (<c>APIBRIDGE_ISOLATE=1</c>, any host): only the root folder, like a chroot; <c>..</c>
/// stops at <c>/</c> and an existing symbolic link whose final target is outside the root gives EACCES.</item>
/// </list>
/// Guest paths are normalized lexically (<c>.</c>, <c>..</c>, repeated slashes) against the guest's working
/// directory, which the view keeps as a guest path.
/// </summary>
public sealed class PosixPathView
{
    public const string PrefixVariable = ApiBridge.Runtime.BridgeVariables.Prefix;
    public const string IsolateVariable = ApiBridge.Runtime.BridgeVariables.Isolate;
    public const int PathMax = 4096;
    public const int NameMax = 255;
    public const string SelfExe = "/proc/self/exe";

    private sealed record Mount(string[] GuestParts, string GuestPrefix, string HostFolder);

    private readonly Mount[] byGuest;
    private readonly Mount[] byHost;
    private readonly char separator;
    private readonly Func<char, string>? driveRoot;
    private readonly StringComparison hostComparison;
    private readonly string? processPath;
    private string? currentDirectory;

    private PosixPathView(IEnumerable<(string Guest, string Host)> mounts, char separator, bool windowsNames, bool isolated,
        Func<char, string>? driveRoot, string? homeGuestPath, string? processPath, bool identity)
    {
        this.separator = separator;
        WindowsNames = windowsNames;
        IsIsolated = isolated;
        IsIdentity = identity;
        this.driveRoot = driveRoot;
        HomeGuestPath = homeGuestPath;
        this.processPath = processPath;
        hostComparison = windowsNames ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var list = mounts.Select(m => new Mount(Split(m.Guest), m.Guest == "/" ? "" : m.Guest.TrimEnd('/'), TrimSeparator(m.Host))).ToList();
        byGuest = list.OrderByDescending(m => m.GuestParts.Length).ToArray();
        byHost = list.OrderByDescending(m => m.HostFolder.Length).ToArray();
        RootFolder = list.FirstOrDefault(m => m.GuestParts.Length == 0)?.HostFolder;
    }

    /// <summary>Guest paths are host paths (Linux and other POSIX hosts, not isolated).</summary>
    public bool IsIdentity { get; }

    public bool IsIsolated { get; }

    /// <summary>Host names are Windows names: case-insensitive lookups checked for exact case, reserved characters encoded.</summary>
    public bool WindowsNames { get; }

    /// <summary>The host folder <c>/</c> maps to (null for the identity view).</summary>
    public string? RootFolder { get; }

    /// <summary>What <c>$HOME</c> reads as for the guest when the view is not the identity (null: the host's HOME).</summary>
    public string? HomeGuestPath { get; }

    /// <summary>The identity view of a POSIX host.</summary>
    public static PosixPathView Identity() =>
        new([("/", "/")], '/', windowsNames: false, isolated: false, null, null, null, identity: true);

    /// <summary>The view of a Windows host (tests pass host folders of their own and '/' as separator to run it anywhere).</summary>
    public static PosixPathView WindowsHost(string rootFolder, string tempFolder, string profileFolder, string userName,
        char separator = '\\', Func<char, string>? driveRoot = null, bool windowsNames = true, string? processPath = null)
    {
        var home = "/home/" + userName;
        return new PosixPathView([("/", rootFolder), ("/tmp", tempFolder), (home, profileFolder)], separator, windowsNames,
            isolated: false, driveRoot ?? (letter => char.ToUpperInvariant(letter) + ":" + separator), home, processPath, identity: false);
    }

    /// <summary>The isolated view: everything lives under <paramref name="rootFolder"/>.</summary>
    public static PosixPathView Isolated(string rootFolder, string userName, char? separator = null, bool? windowsNames = null) =>
        new([("/", rootFolder)], separator ?? Path.DirectorySeparatorChar, windowsNames ?? OperatingSystem.IsWindows(), isolated: true,
            null, "/home/" + userName, null, identity: false);

    /// <summary>The view for this process, from the host and <c>APIBRIDGE_PREFIX</c> / <c>APIBRIDGE_ISOLATE</c>.</summary>
    public static PosixPathView ForCurrentHost()
    {
        var isolate = System.Environment.GetEnvironmentVariable(IsolateVariable) is "1" or "true" or "yes";
        if (!isolate && !OperatingSystem.IsWindows())
            return Identity();
        var profile = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        var prefix = System.Environment.GetEnvironmentVariable(PrefixVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(profile, ".apibridge");
        var root = Path.Combine(prefix, "rootfs");
        var user = GuestUserName();
        Directory.CreateDirectory(root);
        if (isolate)
        {
            Directory.CreateDirectory(Path.Combine(root, "tmp"));
            Directory.CreateDirectory(Path.Combine(root, "home", user));
            return Isolated(root, user);
        }
        return WindowsHost(root, Path.GetTempPath(), profile, user, processPath: System.Environment.ProcessPath);
    }

    /// <summary>The user name as a POSIX guest sees it: lower case, spaces as underscores.</summary>
    public static string GuestUserName()
    {
        var name = System.Environment.UserName;
        return string.IsNullOrEmpty(name) ? "user" : name.Replace(' ', '_').ToLowerInvariant();
    }

    /// <summary>The guest's working directory (a guest path).</summary>
    public string CurrentDirectory
    {
        get
        {
            if (IsIdentity)
                return Directory.GetCurrentDirectory();
            return currentDirectory ??= ToGuest(Directory.GetCurrentDirectory()) ?? "/";
        }
    }

    /// <summary>Makes <paramref name="path"/> (already resolved to a directory) the working directory.</summary>
    public void ChangeDirectory(ResolvedPath path)
    {
        try
        {
            // Keeps the guest's own relative .NET file calls in step; not possible for every view (tests).
            if (IsIdentity || Path.IsPathFullyQualified(path.Host))
                Directory.SetCurrentDirectory(path.Host);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        currentDirectory = IsIdentity ? null : path.Guest;
    }

    /// <summary>Resolves a guest path (relative ones against <paramref name="baseDirectory"/> or the working directory); returns 0 or an errno.</summary>
    public int Resolve(string? path, out ResolvedPath resolved, string? baseDirectory = null)
    {
        resolved = default;
        if (path is null)
            return Errno.EFAULT;
        if (path.Length == 0)
            return Errno.ENOENT;
        if (IsIdentity && path[0] == '/' && IsCanonical(path))
        {
            // Already absolute and normalized: the guest path is the text itself (no split and join).
            var slash = path.Length > 1 && path[^1] == '/';
            resolved = new ResolvedPath(slash ? path[..^1] : path, slash ? path[..^1] : path, slash, false);
            return 0;
        }
        var error = Normalize(path, baseDirectory, out var parts, out var guest, out var trailing);
        if (error != 0)
            return error;
        if (IsIdentity)
        {
            resolved = new ResolvedPath(guest, guest, trailing, false);
            return 0;
        }
        if (guest == SelfExe && processPath is not null && !IsIsolated)
        {
            resolved = new ResolvedPath(guest, processPath, false, false);
            return 0;
        }

        var hostBase = HostBase(parts, out var consumed);
        var host = hostBase;
        var conflict = false;
        var walking = WindowsNames || IsIsolated;
        var folderTime = walking && WindowsNames && consumed < parts.Count ? FolderWriteTime(hostBase) : null;
        for (var i = consumed; i < parts.Count; i++)
        {
            var name = WindowsNames ? EncodeName(parts[i]) : parts[i];
            var next = Combine(host, name);
            if (walking)
            {
                if (IsIsolated && IsLinkOutside(next))
                    return Errno.EACCES;
                var match = WindowsNames ? MatchName(host, folderTime, next, name, out folderTime) : HostNative.NameMatch.Unknown;
                if (match == HostNative.NameMatch.Missing || (match == HostNative.NameMatch.Unknown && !Path.Exists(next) && !IsLink(next)))
                    walking = false;
                else if (WindowsNames && match != HostNative.NameMatch.Exact && (match == HostNative.NameMatch.OtherCase || !HasExactName(host, name)))
                {
                    if (i < parts.Count - 1)
                        return Errno.ENOENT;
                    conflict = true;
                    walking = false;
                }
            }
            host = next;
        }
        resolved = new ResolvedPath(guest, host.Length == 0 ? separator.ToString() : host, trailing, conflict);
        return 0;
    }

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
                    && HostNative.QueryAttributes(exact, caseSensitive: true, out var found) == HostNative.ExactResult.Found
                    && (found.FileAttributes & (uint)FileAttributes.Directory) != 0
                    && HostNative.QueryAttributes(exact[..cut] + other, caseSensitive: true, out _) == HostNative.ExactResult.Missing;
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
        if (HostNative.QueryAttributes(nt, caseSensitive: true, out var info) != HostNative.ExactResult.Found
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
            if (c < 32 || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || (c >= 0xF000 && c < 0xF100))
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

    /// <summary>The lexical part of resolution: the guest path's names after <c>.</c>, <c>..</c> and repeated slashes.</summary>
    private int Normalize(string path, string? baseDirectory, out List<string> parts, out string guest, out bool trailing)
    {
        parts = new List<string>();
        guest = string.Empty;
        trailing = false;
        if (Encoding.UTF8.GetByteCount(path) >= PathMax)
            return Errno.ENAMETOOLONG;
        if (path[0] != '/')
            Push(baseDirectory ?? CurrentDirectory, parts);
        var error = Push(path, parts);
        if (error != 0)
            return error;
        guest = "/" + string.Join('/', parts);
        trailing = path.Length > 1 && path[^1] == '/';
        return 0;
    }

    /// <summary>The host folder the first <paramref name="consumed"/> names map to (a mount, or a drive under /mnt).</summary>
    private string HostBase(List<string> parts, out int consumed)
    {
        if (!IsIsolated && driveRoot is not null && parts.Count >= 2 && parts[0] == "mnt" && parts[1].Length == 1 && char.IsAsciiLetterLower(parts[1][0]))
        {
            consumed = 2;
            return TrimSeparator(driveRoot(parts[1][0]));
        }
        foreach (var mount in byGuest)
        {
            if (StartsWith(parts, mount.GuestParts))
            {
                consumed = mount.GuestParts.Length;
                return mount.HostFolder;
            }
        }
        throw new InvalidOperationException("no mount for " + string.Join('/', parts));
    }

    /// <summary>The guest path of a host path, or null when the guest cannot see it.</summary>
    public string? ToGuest(string hostPath)
    {
        if (IsIdentity)
            return hostPath;
        var host = TrimSeparator(hostPath);
        foreach (var mount in byHost)
        {
            if (IsUnder(host, mount.HostFolder, out var rest))
                return Join(mount.GuestPrefix, rest);
        }
        if (!IsIsolated && driveRoot is not null)
        {
            for (var letter = 'a'; letter <= 'z'; letter++)
            {
                if (IsUnder(host, TrimSeparator(driveRoot(letter)), out var rest))
                    return Join("/mnt/" + letter, rest);
            }
        }
        return null;
    }

    /// <summary>A host directory entry's name as the guest sees it.</summary>
    public string ToGuestName(string hostName) => WindowsNames ? DecodeName(hostName) : hostName;

    /// <summary>Windows cannot store these in names; WSL keeps them as U+F000 + the character.</summary>
    public static string EncodeName(string name)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c < 32 || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                builder ??= new StringBuilder(name, 0, i, name.Length);
                builder.Append((char)(0xF000 + c));
            }
            else
                builder?.Append(c);
        }
        return builder?.ToString() ?? name;
    }

    public static string DecodeName(string name)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c >= 0xF000 && c < 0xF080)
            {
                builder ??= new StringBuilder(name, 0, i, name.Length);
                builder.Append((char)(c - 0xF000));
            }
            else
                builder?.Append(c);
        }
        return builder?.ToString() ?? name;
    }

    /// <summary>
    /// True for an absolute path that lexical normalization leaves as it is (but for one trailing slash): no empty,
    /// <c>.</c> or <c>..</c> component, every name within NAME_MAX and the whole within PATH_MAX (in UTF-8 bytes,
    /// at most three per UTF-16 unit).
    /// </summary>
    private static bool IsCanonical(string path)
    {
        if (path.Length == 1)
            return true;
        if (path.Length * 3 >= PathMax && Encoding.UTF8.GetByteCount(path) >= PathMax)
            return false;
        var end = path[^1] == '/' ? path.Length - 1 : path.Length;
        var start = 1;
        for (var i = 1; i <= end; i++)
        {
            if (i < end && path[i] != '/')
                continue;
            var length = i - start;
            if (length == 0)
                return false;
            if (path[start] == '.' && (length == 1 || (length == 2 && path[start + 1] == '.')))
                return false;
            if (length * 3 > NameMax && Encoding.UTF8.GetByteCount(path.AsSpan(start, length)) > NameMax)
                return false;
            start = i + 1;
        }
        return true;
    }

    private static int Push(string path, List<string> parts)
    {
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
                continue;
            }
            if (Encoding.UTF8.GetByteCount(part) > NameMax)
                return Errno.ENAMETOOLONG;
            parts.Add(part);
        }
        return 0;
    }

    private static string[] Split(string guest) => guest.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool StartsWith(List<string> parts, string[] prefix)
    {
        if (parts.Count < prefix.Length)
            return false;
        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(parts[i], prefix[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    private string TrimSeparator(string host)
    {
        var trimmed = host.TrimEnd(separator, '/');
        return trimmed;
    }

    private string Combine(string folder, string name) => folder + separator + name;

    private bool IsUnder(string host, string folder, out string rest)
    {
        rest = string.Empty;
        if (host.Length == folder.Length)
            return string.Equals(host, folder, hostComparison);
        if (host.Length > folder.Length && host.StartsWith(folder, hostComparison) && (host[folder.Length] == separator || host[folder.Length] == '/'))
        {
            rest = host[(folder.Length + 1)..];
            return true;
        }
        return false;
    }

    private string Join(string guestPrefix, string hostRest)
    {
        if (hostRest.Length == 0)
            return guestPrefix.Length == 0 ? "/" : guestPrefix;
        var names = hostRest.Split(new[] { separator, '/' }, StringSplitOptions.RemoveEmptyEntries).Select(ToGuestName);
        return guestPrefix + "/" + string.Join('/', names);
    }

    private static bool IsLink(string host)
    {
        try
        {
            return new FileInfo(host).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private bool IsLinkOutside(string host)
    {
        try
        {
            var info = new FileInfo(host);
            if (info.LinkTarget is null)
                return false;
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target is null || RootFolder is null || !IsUnder(TrimSeparator(Path.GetFullPath(target.FullName)), RootFolder, out _);
        }
        catch (IOException)
        {
            return true; // a loop or an unreadable link: refuse rather than follow
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>
    /// A Windows host answers "spelled how" for one name in one call (FindFirstFileExW on the exact path) instead
    /// of a listing of the whole folder; elsewhere (tests of this view on Linux) the folder is listed.
    /// </summary>
    private static readonly bool OnWindowsHost = OperatingSystem.IsWindows();

    /// <summary>
    /// Modification times are coarse (a kernel tick on Linux, up to two seconds on FAT): a folder changed within
    /// that window of now may change again without its time moving, so what is seen in it then is not kept.
    /// </summary>
    private static readonly long CoarseWindow = OperatingSystem.IsLinux() ? TimeSpan.FromMilliseconds(20).Ticks : TimeSpan.FromSeconds(2).Ticks;

    private const int MaxCachedFolders = 4096;

    /// <summary>Per host folder, at one modification time: the names seen in it, and whether each is stored in exactly that case.</summary>
    private sealed record FolderNames(long WriteTime, ConcurrentDictionary<string, bool> Exact);

    private readonly ConcurrentDictionary<string, FolderNames> exactNames = new(StringComparer.Ordinal);

    /// <summary>The write time (UTC ticks) of an existing folder that is not a link, or null.</summary>
    private static long? FolderWriteTime(string hostFolder)
    {
        try
        {
            var info = new FileInfo(hostFolder);
            var attributes = info.Attributes;
            if ((int)attributes == -1 || (attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint)) != FileAttributes.Directory)
                return null;
            return info.LastWriteTimeUtc.Ticks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> exists in <paramref name="folder"/> (whose write time is
    /// <paramref name="folderTime"/>, null when unknown), and in exactly that case. One host query for the
    /// existence (which also gives <paramref name="nextTime"/>, the entry's own write time when it is a folder, for
    /// the next name); the case is remembered per folder while the folder's write time stays the same (an entry
    /// created, removed or renamed in it moves that time), so a path used again costs one query per name.
    /// Unknown when the host could not answer: the caller asks the slow way.
    /// </summary>
    private HostNative.NameMatch MatchName(string folder, long? folderTime, string next, string name, out long? nextTime)
    {
        nextTime = null;
        try
        {
            var info = new FileInfo(next);
            var attributes = info.Attributes;
            if ((int)attributes == -1)
                return HostNative.NameMatch.Missing;
            if ((attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint)) == FileAttributes.Directory)
                nextTime = info.LastWriteTimeUtc.Ticks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return HostNative.NameMatch.Unknown;
        }
        if (folderTime is { } known && exactNames.TryGetValue(folder, out var cached) && cached.WriteTime == known
            && cached.Exact.TryGetValue(name, out var exact))
            return exact ? HostNative.NameMatch.Exact : HostNative.NameMatch.OtherCase;
        var match = OnWindowsHost ? HostNative.LookupName(next, name) : HostNative.NameMatch.Unknown;
        if (match == HostNative.NameMatch.Unknown)
            match = HasExactName(folder, name) ? HostNative.NameMatch.Exact : HostNative.NameMatch.OtherCase;
        if (match == HostNative.NameMatch.Missing)
        {
            nextTime = null;
            return match;
        }
        if (folderTime is { } time && DateTime.UtcNow.Ticks - time >= CoarseWindow)
        {
            if (!exactNames.TryGetValue(folder, out var names) || names.WriteTime != time)
            {
                if (exactNames.Count >= MaxCachedFolders)
                    exactNames.Clear();
                names = exactNames[folder] = new FolderNames(time, new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
            }
            names.Exact[name] = match == HostNative.NameMatch.Exact;
        }
        return match;
    }

    private static readonly EnumerationOptions ExactCase = new()
    {
        MatchCasing = MatchCasing.CaseSensitive,
        MatchType = MatchType.Simple,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private static bool HasExactName(string folder, string name)
    {
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(folder, name, ExactCase).GetEnumerator();
            return entries.MoveNext();
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
