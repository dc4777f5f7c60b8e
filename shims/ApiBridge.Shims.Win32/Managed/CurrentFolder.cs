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
        // Kernel32's folder on every host, which on a Windows host also moves the host's own: relative paths of
        // CreateFileW and Path.GetFullPath resolve against it.
        var error = GuestFileSystem.Current.SetCurrentDirectory(path);
        if (error != 0)
            throw ManagedErrors.ForWin32Error(error == Win32Error.ERROR_FILE_NOT_FOUND ? Win32Error.ERROR_PATH_NOT_FOUND : error, path);
    }
}
