using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>
/// Replaces <c>Microsoft.Win32.Registry</c>: the base keys as static readonly fields and the static
/// GetValue/SetValue over a full key name (<c>HKEY_CURRENT_USER\Software\…</c>), as in .NET's Registry.cs.
/// </summary>
[ShimType("Microsoft.Win32.Registry", "registry")]
public static class WindowsRegistry
{
    public static readonly RegistryKey CurrentUser = RegistryKey.OpenBaseKey(RegistryHive.CurrentUser, RegistryView.Default);
    public static readonly RegistryKey LocalMachine = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Default);
    public static readonly RegistryKey ClassesRoot = RegistryKey.OpenBaseKey(RegistryHive.ClassesRoot, RegistryView.Default);
    public static readonly RegistryKey Users = RegistryKey.OpenBaseKey(RegistryHive.Users, RegistryView.Default);
    public static readonly RegistryKey PerformanceData = RegistryKey.OpenBaseKey(RegistryHive.PerformanceData, RegistryView.Default);
    public static readonly RegistryKey CurrentConfig = RegistryKey.OpenBaseKey(RegistryHive.CurrentConfig, RegistryView.Default);

    /// <summary>The base key a full key name starts with, and the rest of the name.</summary>
    private static RegistryKey GetBaseKeyFromKeyName(string keyName, out string subKeyName)
    {
        ArgumentNullException.ThrowIfNull(keyName);
        var i = keyName.IndexOf('\\');
        var length = i != -1 ? i : keyName.Length;
        RegistryKey? baseKey = length switch
        {
            10 => Users,
            17 => char.ToUpperInvariant(keyName[6]) == 'L' ? ClassesRoot : CurrentUser,
            18 => LocalMachine,
            19 => CurrentConfig,
            21 => PerformanceData,
            _ => null,
        };
        if (baseKey is not null && keyName.StartsWith(baseKey.Name, StringComparison.OrdinalIgnoreCase))
        {
            subKeyName = i == -1 || i == keyName.Length ? string.Empty : keyName.Substring(i + 1);
            return baseKey;
        }
        throw new ArgumentException("Registry key name must start with a valid base key name.", nameof(keyName));
    }

    public static object? GetValue(string keyName, string? valueName, object? defaultValue)
    {
        var baseKey = GetBaseKeyFromKeyName(keyName, out var subKeyName);
        using var key = baseKey.OpenSubKey(subKeyName);
        return key?.GetValue(valueName, defaultValue);
    }

    public static void SetValue(string keyName, string? valueName, object value) =>
        SetValue(keyName, valueName, value, RegistryValueKind.Unknown);

    public static void SetValue(string keyName, string? valueName, object value, RegistryValueKind valueKind)
    {
        var baseKey = GetBaseKeyFromKeyName(keyName, out var subKeyName);
        using var key = baseKey.CreateSubKey(subKeyName);
        key.SetValue(valueName, value, valueKind);
    }
}
