using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>Replaces <c>Microsoft.Win32.RegistryValueOptions</c>: the same members with the same values.</summary>
[ShimType("Microsoft.Win32.RegistryValueOptions", "registry")]
[Flags]
public enum RegistryValueOptions
{
    None = 0,
    DoNotExpandEnvironmentNames = 1,
}
