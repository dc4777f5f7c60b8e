using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>Replaces <c>Microsoft.Win32.RegistryValueKind</c>: the same members with the same values.</summary>
[ShimType("Microsoft.Win32.RegistryValueKind", "registry")]

public enum RegistryValueKind
{
    None = -1,
    Unknown = 0,
    String = 1,
    ExpandString = 2,
    Binary = 3,
    DWord = 4,
    MultiString = 7,
    QWord = 11,
}
