namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The Linux kernel a POSIX guest sees: the host's own on a Linux host; on another host the kernel release WSL 2
/// reports (a Linux on a Windows machine), so version checks and descriptions have a real-looking Linux answer.
/// </summary>
internal static class GuestLinuxVersion
{
    public const string WslRelease = "5.15.153.1-microsoft-standard-WSL2";

    public static Version Version => OperatingSystem.IsLinux() ? System.Environment.OSVersion.Version : new Version(5, 15, 153, 1);

    public static string Release => OperatingSystem.IsLinux() ? System.Environment.OSVersion.Version.ToString() : WslRelease;

    public static bool IsAtLeast(int major, int minor, int build, int revision)
    {
        var v = Version;
        if (v.Major != major)
            return v.Major > major;
        if (v.Minor != minor)
            return v.Minor > minor;
        if (Math.Max(v.Build, 0) != build)
            return Math.Max(v.Build, 0) > build;
        return Math.Max(v.Revision, 0) >= revision;
    }
}
