using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>Replaces <c>Microsoft.Win32.RegistryView</c>: the same members with the same values.</summary>
[ShimType("Microsoft.Win32.RegistryView", "registry")]

public enum RegistryView
{
    Default = 0,
    Registry64 = 0x100,
    Registry32 = 0x200,
}
