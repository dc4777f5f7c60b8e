using System.Runtime.InteropServices;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary><c>RuntimeInformation</c>'s platform answers for a Windows guest (what .NET on Windows 10 22H2 x64 says).</summary>
[ShimMembers("System.Runtime.InteropServices.RuntimeInformation", "windows", "platform")]
public static class RuntimeInformationMembers
{
    public static bool IsOSPlatform(OSPlatform osPlatform) => osPlatform == OSPlatform.Windows;

    public static string OSDescription => $"Microsoft Windows {GuestWindowsVersion.Major}.{GuestWindowsVersion.Minor}.{GuestWindowsVersion.Build}";

    public static string RuntimeIdentifier => "win-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
}
