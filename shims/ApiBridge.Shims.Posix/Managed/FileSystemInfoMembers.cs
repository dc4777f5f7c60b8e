using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary><c>FileSystemInfo.UnixFileMode</c>, kept for a Windows host as libc's chmod keeps it (<see cref="UnixFileModes"/>).</summary>
[ShimMembers("System.IO.FileSystemInfo", "posix", "file")]
public static class FileSystemInfoMembers
{
#pragma warning disable IDE1006, CA1707 // the names of the replaced property accessors
    public static UnixFileMode get_UnixFileMode(FileSystemInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return UnixFileModes.Get(self);
    }

    public static void set_UnixFileMode(FileSystemInfo self, UnixFileMode value)
    {
        ArgumentNullException.ThrowIfNull(self);
        UnixFileModes.Set(self, value);
    }
#pragma warning restore IDE1006, CA1707
}
