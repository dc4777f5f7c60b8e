using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>The guest's one current folder (kernel32's), for <c>Environment.CurrentDirectory</c> and <c>Directory.Get/SetCurrentDirectory</c>.</summary>
internal static class CurrentFolder
{
    public static string Get() =>
        OperatingSystem.IsWindows() ? Directory.GetCurrentDirectory() : GuestFileSystem.Current.CurrentDirectory.ToFolderString();

    public static void Set(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            throw new ArgumentException("The path is empty.", nameof(path));
        if (OperatingSystem.IsWindows())
        {
            Directory.SetCurrentDirectory(path);
            return;
        }
        var error = GuestFileSystem.Current.SetCurrentDirectory(path);
        if (error != 0)
            throw ManagedErrors.ForWin32Error(error == Win32Error.ERROR_FILE_NOT_FOUND ? Win32Error.ERROR_PATH_NOT_FOUND : error, path);
    }
}
