using System.Runtime.CompilerServices;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>DriveInfo</c> over the guest's drive table: <c>C:\</c> is the prefix's drive_c, <c>GetDrives()</c> lists the
/// drives kernel32's <c>GetLogicalDrives</c> lists, and each drive answers what the kernel32 shims answer for it
/// (a fixed drive formatted "NTFS" with no label, as Wine reports its drives). The BCL object is made over the drive's
/// host folder, so the space figures are the host file system's; the guest drive it stands for is kept beside it.
/// A drive the table lacks behaves as on Windows: <c>NoRootDirectory</c>, not ready, and
/// <see cref="DriveNotFoundException"/> from everything that asks the volume.
/// </summary>
[ShimMembers("System.IO.DriveInfo", "windows", "file")]
public static class DriveInfoMembers
{
    /// <summary>The guest drive a DriveInfo stands for: its name as Windows normalizes it, its host folder if any, and the host's DriveInfo over that.</summary>
    private sealed record GuestDrive(string Name, string? HostRoot, DriveInfo Host);

    private static readonly ConditionalWeakTable<DriveInfo, GuestDrive> guestDrives = new();

    public static DriveInfo New(string driveName)
    {
        if (OperatingSystem.IsWindows())
            return new DriveInfo(driveName);
        ArgumentNullException.ThrowIfNull(driveName);
        var name = NormalizeDriveName(driveName);
        var hostRoot = GuestFileSystem.Current.Drives.Root(name[0]);
        // The host's DriveInfo takes any path as its mount point; a missing drive gets its own name, never asked.
        var info = new DriveInfo(hostRoot ?? name);
        guestDrives.AddOrUpdate(info, new GuestDrive(name, hostRoot, new DriveInfo(hostRoot ?? name)));
        ShownPaths.ShowName(info, name);
        return info;
    }

    /// <summary>Every drive of the guest's table, <c>A:\</c> first, as Windows lists the bits of GetLogicalDrives.</summary>
    public static DriveInfo[] GetDrives()
    {
        if (OperatingSystem.IsWindows())
            return DriveInfo.GetDrives();
        return LogicalDriveNames().Select(New).ToArray();
    }

    public static string get_Name(DriveInfo self) => Guest(self) is { } drive ? drive.Name : self.Name;

    public static DirectoryInfo get_RootDirectory(DriveInfo self) =>
        Guest(self) is { } drive ? DirectoryInfoMembers.New(drive.Name) : self.RootDirectory;

    public static DriveType get_DriveType(DriveInfo self) => Guest(self) switch
    {
        null => self.DriveType,
        { HostRoot: null } => DriveType.NoRootDirectory,
        _ => DriveType.Fixed,
    };

    public static bool get_IsReady(DriveInfo self) => Guest(self) is { } drive ? drive.HostRoot is not null && Directory.Exists(drive.HostRoot) : self.IsReady;

    public static string get_DriveFormat(DriveInfo self) => Guest(self) is { } drive ? Present(drive, "NTFS") : self.DriveFormat;

    public static string get_VolumeLabel(DriveInfo self) => Guest(self) is { } drive ? Present(drive, "") : self.VolumeLabel;

    public static long get_TotalSize(DriveInfo self) => Space(self, static info => info.TotalSize);

    public static long get_TotalFreeSpace(DriveInfo self) => Space(self, static info => info.TotalFreeSpace);

    public static long get_AvailableFreeSpace(DriveInfo self) => Space(self, static info => info.AvailableFreeSpace);

    /// <summary><c>C:\</c>, <c>Z:\</c>…: the names <c>Directory.GetLogicalDrives</c> and <c>Environment.GetLogicalDrives</c> return.</summary>
    internal static string[] LogicalDriveNames()
    {
        var mask = Volumes.GetLogicalDrives();
        var names = new List<string>();
        for (var i = 0; i < 26; i++)
            if ((mask & (1u << i)) != 0)
                names.Add((char)('A' + i) + @":\");
        return names.ToArray();
    }

    /// <summary>
    /// Windows' rule for a drive name: one letter, or anything whose path root is a drive (<c>C:</c>, <c>c:\x</c>);
    /// UNC roots and other roots are refused. The letter keeps the case it was typed in (<c>"c"</c> is <c>c:\</c>).
    /// </summary>
    internal static string NormalizeDriveName(string driveName)
    {
        string? name = driveName.Length == 1 ? driveName + @":\" : PathMembers.GetPathRoot(driveName);
        if (string.IsNullOrEmpty(name) || name.StartsWith(@"\\", StringComparison.Ordinal) || !char.IsAsciiLetter(driveName[0]))
            throw new ArgumentException("Drive name must be a root directory (i.e. 'C:\\') or a drive letter ('C').", nameof(driveName));
        if (name.Length == 2 && name[1] == ':')
            name += @"\";
        return name;
    }

    private static GuestDrive? Guest(DriveInfo self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return !OperatingSystem.IsWindows() && guestDrives.TryGetValue(self, out var drive) ? drive : null;
    }

    private static string Present(GuestDrive drive, string answer) =>
        drive.HostRoot is not null ? answer : throw NotFound(drive);

    private static long Space(DriveInfo self, Func<DriveInfo, long> read)
    {
        var drive = Guest(self);
        if (drive is { HostRoot: null })
            throw NotFound(drive);
        return read(drive?.Host ?? self);
    }

    // Windows turns the ERROR_PATH_NOT_FOUND of a drive that does not exist into this exception, with this text.
    private static DriveNotFoundException NotFound(GuestDrive drive) =>
        new($"Could not find the drive '{drive.Name}'. The drive might not be ready or might not be mapped.");
}
