using System.Runtime.CompilerServices;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>DriveInfo</c> of a Linux guest on a Windows host, with .NET on Linux's rules: any path names a "drive" (its
/// <c>Name</c> and <c>VolumeLabel</c> are the path as given), an existing path is a <c>Fixed</c> drive, a missing one
/// <c>NoRootDirectory</c> whose volume questions throw <see cref="DriveNotFoundException"/>, <c>IsReady</c> means the
/// path is a folder; <c>GetDrives()</c> (and <c>Directory</c>/<c>Environment.GetLogicalDrives()</c>) list the path
/// view's mount points (<c>/</c>, <c>/tmp</c>, the home folder, <c>/mnt/c</c> …). The space figures and the format are
/// those of the host volume the path lives on (its format named as Linux names it: <c>ntfs</c>). The guest's object is
/// named as the path given; its questions go to a twin over that host volume, kept beside it with the guest's path. On a Linux host (the identity view) everything
/// is the host's own.
/// </summary>
[ShimMembers("System.IO.DriveInfo", "posix", "file")]
public static class DriveInfoMembers
{
    /// <summary>The path the guest named, its host path, and the host's DriveInfo over the host volume (the BCL's questions go to it).</summary>
    private sealed record GuestDrive(string Name, string HostPath, DriveInfo Host);

    private static readonly ConditionalWeakTable<DriveInfo, GuestDrive> guestDrives = new();

    public static DriveInfo New(string driveName)
    {
        if (PosixServices.View.IsIdentity)
            return new DriveInfo(driveName);
        ArgumentNullException.ThrowIfNull(driveName);
        if (driveName.Length == 0)
            throw new ArgumentException("Drive name must not be empty.", nameof(driveName));
        var host = PosixManagedPaths.ToHost(driveName)!;
        var info = new DriveInfo(HostVolume(host));
        guestDrives.AddOrUpdate(info, new GuestDrive(driveName, host, new DriveInfo(HostVolume(host))));
        ShownPaths.ShowName(info, driveName);
        return info;
    }

    public static DriveInfo[] GetDrives() =>
        PosixServices.View.IsIdentity ? DriveInfo.GetDrives() : MountPoints().Select(New).ToArray();

    /// <summary>The names <c>Directory.GetLogicalDrives</c> and <c>Environment.GetLogicalDrives</c> return: the mount points.</summary>
    internal static string[] MountPoints() => PosixServices.View.MountPoints().ToArray();

    public static string get_Name(DriveInfo self) => Guest(self)?.Name ?? self.Name;

    public static string get_VolumeLabel(DriveInfo self) => Guest(self)?.Name ?? self.VolumeLabel;

    public static DirectoryInfo get_RootDirectory(DriveInfo self) =>
        Guest(self) is { } drive ? PosixManagedPaths.AsTyped(new DirectoryInfo(drive.HostPath), drive.Name)! : self.RootDirectory;

    public static bool get_IsReady(DriveInfo self) => Guest(self) is { } drive ? Directory.Exists(drive.HostPath) : self.IsReady;

    public static DriveType get_DriveType(DriveInfo self) => Guest(self) switch
    {
        null => self.DriveType,
        var drive when Path.Exists(drive.HostPath) => DriveType.Fixed,
        _ => DriveType.NoRootDirectory,
    };

    public static string get_DriveFormat(DriveInfo self) =>
        Guest(self) is { } drive ? Present(drive, () => drive.Host.DriveFormat.ToLowerInvariant()) : self.DriveFormat;

    public static long get_AvailableFreeSpace(DriveInfo self) => Guest(self) is { } drive ? Present(drive, () => drive.Host.AvailableFreeSpace) : self.AvailableFreeSpace;

    public static long get_TotalFreeSpace(DriveInfo self) => Guest(self) is { } drive ? Present(drive, () => drive.Host.TotalFreeSpace) : self.TotalFreeSpace;

    public static long get_TotalSize(DriveInfo self) => Guest(self) is { } drive ? Present(drive, () => drive.Host.TotalSize) : self.TotalSize;

    private static GuestDrive? Guest(DriveInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return guestDrives.TryGetValue(self, out var drive) ? drive : null;
    }

    // What .NET on Linux asks statfs for: a missing path is no drive at all.
    private static T Present<T>(GuestDrive drive, Func<T> answer) =>
        Path.Exists(drive.HostPath)
            ? answer()
            : throw new DriveNotFoundException($"Could not find the drive '{drive.Name}'. The drive might not be ready or might not be mapped.");

    // A Windows host's DriveInfo takes a volume root; a POSIX host's (tests over a Windows-shaped view) any path.
    private static string HostVolume(string hostPath) =>
        OperatingSystem.IsWindows() ? Path.GetPathRoot(Path.GetFullPath(hostPath)) ?? hostPath : "/";
}
