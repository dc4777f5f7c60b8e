using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>FileInfo</c> made from a guest path keeps the path as typed for its names (<see cref="TypedNames"/>).
/// </summary>
[ShimMembers("System.IO.FileInfo", "windows", "file")]
public static class FileInfoMembers
{
    public static FileInfo New(string fileName)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(fileName))
            return new FileInfo(fileName);
        return TypedNames.Remember(new FileInfo(WindowsManagedPaths.ToHost(fileName)!), fileName);
    }

    public static string? get_DirectoryName(FileInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        if (OperatingSystem.IsWindows())
            return self.DirectoryName;
        return TypedNames.TryGet(self, out var typed) ? PathMembers.GetDirectoryName(typed.FullPath) : WindowsManagedPaths.ToGuest(self.DirectoryName);
    }
}
