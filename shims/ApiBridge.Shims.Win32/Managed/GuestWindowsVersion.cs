namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The Windows a guest is told it runs on: Windows 10 1903 (10.0.18362), what Wine 8 reports for a Windows 10 prefix and
/// what the prefix's registry (<c>HKLM\Software\Microsoft\Windows NT\CurrentVersion</c>) says.
/// </summary>
public static class GuestWindowsVersion
{
    public const int Major = 10, Minor = 0, Build = 18362;

    public static readonly Version Version = new(Major, Minor, Build, 0);

    /// <summary>True when this version is at least the one asked about (<c>IsWindowsVersionAtLeast</c>'s comparison).</summary>
    public static bool IsAtLeast(int major, int minor, int build, int revision)
    {
        if (Major != major)
            return Major > major;
        if (Minor != minor)
            return Minor > minor;
        if (Build != build)
            return Build > build;
        return 0 >= revision;
    }
}
