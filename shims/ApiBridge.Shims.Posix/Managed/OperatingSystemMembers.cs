using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>System.OperatingSystem</c>'s platform checks answered for a Linux guest, so the guest and its libraries take
/// their Linux branches (and their libc calls reach the shims), whatever the host is.
/// </summary>
[ShimMembers("System.OperatingSystem", "posix", "platform")]
public static class OperatingSystemMembers
{
    public static bool IsWindows() => false;

    public static bool IsLinux() => true;

    public static bool IsMacOS() => false;

    public static bool IsMacCatalyst() => false;

    public static bool IsFreeBSD() => false;

    public static bool IsAndroid() => false;

    public static bool IsIOS() => false;

    public static bool IsTvOS() => false;

    public static bool IsWatchOS() => false;

    public static bool IsBrowser() => false;

    public static bool IsWasi() => false;

    /// <summary>As .NET on Linux: only "Linux", in any letter case.</summary>
    public static bool IsOSPlatform(string platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return platform.Equals("linux", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsOSPlatformVersionAtLeast(string platform, int major, int minor, int build, int revision) =>
        IsOSPlatform(platform) && GuestLinuxVersion.IsAtLeast(major, minor, build, revision);

    public static bool IsWindowsVersionAtLeast(int major, int minor, int build, int revision) => false;

    public static bool IsLinuxVersionAtLeast(int major, int minor, int build, int revision) =>
        GuestLinuxVersion.IsAtLeast(major, minor, build, revision);

    public static bool IsMacOSVersionAtLeast(int major, int minor, int build) => false;

    public static bool IsFreeBSDVersionAtLeast(int major, int minor, int build, int revision) => false;

    public static bool IsAndroidVersionAtLeast(int major, int minor, int build, int revision) => false;

    public static bool IsIOSVersionAtLeast(int major, int minor, int build) => false;

    public static bool IsTvOSVersionAtLeast(int major, int minor, int build) => false;

    public static bool IsWatchOSVersionAtLeast(int major, int minor, int build) => false;

    public static bool IsMacCatalystVersionAtLeast(int major, int minor, int build) => false;
}
