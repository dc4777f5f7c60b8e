using System.Collections.Concurrent;
using System.Text;

namespace ApiBridge.Shims.Posix.Support;

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
public sealed partial class PosixPathView
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

    /// <summary>
    /// The view's mount points as the guest lists them (DriveInfo.GetDrives): its own mounts (<c>/</c>, <c>/tmp</c>,
    /// the home folder) and, unless isolated, <c>/mnt/&lt;letter&gt;</c> for each host drive that exists.
    /// </summary>
    public IReadOnlyList<string> MountPoints()
    {
        var points = byGuest.Select(m => m.GuestParts.Length == 0 ? "/" : "/" + string.Join('/', m.GuestParts)).Reverse().ToList();
        if (!IsIsolated && driveRoot is not null)
        {
            for (var letter = 'a'; letter <= 'z'; letter++)
            {
                if (Directory.Exists(driveRoot(letter)))
                    points.Add("/mnt/" + letter);
            }
        }
        return points;
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
        var isolate = ApiBridge.Runtime.BridgeVariables.IsolationRequested;
        if (!isolate && !OperatingSystem.IsWindows())
            return Identity();
        var profile = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return InPrefix(CurrentPrefix(), isolate, profile);
    }

    /// <summary>The prefix folder this process uses: <c>APIBRIDGE_PREFIX</c>, else <c>~/.apibridge</c>.</summary>
    public static string CurrentPrefix() =>
        System.Environment.GetEnvironmentVariable(PrefixVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".apibridge");

    /// <summary>
    /// The view of <paramref name="prefix"/>'s root folder (<c>rootfs</c>, made on the guest's first call): isolated,
    /// or a Windows host's with the host reachable. A prefix the host will not let us write (permissions, a read-only
    /// file system, a file on the way) must not throw into the guest: the root is then missing, and its paths fail
    /// with the host's errno (ENOENT where it is not there, ENOTDIR below a file). <c>apibridge run</c> refuses such a prefix
    /// before the guest starts.
    /// </summary>
    public static PosixPathView InPrefix(string prefix, bool isolate, string profile)
    {
        var root = Path.Combine(prefix, "rootfs");
        var user = GuestUserName();
        TryCreateFolder(root);
        if (isolate)
        {
            TryCreateFolder(Path.Combine(root, "tmp"));
            TryCreateFolder(Path.Combine(root, "home", user));
            return Isolated(root, user);
        }
        return WindowsHost(root, Path.GetTempPath(), profile, user, processPath: System.Environment.ProcessPath);
    }

    private static void TryCreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // See InPrefix: the guest's calls report it.
        }
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
    /// <summary>Characters a Windows name cannot hold (controls, <c>\ : * ? " &lt; &gt; |</c>), kept as U+F000+c as WSL does.</summary>
    private static bool IsUnstorableOnWindows(char c) => c < 32 || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|';

    public static string EncodeName(string name)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (IsUnstorableOnWindows(c))
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

}
