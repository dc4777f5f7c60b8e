namespace ApiBridge.Core.Binding;

/// <summary>
/// BCL types that exist only on Windows and have no shim: on another host their members throw
/// PlatformNotSupportedException (or are missing). <c>analyze</c> lists a Windows guest's uses of them with their call
/// sites, so a user learns before the first run what will not work.
/// </summary>
public static class WindowsOnlyApis
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.Diagnostics.EventLog", "System.Diagnostics.EventLogEntry", "System.Diagnostics.PerformanceCounter",
        "System.Diagnostics.PerformanceCounterCategory", "System.Security.Principal.WindowsIdentity",
        "System.Security.Principal.WindowsPrincipal", "System.Security.Principal.NTAccount", "System.Security.AccessControl.FileSecurity",
        "System.Security.AccessControl.DirectorySecurity", "System.Security.AccessControl.RegistrySecurity",
        "System.ServiceProcess.ServiceController", "System.ServiceProcess.ServiceBase", "System.Management.ManagementObjectSearcher",
        "System.Management.ManagementObject", "Microsoft.Win32.SystemEvents", "System.Security.Cryptography.ProtectedData",
        "System.DirectoryServices.DirectoryEntry", "System.DirectoryServices.DirectorySearcher",
    };
}
