using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// FileInfo and DirectoryInfo objects handed to the guest show its paths through <c>ToString()</c>, as on Linux: an
/// object the BCL makes (a listing, <c>Parent</c>, <c>Directory</c>) its full path, one made from a path the guest
/// typed (<c>new FileInfo("notes.txt")</c>, <c>Directory.CreateDirectory</c>) that path. With the identity view the
/// host's objects are the guest's already. Arrays are fixed in place; enumerations as they are walked.
/// </summary>
public static partial class PosixManagedPaths
{
    public static FileInfo? ToGuest(FileInfo? info) => ShowAsGuest(info);

    public static DirectoryInfo? ToGuest(DirectoryInfo? info) => ShowAsGuest(info);

    public static FileSystemInfo? ToGuest(FileSystemInfo? info) => ShowAsGuest(info);

    public static FileInfo[]? ToGuest(FileInfo[]? infos) => ShowAllAsGuest(infos);

    public static DirectoryInfo[]? ToGuest(DirectoryInfo[]? infos) => ShowAllAsGuest(infos);

    public static FileSystemInfo[]? ToGuest(FileSystemInfo[]? infos) => ShowAllAsGuest(infos);

    public static IEnumerable<FileInfo>? ToGuest(IEnumerable<FileInfo>? infos) => ShowLazilyAsGuest(infos);

    public static IEnumerable<DirectoryInfo>? ToGuest(IEnumerable<DirectoryInfo>? infos) => ShowLazilyAsGuest(infos);

    public static IEnumerable<FileSystemInfo>? ToGuest(IEnumerable<FileSystemInfo>? infos) => ShowLazilyAsGuest(infos);

    public static FileInfo? AsTyped(FileInfo? info, string? guestPath) => ShowAsTyped(info, guestPath);

    public static DirectoryInfo? AsTyped(DirectoryInfo? info, string? guestPath) => ShowAsTyped(info, guestPath);

    public static FileSystemInfo? AsTyped(FileSystemInfo? info, string? guestPath) => ShowAsTyped(info, guestPath);

    private static T? ShowAsTyped<T>(T? info, string? guestPath) where T : FileSystemInfo
    {
        if (info is not null && !string.IsNullOrEmpty(guestPath) && !PosixServices.View.IsIdentity)
            ShownPaths.Show(info, guestPath);
        return info;
    }

    private static T? ShowAsGuest<T>(T? info) where T : FileSystemInfo
    {
        if (info is not null && !PosixServices.View.IsIdentity)
            ShownPaths.Show(info, ToGuest(info.FullName)!);
        return info;
    }

    private static T[]? ShowAllAsGuest<T>(T[]? infos) where T : FileSystemInfo
    {
        if (infos is not null && !PosixServices.View.IsIdentity)
            foreach (var info in infos)
                ShowAsGuest(info);
        return infos;
    }

    private static IEnumerable<T>? ShowLazilyAsGuest<T>(IEnumerable<T>? infos) where T : FileSystemInfo =>
        infos is null || PosixServices.View.IsIdentity ? infos : infos.Select(info => ShowAsGuest(info)!);
}
