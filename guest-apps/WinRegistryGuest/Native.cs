using System.Runtime.InteropServices;

namespace WinRegistryGuest;

/// <summary>advapi32 registry functions declared the way real code declares them.</summary>
internal static unsafe class Native
{
    public static readonly IntPtr HKEY_CURRENT_USER = new(unchecked((int)0x80000001));
    public static readonly UIntPtr HKEY_LOCAL_MACHINE_U = (UIntPtr)0x80000002u;
    public const int KEY_READ = 0x20019, KEY_ALL_ACCESS = 0xF003F;
    public const int RRF_RT_REG_SZ = 0x2, RRF_RT_DWORD = 0x18, RRF_RT_ANY = 0xffff;

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, EntryPoint = "RegOpenKeyExW")]
    public static extern int RegOpenKeyEx(IntPtr hKey, string subKey, int options, int samDesired, out IntPtr result);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    public static extern int RegOpenKeyExW(UIntPtr hKey, string subKey, uint options, uint samDesired, out UIntPtr result);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    public static extern int RegCreateKeyExW(IntPtr hKey, string subKey, int reserved, string? cls, int options, int sam,
        IntPtr security, out IntPtr result, out int disposition);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    public static extern int RegSetValueExW(IntPtr hKey, string? name, int reserved, int type, byte[] data, int size);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    public static extern int RegQueryValueExW(IntPtr hKey, string? name, IntPtr reserved, out int type, byte[]? data, ref int size);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    public static extern int RegGetValueW(IntPtr hKey, string? subKey, string? value, int flags, out int type, byte* data, ref int size);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    public static extern int RegEnumKeyExW(IntPtr hKey, int index, char[] name, ref int nameLength, IntPtr reserved, IntPtr cls, IntPtr classLength, IntPtr lastWrite);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    public static extern int RegDeleteKeyW(IntPtr hKey, string subKey);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    public static extern int RegDeleteValueW(IntPtr hKey, string name);

    [DllImport("advapi32.dll")]
    public static extern int RegCloseKey(IntPtr hKey);

    [DllImport("advapi32.dll")]
    public static extern int RegCloseKey(UIntPtr hKey);
}
