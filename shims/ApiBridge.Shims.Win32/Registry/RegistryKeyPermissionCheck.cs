using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>Replaces <c>Microsoft.Win32.RegistryKeyPermissionCheck</c>: the same members with the same values.</summary>
[ShimType("Microsoft.Win32.RegistryKeyPermissionCheck", "registry")]

public enum RegistryKeyPermissionCheck
{
    Default = 0,
    ReadSubTree = 1,
    ReadWriteSubTree = 2,
}
