namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>The folders a new prefix gets, like a fresh Wine prefix: Windows' own and the user's profile.</summary>
public static class PrefixLayout
{
    public const string DriveC = "drive_c";

    /// <summary>Folders under drive_c (forward slashes), <c>{user}</c> being the guest's user name.</summary>
    public static readonly string[] Folders =
    [
        "windows/system32", "windows/temp", "windows/Fonts", "ProgramData", "Program Files", "Program Files/Common Files",
        "Program Files (x86)", "Program Files (x86)/Common Files",
        "ProgramData/Microsoft/Windows/Start Menu/Programs/Startup", "ProgramData/Microsoft/Windows/Templates",
        "users/Public", "users/Public/Desktop", "users/Public/Documents", "users/Public/Music", "users/Public/Pictures", "users/Public/Videos",
        "users/{user}/AppData/Roaming", "users/{user}/AppData/Local", "users/{user}/AppData/LocalLow", "users/{user}/Temp",
        "users/{user}/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup", "users/{user}/AppData/Roaming/Microsoft/Windows/Templates",
        "users/{user}/Desktop", "users/{user}/Documents", "users/{user}/Downloads", "users/{user}/Favorites",
        "users/{user}/Music", "users/{user}/Pictures", "users/{user}/Videos",
    ];

    /// <summary>
    /// Creates whatever is missing; cheap when the prefix exists. False when the prefix cannot take them (not
    /// writable, a read-only file system, a file on the way): this runs on a guest's first file call, so it must not
    /// throw into the guest. C: is then missing or incomplete, and the calls that need it fail with the codes Windows
    /// gives for a missing or read-only folder (ERROR_PATH_NOT_FOUND, ERROR_ACCESS_DENIED). <c>apibridge run</c>
    /// refuses such a prefix before the guest starts.
    /// </summary>
    public static bool Ensure(string prefix, string userName)
    {
        var driveC = Path.Combine(prefix, DriveC);
        try
        {
            foreach (var folder in Folders)
                Directory.CreateDirectory(Path.Combine(driveC, folder.Replace("{user}", userName).Replace('/', Path.DirectorySeparatorChar)));
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
