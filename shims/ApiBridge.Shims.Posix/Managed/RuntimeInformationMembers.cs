using System.Runtime.InteropServices;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary><c>RuntimeInformation</c>'s platform answers for a Linux guest (the host's own on a Linux host).</summary>
[ShimMembers("System.Runtime.InteropServices.RuntimeInformation", "posix", "platform")]
public static class RuntimeInformationMembers
{
    public static bool IsOSPlatform(OSPlatform osPlatform) => osPlatform == OSPlatform.Linux;

    /// <summary>
    /// As .NET on Linux: the distribution's PRETTY_NAME from <c>/etc/os-release</c> (read through the path view),
    /// else uname's sysname, release and version.
    /// </summary>
    public static string OSDescription
    {
        get
        {
            if (OperatingSystem.IsLinux() && PosixServices.View.IsIdentity)
                return RuntimeInformation.OSDescription;
            try
            {
                if (PosixServices.View.Resolve("/etc/os-release", out var release) == 0 && File.Exists(release.Host) && !release.CaseConflict)
                {
                    foreach (var line in File.ReadLines(release.Host))
                    {
                        if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal) && line[12..].Trim('"', '\'', ' ') is { Length: > 0 } name)
                            return name;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
            return $"Linux {GuestLinuxVersion.Release} #1 SMP";
        }
    }

    public static string RuntimeIdentifier => "linux-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
}
