namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// How the guest's file system is laid out. <see cref="FromEnvironment"/> reads:
/// <list type="bullet">
/// <item><c>APIBRIDGE_PREFIX</c>: the prefix folder (default <c>~/.apibridge</c>), created on first use with
/// <c>drive_c/windows/system32</c> and <c>drive_c/users/&lt;user&gt;/{AppData/Roaming, AppData/Local, Temp, Desktop,
/// Documents}</c>, like a Wine prefix.</item>
/// <item><c>APIBRIDGE_DRIVES</c>: changes to the drive table, <c>;</c>-separated <c>LETTER=host folder</c>
/// entries applied over the defaults (C: = prefix/drive_c, Z: = host root /); an empty folder removes the drive.
/// Example: <c>APIBRIDGE_DRIVES="D=/srv/data;Z="</c> adds D: and removes Z:. Relative folders are taken from the
/// host's current folder.</item>
/// <item><c>APIBRIDGE_ISOLATE=1</c> (or <c>true</c>): isolated mode — only drives whose folders lie inside the
/// prefix are kept (others, Z: included, are dropped), and no guest path resolves to a host file outside the
/// prefix (see <see cref="GuestFileSystem"/>).</item>
/// </list>
/// </summary>
public sealed class FileSystemOptions
{
    public const string PrefixVariable = ApiBridge.Runtime.BridgeVariables.Prefix;
    public const string DrivesVariable = "APIBRIDGE_DRIVES";
    public const string IsolateVariable = ApiBridge.Runtime.BridgeVariables.Isolate;

    /// <summary>Host folder of the prefix.</summary>
    public required string Prefix { get; init; }

    /// <summary>Drive letter → host folder changes over the defaults; null removes the drive.</summary>
    public IReadOnlyDictionary<char, string?> DriveOverrides { get; init; } = new Dictionary<char, string?>();

    public bool Isolate { get; init; }

    /// <summary>
    /// Host folders the user granted a contained guest (<c>APIBRIDGE_ALLOW</c>, from <c>run --allow</c>): in isolated
    /// mode a drive mapped into one is kept, as drives inside the prefix are. Whether it may be written is the kernel's
    /// to say (Landlock), so a <c>:ro</c> folder gives ERROR_ACCESS_DENIED on a write.
    /// </summary>
    public IReadOnlyList<string> AllowedFolders { get; init; } = [];

    /// <summary>The guest's user name (folder under C:\users).</summary>
    public string UserName { get; init; } = SafeUserName();

    public string ComputerName { get; init; } = Environment.MachineName.ToUpperInvariant();

    /// <summary>The host folder the guest starts in (default: the host process's current folder).</summary>
    public string? InitialHostDirectory { get; init; }

    /// <summary>
    /// Whether SetCurrentDirectoryW also changes the host process's current folder (so the guest's own .NET file
    /// calls with relative paths agree). True for real guests; tests that inject a file system turn it off.
    /// </summary>
    public bool SyncHostCurrentDirectory { get; init; } = true;

    public static FileSystemOptions FromEnvironment()
    {
        var prefix = Environment.GetEnvironmentVariable(PrefixVariable);
        if (string.IsNullOrEmpty(prefix))
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home))
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            prefix = Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".apibridge");
        }
        var isolate = ApiBridge.Runtime.BridgeVariables.IsolationRequested;
        return new FileSystemOptions
        {
            Prefix = Path.GetFullPath(prefix),
            DriveOverrides = ParseDrives(Environment.GetEnvironmentVariable(DrivesVariable)),
            Isolate = isolate,
            AllowedFolders = ApiBridge.Runtime.AllowList.Entries(Environment.GetEnvironmentVariable(ApiBridge.Runtime.BridgeVariables.Allow))
                .Select(entry => ApiBridge.Runtime.AllowList.PathOf(entry, out _)).ToList(),
        };
    }

    /// <summary>Parses <c>D=/some/dir;Z=</c>; malformed entries are reported on stderr and skipped.</summary>
    public static Dictionary<char, string?> ParseDrives(string? specification)
    {
        var drives = new Dictionary<char, string?>();
        if (string.IsNullOrWhiteSpace(specification))
            return drives;
        foreach (var raw in specification.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = raw.IndexOf('=');
            var letter = equals >= 1 ? raw[..equals].TrimEnd(':').Trim() : string.Empty;
            if (letter.Length != 1 || !char.IsAsciiLetter(letter[0]))
            {
                Console.Error.WriteLine($"apibridge: ignoring {DrivesVariable} entry '{raw}' (expected LETTER=host folder)");
                continue;
            }
            var folder = raw[(equals + 1)..].Trim();
            drives[char.ToUpperInvariant(letter[0])] = folder.Length == 0 ? null : Path.GetFullPath(folder);
        }
        return drives;
    }

    private static string SafeUserName()
    {
        var name = Environment.UserName;
        return string.IsNullOrWhiteSpace(name) || WindowsPathSyntax.HasInvalidCharacter(name) ? "user" : name;
    }
}
