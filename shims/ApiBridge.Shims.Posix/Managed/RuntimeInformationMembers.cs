using System.Runtime.InteropServices;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary><c>RuntimeInformation</c>'s platform answers for a Linux guest (the host's own on a Linux host).</summary>
[ShimMembers("System.Runtime.InteropServices.RuntimeInformation", "posix", "platform")]
public static class RuntimeInformationMembers
{
    public static bool IsOSPlatform(OSPlatform osPlatform) => osPlatform == OSPlatform.Linux;

    /// <summary>uname's sysname, release and version, as .NET on Linux shows them.</summary>
    public static string OSDescription =>
        OperatingSystem.IsLinux() ? RuntimeInformation.OSDescription : $"Linux {GuestLinuxVersion.WslRelease} #1 SMP";

    public static string RuntimeIdentifier => "linux-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
}
