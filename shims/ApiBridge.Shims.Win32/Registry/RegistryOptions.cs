using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>Replaces <c>Microsoft.Win32.RegistryOptions</c>: the same members with the same values.</summary>
[ShimType("Microsoft.Win32.RegistryOptions", "registry")]
[Flags]
public enum RegistryOptions
{
    None = 0,
    Volatile = 1,
}
