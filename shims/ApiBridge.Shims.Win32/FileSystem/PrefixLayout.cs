namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>The folders a new prefix gets, like a fresh Wine prefix: Windows' own and the user's profile.</summary>
public static class PrefixLayout
{
    public const string DriveC = "drive_c";

    /// <summary>Folders under drive_c (forward slashes), <c>{user}</c> being the guest's user name.</summary>
    public static readonly string[] Folders =
    [
        "windows/system32", "windows/temp", "ProgramData", "Program Files",
        "users/Public", "users/{user}/AppData/Roaming", "users/{user}/AppData/Local", "users/{user}/Temp",
        "users/{user}/Desktop", "users/{user}/Documents",
    ];

    /// <summary>Creates whatever is missing; cheap when the prefix exists.</summary>
    public static void Ensure(string prefix, string userName)
    {
        var driveC = Path.Combine(prefix, DriveC);
        foreach (var folder in Folders)
            Directory.CreateDirectory(Path.Combine(driveC, folder.Replace("{user}", userName).Replace('/', Path.DirectorySeparatorChar)));
    }
}
