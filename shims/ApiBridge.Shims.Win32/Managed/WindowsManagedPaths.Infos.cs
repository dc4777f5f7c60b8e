using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// FileInfo and DirectoryInfo objects the BCL makes and hands the guest (listings, <c>Parent</c>, <c>Directory</c>,
/// <c>Root</c>, <c>CreateSubdirectory</c>, link targets): on Windows their <c>ToString()</c> is their full path, so they
/// are made to show the guest's full path (<c>C:\data\a.txt</c>, not the host's). Objects made from a path the guest
/// typed (<c>Directory.CreateDirectory</c>, <c>File.CreateSymbolicLink</c>) show and name that path, as Windows' do.
/// Arrays are fixed in place; enumerations as they are walked, as lazily as the BCL's.
/// </summary>
public static partial class WindowsManagedPaths
{
    public static FileInfo? ToGuest(FileInfo? info) => ShowAsGuest(info, listing: null);

    public static DirectoryInfo? ToGuest(DirectoryInfo? info) => ShowAsGuest(info, listing: null);

    public static FileSystemInfo? ToGuest(FileSystemInfo? info) => ShowAsGuest(info, listing: null);

    public static FileInfo[]? ToGuest(FileInfo[]? infos) => ShowAllAsGuest(infos);

    public static DirectoryInfo[]? ToGuest(DirectoryInfo[]? infos) => ShowAllAsGuest(infos);

    public static FileSystemInfo[]? ToGuest(FileSystemInfo[]? infos) => ShowAllAsGuest(infos);

    public static IEnumerable<FileInfo>? ToGuest(IEnumerable<FileInfo>? infos) => ShowLazilyAsGuest(infos);

    public static IEnumerable<DirectoryInfo>? ToGuest(IEnumerable<DirectoryInfo>? infos) => ShowLazilyAsGuest(infos);

    public static IEnumerable<FileSystemInfo>? ToGuest(IEnumerable<FileSystemInfo>? infos) => ShowLazilyAsGuest(infos);

    /// <summary>An object made from the path the guest typed: named and shown as typed (<see cref="TypedNames"/>).</summary>
    public static DirectoryInfo? AsTyped(DirectoryInfo? info, string? guestPath) => RememberTyped(info, guestPath);

    public static FileSystemInfo? AsTyped(FileSystemInfo? info, string? guestPath) => RememberTyped(info, guestPath);

    public static FileInfo? AsTyped(FileInfo? info, string? guestPath) => RememberTyped(info, guestPath);

    private static T? RememberTyped<T>(T? info, string? guestPath) where T : FileSystemInfo =>
        HostIsWindows || info is null || string.IsNullOrEmpty(guestPath) ? info : TypedNames.Remember(info, guestPath);

    private static T? ShowAsGuest<T>(T? info, ListingPaths? listing) where T : FileSystemInfo
    {
        if (HostIsWindows || info is null || TypedNames.TryGet(info, out _))
            return info;
        var full = info.FullName;
        ShownPaths.Show(info, listing is null ? WindowsPathView.FromHost(full) : listing.ToGuest(full));
        return info;
    }

    private static T[]? ShowAllAsGuest<T>(T[]? infos) where T : FileSystemInfo
    {
        if (HostIsWindows || infos is null)
            return infos;
        var listing = new ListingPaths();
        foreach (var info in infos)
            ShowAsGuest(info, listing);
        return infos;
    }

    private static IEnumerable<T>? ShowLazilyAsGuest<T>(IEnumerable<T>? infos) where T : FileSystemInfo =>
        HostIsWindows || infos is null ? infos : ShowEachAsGuest(infos);

    private static IEnumerable<T> ShowEachAsGuest<T>(IEnumerable<T> infos) where T : FileSystemInfo
    {
        var listing = new ListingPaths();
        foreach (var info in infos)
            yield return ShowAsGuest(info, listing)!;
    }
}
