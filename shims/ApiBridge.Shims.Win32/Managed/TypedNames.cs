using System.Runtime.CompilerServices;
using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The guest path a <c>FileInfo</c> or <c>DirectoryInfo</c> was made with, beside the BCL object (which holds the host
/// path, whose names have their on-disk letter case). Windows builds <c>FullName</c>, <c>Name</c> and <c>Extension</c>
/// from the path as the program typed it (<c>new FileInfo(@"C:\w\NOTES.txt").Name</c> is <c>NOTES.txt</c> for a file
/// stored as <c>Notes.txt</c>), so these come from here. An entry holds only while the object still names the host
/// path it was made for (a <c>MoveTo</c> changes that); objects the BCL makes itself (listings, <c>Parent</c>) have
/// none and show the on-disk names, as Windows' listings do.
/// </summary>
internal static class TypedNames
{
    /// <summary>What the program typed, its full path by Windows' rules, and the host path it resolved to then.</summary>
    internal sealed record Typed(string Original, string FullPath, string HostFullPath);

    private static readonly ConditionalWeakTable<FileSystemInfo, Typed> typed = new();

    public static T Remember<T>(T info, string guestPath) where T : FileSystemInfo
    {
        typed.AddOrUpdate(info, new Typed(guestPath, GuestFileSystem.Current.FullPathName(guestPath), info.FullName));
        ShowAsTyped(info, guestPath);
        return info;
    }

    /// <summary><c>ToString()</c> shows what the program typed (see <see cref="ShownPaths"/>); Windows' own objects need nothing.</summary>
    private static void ShowAsTyped(FileSystemInfo info, string guestPath)
    {
        if (!OperatingSystem.IsWindows())
            ShownPaths.Show(info, guestPath);
    }

    public static bool TryGet(FileSystemInfo info, out Typed names) =>
        typed.TryGetValue(info, out names!) && string.Equals(names.HostFullPath, info.FullName, StringComparison.Ordinal);
}
