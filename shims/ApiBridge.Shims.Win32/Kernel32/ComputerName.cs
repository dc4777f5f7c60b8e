using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetComputerNameW and GetComputerNameExW. The NetBIOS name is the prefix's computer name (the one COMPUTERNAME and
/// the registry's ComputerName key hold, upper case); the DNS forms are the host's name as the resolver knows it.
/// Buffer sizes follow Windows: on success the length without the terminator, when too small the size needed with it
/// (ERROR_BUFFER_OVERFLOW for GetComputerNameW, ERROR_MORE_DATA for the Ex form).
/// </summary>
[ShimLibrary("kernel32", "env")]
public static unsafe class ComputerName
{
    public const int ComputerNameNetBIOS = 0, ComputerNameDnsHostname = 1, ComputerNameDnsDomain = 2, ComputerNameDnsFullyQualified = 3,
        ComputerNamePhysicalNetBIOS = 4, ComputerNamePhysicalDnsHostname = 5, ComputerNamePhysicalDnsDomain = 6, ComputerNamePhysicalDnsFullyQualified = 7;

    /// <summary>BOOL GetComputerNameW(LPWSTR lpBuffer, LPDWORD nSize)</summary>
    [ShimExport("GetComputerNameW")]
    public static int GetComputerNameW(char* buffer, uint* size) => Answer(NetBiosName(), buffer, size, Win32Error.ERROR_BUFFER_OVERFLOW);

    /// <summary>BOOL GetComputerNameExW(COMPUTER_NAME_FORMAT NameType, LPWSTR lpBuffer, LPDWORD nSize)</summary>
    [ShimExport("GetComputerNameExW")]
    public static int GetComputerNameExW(int nameType, char* buffer, uint* size)
    {
        var fullName = System.Net.Dns.GetHostName();
        var dot = fullName.IndexOf('.');
        string? name = nameType switch
        {
            ComputerNameNetBIOS or ComputerNamePhysicalNetBIOS => NetBiosName(),
            ComputerNameDnsHostname or ComputerNamePhysicalDnsHostname => dot < 0 ? fullName : fullName[..dot],
            ComputerNameDnsDomain or ComputerNamePhysicalDnsDomain => dot < 0 ? "" : fullName[(dot + 1)..],
            ComputerNameDnsFullyQualified or ComputerNamePhysicalDnsFullyQualified => fullName,
            _ => null,
        };
        if (name is null)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        return Answer(name, buffer, size, Win32Error.ERROR_MORE_DATA);
    }

    private static string NetBiosName() =>
        OperatingSystem.IsWindows() ? Environment.MachineName : GuestFileSystem.Current.Options.ComputerName;

    private static int Answer(string name, char* buffer, uint* size, int tooSmall)
    {
        if (size is null)
        {
            LastError.Set(Win32Error.ERROR_INVALID_PARAMETER);
            return 0;
        }
        var length = FileShim.CopyOut(name, buffer, *size);
        if (length > (uint)name.Length)
        {
            *size = length;
            LastError.Set(tooSmall);
            return 0;
        }
        *size = length;
        return 1;
    }
}
