using ApiBridge.Runtime;

namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// The Windows guest's view of the host file system: a prefix with drive_c, a drive table, the current
/// folder, case-insensitive name resolution, isolation, and host → Windows path rendering. One per process,
/// from <see cref="Current"/> (<c>Bridge.Resolve</c>, so a test registers its own with a temporary prefix).
/// <para>
/// Isolated mode (<see cref="FileSystemOptions.Isolate"/>) keeps every resolved path inside the prefix: drives
/// are limited to folders inside it; <c>..</c> is resolved on the Windows path and cannot climb above a drive
/// root; <c>\\?\</c> paths may not contain <c>.</c>, <c>..</c>, empty or <c>/</c>-holding components; both
/// separators are split before anything reaches the host; device names never become host files (NUL is
/// /dev/null); and the deepest existing part of every resolved path is put through realpath(3) and must lie in
/// the prefix, so a symbolic link inside the prefix pointing out (or dangling, or a loop) is refused with
/// ERROR_ACCESS_DENIED. Case tricks change nothing since case only selects among names in one host folder.
/// What it cannot contain: native code, a link swapped in between the check and the use (a race), and host
/// APIs the guest calls without going through kernel32.
/// </para>
/// </summary>
public sealed class GuestFileSystem
{
    private readonly object gate = new();
    private readonly Dictionary<char, GuestPath> driveDirectories = new();
    private GuestPath currentDirectory;

    public GuestFileSystem(FileSystemOptions options)
    {
        Options = options;
        if (!OperatingSystem.IsWindows())
            PrefixLayout.Ensure(options.Prefix, options.UserName);
        PrefixReal = DriveTable.RealOrFull(options.Prefix);
        allowedReal = new Lazy<string[]>(() => options.AllowedFolders.Select(DriveTable.RealOrFull).ToArray());
        Drives = new DriveTable(options, PrefixReal);
        var start = options.InitialHostDirectory ?? SafeHostCurrentDirectory();
        currentDirectory = ToGuestPath(start) ?? (Drives.Root('C') is not null ? new GuestPath('C', ["windows"], false) : FirstDriveRoot());
    }

    /// <summary>The process's file system (the one registered with the bridge, else one from the environment).</summary>
    public static GuestFileSystem Current => Bridge.Resolve(() => new GuestFileSystem(FileSystemOptions.FromEnvironment()));

    public FileSystemOptions Options { get; }

    public DriveTable Drives { get; }

    /// <summary>The prefix folder, links resolved.</summary>
    public string PrefixReal { get; }

    private readonly Lazy<string[]> allowedReal;

    public bool Isolated => Options.Isolate;

    public CaseIndex CaseIndex { get; } = new();

    /// <summary>
    /// The host file system matches names case-insensitively itself (Windows), so a name missing as typed is
    /// missing in every case and the <see cref="CaseIndex"/> is never needed.
    /// </summary>
    internal static bool HostIgnoresCase { get; } = OperatingSystem.IsWindows();

    public string UserName => Options.UserName;

