using System.Runtime.CompilerServices;

namespace ApiBridge.Runtime.ManagedView;

/// <summary>
/// What <c>ToString()</c> of a <c>FileInfo</c> or <c>DirectoryInfo</c> shows: the BCL keeps the path an object was made
/// with in the protected <c>OriginalPath</c> field and returns it. A guest calls <c>ToString</c> as <c>Object.ToString</c>
/// (also inside string interpolation and logging libraries), which no call-site rewrite can tell apart, so a view gives
/// the object itself the guest's path there; a <c>DriveInfo</c> likewise. Shared by the Windows and POSIX views.
/// </summary>
public static class ShownPaths
{
    private static bool originalPathMissing;

    /// <summary>
    /// Makes <paramref name="info"/> show <paramref name="guestPath"/>. Its <c>Name</c>, which the BCL may derive from
    /// <c>OriginalPath</c> on first use, is fixed from the host path first, so the BCL's own use of it is unchanged.
    /// </summary>
    public static void Show(FileSystemInfo info, string guestPath)
    {
        if (originalPathMissing)
            return;
        try
        {
            _ = info.Name;
            OriginalPath(info) = guestPath;
        }
        catch (MissingFieldException)
        {
            originalPathMissing = true; // a runtime that keeps it elsewhere: ToString shows the host path
        }
    }

    private static bool driveNameMissing;

    /// <summary>
    /// Makes a guest's <c>DriveInfo</c> show <paramref name="guestName"/> from <c>Name</c> and <c>ToString()</c> (the
    /// BCL returns its one <c>_name</c> field from both). The view then asks the host its questions through a second
    /// DriveInfo over the host folder, since the BCL reads that field as the mount point.
    /// </summary>
    public static void ShowName(DriveInfo info, string guestName)
    {
        if (driveNameMissing)
            return;
        try
        {
            DriveName(info) = guestName;
        }
        catch (MissingFieldException)
        {
            driveNameMissing = true;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_name")]
    private static extern ref string DriveName(DriveInfo info);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "OriginalPath")]
    private static extern ref string OriginalPath(FileSystemInfo info);
}