    public string WindowsDirectory => OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.Windows) : @"C:\windows";

    public string SystemDirectory => WindowsDirectory + @"\system32";

    public string UserProfile => @"C:\users\" + UserName;

    // ---------------------------------------------------------------- current folder

    public GuestPath CurrentDirectory
    {
        get { lock (gate) return currentDirectory; }
    }

    /// <summary>The host folder of the current folder, or null when it no longer exists (a child process then starts in the host's).</summary>
    public string? CurrentHostDirectory() =>
        Resolve(CurrentDirectory, out var folder) == 0 && folder.IsDirectory ? folder.HostPath : null;

    /// <summary>SetCurrentDirectoryW: 0 or ERROR_FILE_NOT_FOUND / ERROR_PATH_NOT_FOUND / ERROR_DIRECTORY …</summary>
    public int SetCurrentDirectory(string path)
    {
        var error = Resolve(path, out var resolved);
        if (error != 0)
            return error;
        if (resolved.IsDevice)
            return Win32Error.ERROR_DIRECTORY;
        if (!resolved.Exists)
            return resolved.MissingError;
        if (!resolved.IsDirectory)
            return Win32Error.ERROR_DIRECTORY;
        var folder = new GuestPath(resolved.Guest.Drive, ActualComponents(resolved), false);
        lock (gate)
        {
            currentDirectory = folder;
            driveDirectories[folder.Drive] = folder;
        }
        if (Options.SyncHostCurrentDirectory)
        {
            try
            {
                Directory.SetCurrentDirectory(resolved.HostPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return 0;
    }

    /// <summary>The components of a resolved existing path as the guest typed them (Windows keeps the typed case).</summary>
    private static string[] ActualComponents(ResolvedPath resolved) => resolved.Guest.Components;

    // ---------------------------------------------------------------- guest → host

    /// <summary>Normalizes a guest path against the current folder (GetFullPathNameW's rules) without touching the host.</summary>
    public int Normalize(string path, out GuestPath result)
    {
        GuestPath current;
        lock (gate)
            current = currentDirectory;
        return WindowsPathSyntax.Normalize(path, current, DriveDirectory, out result);
    }

    /// <summary>GetFullPathNameW's answer as text, UNC and device paths included (<see cref="WindowsPathSyntax.FullPathName"/>).</summary>
    public string FullPathName(string path)
    {
        GuestPath current;
        lock (gate)
            current = currentDirectory;
        return WindowsPathSyntax.FullPathName(path, current, DriveDirectory);
    }

    private GuestPath? DriveDirectory(char drive)
    {
        lock (gate)
            return driveDirectories.TryGetValue(drive, out var folder) ? folder : null;
    }

    /// <summary>
    /// Resolves a guest path to the host: normalization, name checks (ERROR_INVALID_NAME), the drive
    /// (ERROR_PATH_NOT_FOUND when it does not exist), case-insensitive lookup of each component, and in isolated
    /// mode the containment check (ERROR_ACCESS_DENIED). Returns 0 or the Win32 error.
    /// </summary>
    public int Resolve(string? path, out ResolvedPath resolved)
    {
        resolved = default;
        if (path is null)
            return Win32Error.ERROR_PATH_NOT_FOUND;
        var error = Normalize(path, out var guest);
        if (error != 0)
            return error;
        return Resolve(guest, out resolved);
    }

    public int Resolve(GuestPath guest, out ResolvedPath resolved)
    {
        resolved = default;
        if (guest.Device is not null)
        {
            resolved = new ResolvedPath(guest, OperatingSystem.IsWindows() ? "NUL" : "/dev/null", true, true, default);
            return 0;
        }
        var error = WindowsPathSyntax.ValidateName(guest);
        if (error != 0)
            return error;
        var root = Drives.Root(guest.Drive);
        if (root is null)
            return Win32Error.ERROR_PATH_NOT_FOUND;

        var components = guest.Components;
        var host = root;
        var exists = true;
        var parentExists = true;
        var existingHost = root;
        HostStat stat = default;

        // Fast path: the names as typed exist.
        var direct = HostPathAsTyped(root, components);
        if (Exists(direct, out stat))
        {
            host = direct;
            existingHost = direct;
        }
        else if (HostIgnoresCase && !Isolated && components.Length > 0)
        {
            // A Windows host already matched every name case-insensitively: the path is missing as typed, and
            // only whether its folder exists is left (no per-name walk, no case index).
            exists = false;
            host = direct;
            parentExists = components.Length <= 1
                || (Stat(HostPathAsTyped(root, components[..^1]), follow: true, out var parent) && parent.IsDirectory);
        }
        else
        {
            for (var i = 0; i < components.Length; i++)
            {
                var name = components[i];
                var candidate = Path.Combine(host, name);
                if (!Exists(candidate, out stat))
                {
                    var actual = HostIgnoresCase ? null : CaseIndex.Find(host, name);
                    if (actual is not null)
                    {
                        candidate = Path.Combine(host, actual);
                        Exists(candidate, out stat);
                    }
                    else
                    {
                        exists = false;
                        parentExists = i == components.Length - 1 && (i == 0 || (Stat(host, follow: true, out var parent) && parent.IsDirectory));
                        host = Path.Combine(host, Path.Combine(components[i..]));
                        break;
                    }
                }
                host = candidate;
                existingHost = candidate;
            }
        }

        if (Isolated && !IsContained(existingHost))
            return Win32Error.ERROR_ACCESS_DENIED;
        if (exists && stat.IsSymbolicLink)
        {
            // A link to something: Windows sees what it points to. A dangling link is seen as a file.
            if (Stat(host, follow: true, out var target))
                stat = target;
        }
        resolved = new ResolvedPath(guest, host, exists, parentExists, stat);
        return 0;
    }

    /// <summary>
    /// The host path of <paramref name="components"/> under a drive's <paramref name="root"/>, spelled as the guest
    /// typed them (what <c>Path.Combine(root, Path.Combine(components))</c> gives), built in one allocation on Linux.
    /// </summary>
    internal static string HostPathAsTyped(string root, string[] components)
    {
        if (components.Length == 0)
            return root;
        if (!Posix.Available)
            return Path.Combine(root, Path.Combine(components));
        var separator = root.Length > 0 && root[^1] == '/' ? 0 : 1;
        var length = root.Length + separator + components.Length - 1;
        foreach (var component in components)
            length += component.Length;
        return string.Create(length, (root, components, separator), static (span, state) =>
        {
            state.root.AsSpan().CopyTo(span);
            var at = state.root.Length;
            if (state.separator == 1)
                span[at++] = '/';
            for (var i = 0; i < state.components.Length; i++)
            {
                if (i > 0)
                    span[at++] = '/';
                state.components[i].AsSpan().CopyTo(span[at..]);
                at += state.components[i].Length;
            }
        });
    }

    /// <summary>
    /// CreateFileW's common case on Linux, OPEN_EXISTING of a path whose names exist as typed: the guest path
    /// normalized and checked, mapped to the host path without looking it up (the caller opens it, and goes
    /// through <see cref="Resolve(string?, out ResolvedPath)"/> when that fails). False when the path needs the
    /// full resolution: a device, a trailing separator, isolated mode (containment is checked on the lookup).
    /// </summary>
    internal bool TryMapAsTyped(string? path, out GuestPath guest, out string hostPath)
    {
        hostPath = null!;
        guest = null!;
        if (path is null || Isolated || !Posix.Available || Normalize(path, out guest) != 0)
            return false;
        if (guest.Device is not null || guest.TrailingSeparator || guest.IsRoot || WindowsPathSyntax.ValidateName(guest) != 0)
            return false;
        var root = Drives.Root(guest.Drive);
        if (root is null)
            return false;
        hostPath = HostPathAsTyped(root, guest.Components);
        return true;
    }

    /// <summary>Isolated mode: the existing host path, links resolved, lies inside the prefix or a folder the user allowed.</summary>
    private bool IsContained(string existingHost)
    {
        var real = Posix.Available ? Posix.RealPath(existingHost, out _) : Path.GetFullPath(existingHost);
        return real is not null && (DriveTable.IsInside(real, PrefixReal) || allowedReal.Value.Any(folder => DriveTable.IsInside(real, folder)));
    }

    private static bool Exists(string hostPath, out HostStat stat) => Stat(hostPath, follow: false, out stat);

    /// <summary>The host's stat of a path (portable fallback through FileSystemInfo on non-Linux hosts).</summary>
    internal static bool Stat(string hostPath, bool follow, out HostStat stat)
    {
        if (Posix.Available)
            return Posix.Stat(hostPath, follow, out stat) == 0;
        return PortableStat.TryGet(hostPath, out stat);
    }

    // ---------------------------------------------------------------- host → guest

    /// <summary>The Windows path of a host path, or null when no drive holds it.</summary>
    public string? ToWindows(string hostPath)
    {
        var full = Path.GetFullPath(hostPath);
        if (!Drives.TryMap(full, out var drive, out var relative))
        {
            var real = DriveTable.RealOrFull(full);
            if (real == full || !Drives.TryMap(real, out drive, out relative))
                return null;
        }
        return relative.Length == 0 ? drive + @":\" : drive + @":\" + relative.Replace('/', '\\');
    }

    /// <summary>
    /// <see cref="ToWindows"/>, or for a host path no drive holds (isolated mode) Wine's form for unmapped Unix
    /// paths, <c>\\?\unix\a\b</c>, which the guest can show but not open.
    /// </summary>
    public string ToWindowsOrUnix(string hostPath) =>
        ToWindows(hostPath) ?? @"\\?\unix" + Path.GetFullPath(hostPath).Replace('/', '\\');

    private GuestPath? ToGuestPath(string hostPath)
    {
        var windows = ToWindows(hostPath);
        return windows is not null && WindowsPathSyntax.Normalize(windows, new GuestPath('C', [], false), _ => null, out var guest) == 0 ? guest : null;
    }

    private GuestPath FirstDriveRoot()
    {
        for (var c = 'A'; c <= 'Z'; c++)
            if (Drives.Root(c) is not null)
                return new GuestPath(c, [], false);
        return new GuestPath('C', [], false);
    }

    private static string SafeHostCurrentDirectory()
    {
        try
        {
            return Environment.CurrentDirectory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "/";
        }
    }

    // ---------------------------------------------------------------- environment

    /// <summary>Variables a Windows program expects, answered from the prefix when the host does not set them.</summary>
    public static readonly IReadOnlyCollection<string> DefaultedVariables =
    [
        "USERPROFILE", "TEMP", "TMP", "SystemRoot", "windir", "APPDATA", "LOCALAPPDATA", "ProgramData",
        "ALLUSERSPROFILE", "PUBLIC", "HOMEDRIVE", "HOMEPATH", "SystemDrive", "COMPUTERNAME", "USERNAME", "USERDOMAIN",
        "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "CommonProgramFiles", "CommonProgramFiles(x86)", "CommonProgramW6432",
        "ComSpec", "OS", "PROCESSOR_ARCHITECTURE",
    ];

    /// <summary>The prefix's value of a Windows environment variable (case-insensitive name), or null.</summary>
    public string? DefaultEnvironmentValue(string name) => name.ToUpperInvariant() switch
    {
        "USERPROFILE" => UserProfile,
        "TEMP" or "TMP" => UserProfile + @"\Temp",
        "SYSTEMROOT" or "WINDIR" => WindowsDirectory,
        "APPDATA" => UserProfile + @"\AppData\Roaming",
        "LOCALAPPDATA" => UserProfile + @"\AppData\Local",
        "PROGRAMDATA" or "ALLUSERSPROFILE" => @"C:\ProgramData",
        "PUBLIC" => @"C:\users\Public",
        "HOMEDRIVE" or "SYSTEMDRIVE" => "C:",
        "HOMEPATH" => @"\users\" + UserName,
        "COMPUTERNAME" or "USERDOMAIN" => Options.ComputerName,
        "PROGRAMFILES" or "PROGRAMW6432" => @"C:\Program Files",
        "PROGRAMFILES(X86)" => @"C:\Program Files (x86)",
        "COMMONPROGRAMFILES" or "COMMONPROGRAMW6432" => @"C:\Program Files\Common Files",
        "COMMONPROGRAMFILES(X86)" => @"C:\Program Files (x86)\Common Files",
        "COMSPEC" => SystemDirectory + @"\cmd.exe",
        "OS" => "Windows_NT",
        "PROCESSOR_ARCHITECTURE" => "AMD64",
        "USERNAME" => UserName,
        _ => null,
    };

    /// <summary>
    /// The guest's value of an environment variable — the one answer kernel32 (GetEnvironmentVariableW,
    /// ExpandEnvironmentStringsW), REG_EXPAND_SZ expansion and the managed view all give: the process's own, else the
    /// prefix default for the Windows names above (non-Windows hosts only). On a non-Windows host PATH is shown in
    /// Windows form (Windows' folders, then the host's entries through the drive table) and PATHEXT has Windows' default.
    /// </summary>
    public string? EnvironmentValue(string name) => FromProcessValue(name, Bridge.Environment.GetVariable(name));

    /// <summary>
    /// <see cref="EnvironmentValue"/> of the current guest file system, which is resolved only when the process's own
    /// value is not the answer (absent, or PATH): a variable the process has, read over and over
    /// (GetEnvironmentVariableW in a loop), costs the process read and a length test (issue 17's environment row).
    /// </summary>
    public static string? CurrentEnvironmentValue(string name)
    {
        var value = Bridge.Environment.GetVariable(name);
        return OperatingSystem.IsWindows() || value is not null && !IsPath(name) ? value : Current.FromProcessValue(name, value);
    }

    // The guest's value from the process's own: the one rule for both entry points above.
    private string? FromProcessValue(string name, string? value)
    {
        if (OperatingSystem.IsWindows())
            return value;
        if (IsPath(name))
            return WindowsSearchPath(value);
        if (value is null && name.Equals("PATHEXT", StringComparison.OrdinalIgnoreCase))
            return WindowsPathExt;
        return value ?? (IsDefaulted(name) ? DefaultEnvironmentValue(name) : null);
    }

    private static bool IsPath(string name) => name.Equals("PATH", StringComparison.OrdinalIgnoreCase);

    private const string WindowsPathExt = ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC";

    private static bool IsDefaulted(string name)
    {
        foreach (var known in DefaultedVariables)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    // Windows' folders first (as a Windows PATH has them), then the host's entries as guest paths.
    private string WindowsSearchPath(string? hostPath)
    {
        if (!string.IsNullOrEmpty(hostPath) && (hostPath.Contains(';') || hostPath.Contains('\\')))
            return hostPath; // already in Windows form (set by the guest, or inherited from a parent guest)
        var entries = new List<string> { SystemDirectory, WindowsDirectory, SystemDirectory + @"\wbem" };
        foreach (var entry in (hostPath ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.StartsWith('/') && ToWindows(entry) is { } windows)
                entries.Add(windows);
        }
        return string.Join(';', entries.Distinct(StringComparer.OrdinalIgnoreCase));
    }
}
