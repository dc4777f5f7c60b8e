using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Registry;
using ApiBridge.Shims.Win32.Registry.Storage;
using static ApiBridge.Shims.Win32.Registry.RegistryErrors;
using static ApiBridge.Shims.Win32.Registry.Storage.RegistryValueTypes;
using static ApiBridge.Shims.Win32.Win32Error;

namespace ApiBridge.Shims.Win32.Advapi32;

/// <summary>
/// advapi32's registry functions over the prefix's registry (<see cref="RegistryApi"/>). They RETURN the Win32
/// error (LSTATUS) and leave the thread's last error alone. Open keys live in <see cref="Bridge.Handles"/>; the
/// predefined HKEYs are accepted sign-extended (<c>new IntPtr(unchecked((int)0x80000001))</c>, what the headers give
/// a 64-bit program) and zero-extended (<c>(UIntPtr)0x80000001u</c>). Unknown or closed handles answer
/// ERROR_INVALID_HANDLE. ANSI (A) names and string data are UTF-8, their sizes in bytes, like the kernel32 shims'.
/// A registry file of the prefix that cannot be read answers ERROR_REGISTRY_CORRUPT, after saying which file and
/// line on stderr. Behaviour from Microsoft's docs and Wine's dlls/advapi32/tests/registry.c.
/// </summary>
[ShimLibrary("advapi32", "registry")]
public static unsafe class RegistryFunctions
{
    private const uint REG_CREATED_NEW_KEY = 1;
    private const uint REG_OPENED_EXISTING_KEY = 2;
    private const uint RRF_RT_REG_NONE = 0x1, RRF_RT_REG_SZ = 0x2, RRF_RT_REG_EXPAND_SZ = 0x4, RRF_RT_REG_BINARY = 0x8,
        RRF_RT_REG_DWORD = 0x10, RRF_RT_REG_MULTI_SZ = 0x20, RRF_RT_REG_QWORD = 0x40, RRF_RT_DWORD = 0x18, RRF_RT_QWORD = 0x48,
        RRF_RT_ANY = 0xffff, RRF_SUBKEY_WOW6464KEY = 0x10000, RRF_SUBKEY_WOW6432KEY = 0x20000, RRF_NOEXPAND = 0x10000000,
        RRF_ZEROONFAILURE = 0x20000000;

    private static readonly RegistryKeyHandle[] PredefinedKeys =
        Enumerable.Range(0, 6).Select(i => RegistryKeyHandle.Predefined((RegistryRoot)i)).ToArray();

    /// <summary>The open key behind an HKEY (a predefined value or a handle-table entry), or null.</summary>
    internal static RegistryKeyHandle? Lookup(nint hkey)
    {
        var value = (long)hkey;
        var high = value >> 32;
        if ((high == 0 || high == -1) && (value & 0xFFFFFFF0L) == 0x80000000L && (value & 0xF) <= 5)
            return PredefinedKeys[value & 0xF];
        return Bridge.Handles.TryGet<RegistryKeyHandle>(hkey, out var key) ? key : null;
    }

    /// <summary>Runs a registry call, turning a corrupt prefix file into ERROR_REGISTRY_CORRUPT (said once on stderr).</summary>
    private static int Guard(Func<int> call)
    {
        try
        {
            return call();
        }
        catch (RegistryFileException e)
        {
            Console.Error.WriteLine("apibridge: registry: " + e.Message);
            return ERROR_REGISTRY_CORRUPT;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("apibridge: registry: " + e.Message);
            return ERROR_CANTWRITE;
        }
        catch (UnauthorizedAccessException e)
        {
            // A prefix the host will not let the registry files be written in (permissions, a read-only file
            // system): what Windows says for a hive it may not write.
            Console.Error.WriteLine("apibridge: registry: " + e.Message);
            return ERROR_ACCESS_DENIED;
        }
    }

    private static string? Wide(char* text) => text == null ? null : new string(text);

    private static string? Ansi(byte* text) => Kernel32.EnvironmentVariables.Utf8(text);

    // ---- open, create, close -------------------------------------------------------------------------------------

    /// <summary>LSTATUS RegOpenKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD ulOptions, REGSAM samDesired, PHKEY phkResult)</summary>
    [ShimExport("RegOpenKeyExW")]
    public static int RegOpenKeyExW(nint hKey, char* lpSubKey, uint ulOptions, uint samDesired, nint* phkResult) =>
        OpenKey(hKey, Wide(lpSubKey), samDesired, phkResult);

    /// <summary>LSTATUS RegOpenKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD ulOptions, REGSAM samDesired, PHKEY phkResult)</summary>
    [ShimExport("RegOpenKeyExA")]
    public static int RegOpenKeyExA(nint hKey, byte* lpSubKey, uint ulOptions, uint samDesired, nint* phkResult) =>
        OpenKey(hKey, Ansi(lpSubKey), samDesired, phkResult);

    /// <summary>LSTATUS RegOpenKeyW(HKEY hKey, LPCWSTR lpSubKey, PHKEY phkResult): a NULL or empty subkey returns hKey itself.</summary>
    [ShimExport("RegOpenKeyW")]
    public static int RegOpenKeyW(nint hKey, char* lpSubKey, nint* phkResult) => OpenKeyLegacy(hKey, Wide(lpSubKey), phkResult);

    /// <summary>LSTATUS RegOpenKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult)</summary>
    [ShimExport("RegOpenKeyA")]
    public static int RegOpenKeyA(nint hKey, byte* lpSubKey, nint* phkResult) => OpenKeyLegacy(hKey, Ansi(lpSubKey), phkResult);

    private static int OpenKeyLegacy(nint hKey, string? subKey, nint* phkResult)
    {
        if (phkResult == null)
            return ERROR_INVALID_PARAMETER;
        if (string.IsNullOrEmpty(subKey) && Lookup(hKey) is not null)
        {
            *phkResult = hKey;
            return ERROR_SUCCESS;
        }
        return OpenKey(hKey, subKey, RegistryAccess.MAXIMUM_ALLOWED, phkResult);
    }

    private static int OpenKey(nint hKey, string? subKey, uint sam, nint* phkResult)
    {
        if (phkResult == null)
            return ERROR_INVALID_PARAMETER;
        *phkResult = 0;
        var parent = Lookup(hKey);
        if (parent is null)
            return ERROR_INVALID_HANDLE;
        RegistryKeyHandle? opened = null;
        var error = Guard(() => RegistryApi.Open(parent, subKey, sam, out opened));
        if (error == ERROR_SUCCESS)
            *phkResult = Bridge.Handles.Add(opened!);
        return error;
    }

    /// <summary>
    /// LSTATUS RegCreateKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD Reserved, LPWSTR lpClass, DWORD dwOptions,
    /// REGSAM samDesired, const LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult, LPDWORD lpdwDisposition)
    /// </summary>
    [ShimExport("RegCreateKeyExW")]
    public static int RegCreateKeyExW(nint hKey, char* lpSubKey, uint Reserved, char* lpClass, uint dwOptions, uint samDesired,
        void* lpSecurityAttributes, nint* phkResult, uint* lpdwDisposition) =>
        CreateKey(hKey, Wide(lpSubKey), Wide(lpClass), samDesired, phkResult, lpdwDisposition);

    /// <summary>LSTATUS RegCreateKeyExA(…) — see RegCreateKeyExW.</summary>
    [ShimExport("RegCreateKeyExA")]
    public static int RegCreateKeyExA(nint hKey, byte* lpSubKey, uint Reserved, byte* lpClass, uint dwOptions, uint samDesired,
        void* lpSecurityAttributes, nint* phkResult, uint* lpdwDisposition) =>
        CreateKey(hKey, Ansi(lpSubKey), Ansi(lpClass), samDesired, phkResult, lpdwDisposition);

    /// <summary>LSTATUS RegCreateKeyW(HKEY hKey, LPCWSTR lpSubKey, PHKEY phkResult)</summary>
    [ShimExport("RegCreateKeyW")]
    public static int RegCreateKeyW(nint hKey, char* lpSubKey, nint* phkResult) =>
        CreateKey(hKey, Wide(lpSubKey) ?? string.Empty, null, RegistryAccess.MAXIMUM_ALLOWED, phkResult, null);

    /// <summary>LSTATUS RegCreateKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult)</summary>
    [ShimExport("RegCreateKeyA")]
    public static int RegCreateKeyA(nint hKey, byte* lpSubKey, nint* phkResult) =>
        CreateKey(hKey, Ansi(lpSubKey) ?? string.Empty, null, RegistryAccess.MAXIMUM_ALLOWED, phkResult, null);

    private static int CreateKey(nint hKey, string? subKey, string? keyClass, uint sam, nint* phkResult, uint* disposition)
    {
        if (phkResult == null)
            return ERROR_INVALID_PARAMETER;
        var parent = Lookup(hKey);
        if (parent is null)
            return ERROR_INVALID_HANDLE;
        RegistryKeyHandle? created = null;
        var isNew = false;
        var error = Guard(() => RegistryApi.Create(parent, subKey, keyClass, sam, out created, out isNew));
        if (error != ERROR_SUCCESS)
            return error;
        *phkResult = Bridge.Handles.Add(created!);
        if (disposition != null)
            *disposition = isNew ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
        return ERROR_SUCCESS;
    }

    /// <summary>LSTATUS RegCloseKey(HKEY hKey): predefined keys close successfully and stay usable.</summary>
    [ShimExport("RegCloseKey")]
    public static int RegCloseKey(nint hKey)
    {
        if (Lookup(hKey) is not { } key)
            return ERROR_INVALID_HANDLE;
        if (Array.IndexOf(PredefinedKeys, key) >= 0)
            return ERROR_SUCCESS;
        return Bridge.Handles.TryRemove(hKey, out _) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
    }

    /// <summary>
    /// LSTATUS RegFlushKey(HKEY hKey): every change is already durable in the hive's journal; flushing folds the
    /// journal into the .reg files, so they alone show the key as it is now.
    /// </summary>
    [ShimExport("RegFlushKey")]
    public static int RegFlushKey(nint hKey)
    {
        if (Lookup(hKey) is null)
            return ERROR_INVALID_HANDLE;
        return Guard(() =>
        {
            ApiBridge.Shims.Win32.Registry.Storage.RegistryStore.Current.Flush();
            return ERROR_SUCCESS;
        });
    }

    // ---- delete ---------------------------------------------------------------------------------------------------

    /// <summary>LSTATUS RegDeleteKeyW(HKEY hKey, LPCWSTR lpSubKey): a key with subkeys is ERROR_ACCESS_DENIED; "" deletes hKey's key.</summary>
    [ShimExport("RegDeleteKeyW")]
    public static int RegDeleteKeyW(nint hKey, char* lpSubKey) => DeleteKey(hKey, Wide(lpSubKey), 0);

    /// <summary>LSTATUS RegDeleteKeyA(HKEY hKey, LPCSTR lpSubKey)</summary>
    [ShimExport("RegDeleteKeyA")]
    public static int RegDeleteKeyA(nint hKey, byte* lpSubKey) => DeleteKey(hKey, Ansi(lpSubKey), 0);

    /// <summary>LSTATUS RegDeleteKeyExW(HKEY hKey, LPCWSTR lpSubKey, REGSAM samDesired, DWORD Reserved): samDesired picks the WOW64 view.</summary>
    [ShimExport("RegDeleteKeyExW")]
    public static int RegDeleteKeyExW(nint hKey, char* lpSubKey, uint samDesired, uint Reserved) => DeleteKey(hKey, Wide(lpSubKey), samDesired);

    /// <summary>LSTATUS RegDeleteKeyExA(HKEY hKey, LPCSTR lpSubKey, REGSAM samDesired, DWORD Reserved)</summary>
    [ShimExport("RegDeleteKeyExA")]
    public static int RegDeleteKeyExA(nint hKey, byte* lpSubKey, uint samDesired, uint Reserved) => DeleteKey(hKey, Ansi(lpSubKey), samDesired);

    private static RegistryKeyHandle InView(RegistryKeyHandle key, uint sam)
    {
        var wow32 = (sam & RegistryAccess.KEY_WOW64_32KEY) != 0 || ((sam & RegistryAccess.KEY_WOW64_64KEY) == 0 && key.Wow32);
        return wow32 == key.Wow32 ? key : new RegistryKeyHandle(key.IsPredefined ? null : key.Store, key.Root, key.Path, key.Access, wow32);
    }

    private static int DeleteKey(nint hKey, string? subKey, uint sam)
    {
        if (Lookup(hKey) is not { } key)
            return ERROR_INVALID_HANDLE;
        return Guard(() => RegistryApi.DeleteKey(InView(key, sam), subKey));
    }

    /// <summary>LSTATUS RegDeleteTreeW(HKEY hKey, LPCWSTR lpSubKey): NULL empties hKey's key (values and subkeys).</summary>
    [ShimExport("RegDeleteTreeW")]
    public static int RegDeleteTreeW(nint hKey, char* lpSubKey) => DeleteTree(hKey, Wide(lpSubKey));

    /// <summary>LSTATUS RegDeleteTreeA(HKEY hKey, LPCSTR lpSubKey)</summary>
    [ShimExport("RegDeleteTreeA")]
    public static int RegDeleteTreeA(nint hKey, byte* lpSubKey) => DeleteTree(hKey, Ansi(lpSubKey));

    private static int DeleteTree(nint hKey, string? subKey)
    {
        if (Lookup(hKey) is not { } key)
            return ERROR_INVALID_HANDLE;
        return Guard(() => RegistryApi.DeleteTree(key, subKey));
    }

    /// <summary>LSTATUS RegDeleteValueW(HKEY hKey, LPCWSTR lpValueName): NULL or "" is the default value.</summary>
    [ShimExport("RegDeleteValueW")]
    public static int RegDeleteValueW(nint hKey, char* lpValueName) => DeleteValue(hKey, Wide(lpValueName));

    /// <summary>LSTATUS RegDeleteValueA(HKEY hKey, LPCSTR lpValueName)</summary>
    [ShimExport("RegDeleteValueA")]
    public static int RegDeleteValueA(nint hKey, byte* lpValueName) => DeleteValue(hKey, Ansi(lpValueName));

    private static int DeleteValue(nint hKey, string? name)
    {
        if (Lookup(hKey) is not { } key)
            return ERROR_INVALID_HANDLE;
        return Guard(() => RegistryApi.DeleteValue(key, name));
    }

    // ---- values ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// LSTATUS RegSetValueExW(HKEY hKey, LPCWSTR lpValueName, DWORD Reserved, DWORD dwType, const BYTE *lpData, DWORD cbData):
    /// the bytes are stored as given; NULL data with a nonzero size is ERROR_NOACCESS.
    /// </summary>
    [ShimExport("RegSetValueExW")]
    public static int RegSetValueExW(nint hKey, char* lpValueName, uint Reserved, uint dwType, byte* lpData, uint cbData) =>
        SetValue(hKey, Wide(lpValueName), dwType, lpData, cbData, ansi: false);

    /// <summary>LSTATUS RegSetValueExA(…): string data (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ) is converted from ANSI.</summary>
    [ShimExport("RegSetValueExA")]
    public static int RegSetValueExA(nint hKey, byte* lpValueName, uint Reserved, uint dwType, byte* lpData, uint cbData) =>
        SetValue(hKey, Ansi(lpValueName), dwType, lpData, cbData, ansi: true);

    /// <summary>LSTATUS RegSetKeyValueW(HKEY hKey, LPCWSTR lpSubKey, LPCWSTR lpValueName, DWORD dwType, LPCVOID lpData, DWORD cbData): creates the subkey when missing.</summary>
    [ShimExport("RegSetKeyValueW")]
    public static int RegSetKeyValueW(nint hKey, char* lpSubKey, char* lpValueName, uint dwType, void* lpData, uint cbData)
    {
        if (lpSubKey == null || *lpSubKey == 0)
            return SetValue(hKey, Wide(lpValueName), dwType, (byte*)lpData, cbData, ansi: false);
        nint sub;
        var error = CreateKey(hKey, Wide(lpSubKey), null, RegistryAccess.KEY_SET_VALUE, &sub, null);
        if (error != ERROR_SUCCESS)
            return error;
        error = SetValue(sub, Wide(lpValueName), dwType, (byte*)lpData, cbData, ansi: false);
        RegCloseKey(sub);
        return error;
    }

    private static int SetValue(nint hKey, string? name, uint type, byte* data, uint size, bool ansi)
    {
        if (Lookup(hKey) is not { } key)
            return ERROR_INVALID_HANDLE;
        if (data == null && size != 0)
            return ERROR_NOACCESS;
        var bytes = new ReadOnlySpan<byte>(data, (int)size).ToArray();
        if (ansi && IsString((int)type))
            bytes = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes));
        return Guard(() => RegistryApi.SetValue(key, name, (int)type, bytes));
    }

    /// <summary>
    /// LSTATUS RegQueryValueExW(HKEY hKey, LPCWSTR lpValueName, LPDWORD lpReserved, LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData):
    /// NULL lpData asks for the size; a buffer too small gives ERROR_MORE_DATA with the size needed in *lpcbData.
    /// </summary>
    [ShimExport("RegQueryValueExW")]
    public static int RegQueryValueExW(nint hKey, char* lpValueName, uint* lpReserved, uint* lpType, byte* lpData, uint* lpcbData) =>
        QueryValue(hKey, Wide(lpValueName), lpReserved, lpType, lpData, lpcbData, ansi: false);

    /// <summary>LSTATUS RegQueryValueExA(…): string data is returned as ANSI.</summary>
    [ShimExport("RegQueryValueExA")]
    public static int RegQueryValueExA(nint hKey, byte* lpValueName, uint* lpReserved, uint* lpType, byte* lpData, uint* lpcbData) =>
        QueryValue(hKey, Ansi(lpValueName), lpReserved, lpType, lpData, lpcbData, ansi: true);

    private static byte[] ToAnsi(int type, byte[] data) =>
        IsString(type) ? Encoding.UTF8.GetBytes(Encoding.Unicode.GetString(data, 0, data.Length / 2 * 2)) : data;

    private static int QueryValue(nint hKey, string? name, uint* reserved, uint* type, byte* data, uint* size, bool ansi)
    {
        if (Lookup(hKey) is not { } key)
            return ERROR_INVALID_HANDLE;
        if ((data != null && size == null) || reserved != null)
            return ERROR_INVALID_PARAMETER;
        var foundType = 0;
        byte[] bytes = Array.Empty<byte>();
        var error = Guard(() => RegistryApi.QueryValue(key, name, out foundType, out bytes));
        if (error != ERROR_SUCCESS)
            return error;
        if (ansi)
            bytes = ToAnsi(foundType, bytes);
        if (type != null)
            *type = (uint)foundType;
        return CopyData(bytes, data, size);
    }

    private static int CopyData(byte[] bytes, byte* data, uint* size)
    {
        if (size == null)
            return ERROR_SUCCESS;
        var capacity = *size;
        *size = (uint)bytes.Length;
        if (data == null)
            return ERROR_SUCCESS;
        if (capacity < (uint)bytes.Length)
            return ERROR_MORE_DATA;
        bytes.CopyTo(new Span<byte>(data, bytes.Length));
        return ERROR_SUCCESS;
    }

    /// <summary>
    /// LSTATUS RegGetValueW(HKEY hkey, LPCWSTR lpSubKey, LPCWSTR lpValue, DWORD dwFlags, LPDWORD pdwType, PVOID pvData, LPDWORD pcbData):
    /// the RRF_RT_* flags restrict the accepted types (ERROR_UNSUPPORTED_TYPE otherwise; RRF_RT_DWORD/QWORD accept REG_BINARY
    /// of 4/8 bytes, other sizes ERROR_DATATYPE_MISMATCH); REG_EXPAND_SZ is expanded and reported as REG_SZ unless RRF_NOEXPAND
    /// (RRF_RT_REG_EXPAND_SZ alone without RRF_NOEXPAND is ERROR_INVALID_PARAMETER); strings come back NUL-terminated;
    /// RRF_ZEROONFAILURE clears the buffer on failure.
    /// </summary>
    [ShimExport("RegGetValueW")]
    public static int RegGetValueW(nint hkey, char* lpSubKey, char* lpValue, uint dwFlags, uint* pdwType, void* pvData, uint* pcbData) =>
        GetValue(hkey, Wide(lpSubKey), Wide(lpValue), dwFlags, pdwType, (byte*)pvData, pcbData, ansi: false);

    /// <summary>LSTATUS RegGetValueA(…) — see RegGetValueW; string data as ANSI.</summary>
    [ShimExport("RegGetValueA")]
    public static int RegGetValueA(nint hkey, byte* lpSubKey, byte* lpValue, uint dwFlags, uint* pdwType, void* pvData, uint* pcbData) =>
        GetValue(hkey, Ansi(lpSubKey), Ansi(lpValue), dwFlags, pdwType, (byte*)pvData, pcbData, ansi: true);

    private static int GetValue(nint hkey, string? subKey, string? valueName, uint flags, uint* pdwType, byte* data, uint* size, bool ansi)
    {
        if (data != null && size == null)
            return ERROR_INVALID_PARAMETER;
        var restriction = flags & RRF_RT_ANY;
        if (restriction == 0 || (restriction == RRF_RT_REG_EXPAND_SZ && (flags & RRF_NOEXPAND) == 0))
            return ERROR_INVALID_PARAMETER;
        if (Lookup(hkey) is not { } key)
            return ERROR_INVALID_HANDLE;
        var capacity = size == null ? 0u : *size;
        var type = 0;
        byte[] bytes = Array.Empty<byte>();
        var error = Guard(() =>
        {
            var target = key;
            if (!string.IsNullOrEmpty(subKey))
            {
                var sam = RegistryAccess.KEY_QUERY_VALUE
                          | ((flags & RRF_SUBKEY_WOW6432KEY) != 0 ? RegistryAccess.KEY_WOW64_32KEY : 0)
                          | ((flags & RRF_SUBKEY_WOW6464KEY) != 0 ? RegistryAccess.KEY_WOW64_64KEY : 0);
                var opened = RegistryApi.Open(key, subKey, sam, out var sub);
                if (opened != ERROR_SUCCESS)
                    return opened;
                target = sub!;
            }
            return RegistryApi.QueryValue(target, valueName, out type, out bytes);
        });
        if (error == ERROR_SUCCESS)
        {
            if (type == REG_EXPAND_SZ && (flags & RRF_NOEXPAND) == 0)
            {
                bytes = StringData(EnvironmentExpansion.Expand(DataText(bytes)));
                type = REG_SZ;
            }
            else if (IsString(type) && (bytes.Length < 2 || bytes[^1] != 0 || bytes[^2] != 0 || bytes.Length % 2 != 0))
            {
                var terminated = new byte[bytes.Length / 2 * 2 + 2];
                Array.Copy(bytes, terminated, bytes.Length / 2 * 2);
                bytes = terminated;
            }
            if (ansi)
                bytes = ToAnsi(type, bytes);
            error = Restrict(flags, type, bytes.Length);
            if (error == ERROR_SUCCESS && size != null)
            {
                *size = (uint)bytes.Length;
                if (data != null)
                {
                    if (capacity < (uint)bytes.Length)
                        error = ERROR_MORE_DATA;
                    else
                        bytes.CopyTo(new Span<byte>(data, bytes.Length));
                }
            }
            else if (error == ERROR_UNSUPPORTED_TYPE || error == ERROR_DATATYPE_MISMATCH)
            {
                if (size != null) *size = (uint)bytes.Length;
            }
            if (pdwType != null)
                *pdwType = (uint)type;
        }
        if (error != ERROR_SUCCESS && data != null && (flags & RRF_ZEROONFAILURE) != 0)
            new Span<byte>(data, (int)capacity).Clear();
        return error;
    }

    private static int Restrict(uint flags, int type, int length)
    {
        uint mask = type switch
        {
            REG_NONE => RRF_RT_REG_NONE,
            REG_SZ => RRF_RT_REG_SZ,
            REG_EXPAND_SZ => RRF_RT_REG_EXPAND_SZ,
            REG_MULTI_SZ => RRF_RT_REG_MULTI_SZ,
            REG_BINARY => RRF_RT_REG_BINARY,
            REG_DWORD => RRF_RT_REG_DWORD,
            REG_QWORD => RRF_RT_REG_QWORD,
            _ => 0,
        };
        if ((flags & mask) == 0)
            return ERROR_UNSUPPORTED_TYPE;
        var restriction = flags & RRF_RT_ANY;
        return type switch
        {
            REG_BINARY when restriction == RRF_RT_DWORD && length != 4 => ERROR_DATATYPE_MISMATCH,
            REG_BINARY when restriction == RRF_RT_QWORD && length != 8 => ERROR_DATATYPE_MISMATCH,
            REG_DWORD when length != 4 => ERROR_DATATYPE_MISMATCH,
            REG_QWORD when length != 8 => ERROR_DATATYPE_MISMATCH,
            _ => ERROR_SUCCESS,
        };
    }

    // ---- enumeration and information ------------------------------------------------------------------------------

    /// <summary>
    /// LSTATUS RegEnumKeyExW(HKEY hKey, DWORD dwIndex, LPWSTR lpName, LPDWORD lpcchName, LPDWORD lpReserved, LPWSTR lpClass,
    /// LPDWORD lpcchClass, PFILETIME lpftLastWriteTime): sorted subkeys; past the end ERROR_NO_MORE_ITEMS; a name buffer
    /// without room for the name and its NUL gives ERROR_MORE_DATA.
    /// </summary>
    [ShimExport("RegEnumKeyExW")]
    public static int RegEnumKeyExW(nint hKey, uint dwIndex, char* lpName, uint* lpcchName, uint* lpReserved, char* lpClass, uint* lpcchClass, FILETIME* lpftLastWriteTime) =>
        EnumKey(hKey, dwIndex, (byte*)lpName, lpcchName, (byte*)lpClass, lpcchClass, lpftLastWriteTime, ansi: false);

    /// <summary>LSTATUS RegEnumKeyExA(…) — see RegEnumKeyExW; sizes in bytes.</summary>
    [ShimExport("RegEnumKeyExA")]
    public static int RegEnumKeyExA(nint hKey, uint dwIndex, byte* lpName, uint* lpcchName, uint* lpReserved, byte* lpClass, uint* lpcchClass, FILETIME* lpftLastWriteTime) =>
        EnumKey(hKey, dwIndex, lpName, lpcchName, lpClass, lpcchClass, lpftLastWriteTime, ansi: true);

    /// <summary>LSTATUS RegEnumKeyW(HKEY hKey, DWORD dwIndex, LPWSTR lpName, DWORD cchName)</summary>
    [ShimExport("RegEnumKeyW")]
    public static int RegEnumKeyW(nint hKey, uint dwIndex, char* lpName, uint cchName) =>
        EnumKey(hKey, dwIndex, (byte*)lpName, &cchName, null, null, null, ansi: false);

    private static int EnumKey(nint hKey, uint index, byte* name, uint* nameLength, byte* keyClass, uint* classLength, FILETIME* time, bool ansi)
    {
        if (Lookup(hKey) is not { } key)
            return ERROR_INVALID_HANDLE;
        if (name == null || nameLength == null)
            return ERROR_INVALID_PARAMETER;
        var found = string.Empty;
        long written = 0;
        string? cls = null;
        var error = Guard(() => RegistryApi.EnumKey(key, index > int.MaxValue ? -1 : (int)index, out found, out written, out cls));
        if (error != ERROR_SUCCESS)
            return error;
        error = CopyString(found, name, nameLength, ansi, setLengthOnOverflow: false);
        if (error != ERROR_SUCCESS)
            return error;
        if (keyClass != null && classLength != null)
        {
            error = CopyString(cls ?? string.Empty, keyClass, classLength, ansi, setLengthOnOverflow: false);
            if (error != ERROR_SUCCESS)
                return error;
        }
        else if (classLength != null)
            *classLength = (uint)Length(cls ?? string.Empty, ansi);
        if (time != null)
            *time = FILETIME.FromValue((ulong)written);
        return ERROR_SUCCESS;
    }

    private static int Length(string text, bool ansi) => ansi ? Encoding.UTF8.GetByteCount(text) : text.Length;

    /// <summary>Copies a NUL-terminated name into a buffer of *length characters (bytes for ANSI); *length becomes the name's length.</summary>
    private static int CopyString(string text, byte* buffer, uint* length, bool ansi, bool setLengthOnOverflow)
    {
        var needed = Length(text, ansi);
        if (*length <= (uint)needed)
        {
            if (setLengthOnOverflow)
                *length = (uint)needed;
            return ERROR_MORE_DATA;
        }
        if (ansi)
        {
            Encoding.UTF8.GetBytes(text, new Span<byte>(buffer, needed));
            buffer[needed] = 0;
        }
        else
        {
            text.AsSpan().CopyTo(new Span<char>(buffer, needed));
            ((char*)buffer)[needed] = '\0';
        }
        *length = (uint)needed;
        return ERROR_SUCCESS;
    }

    /// <summary>
    /// LSTATUS RegEnumValueW(HKEY hKey, DWORD dwIndex, LPWSTR lpValueName, LPDWORD lpcchValueName, LPDWORD lpReserved,
    /// LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData): values in creation order; a name or data buffer too small gives
    /// ERROR_MORE_DATA (for data, with the size needed in *lpcbData).
    /// </summary>
    [ShimExport("RegEnumValueW")]
    public static int RegEnumValueW(nint hKey, uint dwIndex, char* lpValueName, uint* lpcchValueName, uint* lpReserved, uint* lpType, byte* lpData, uint* lpcbData) =>
        EnumValue(hKey, dwIndex, (byte*)lpValueName, lpcchValueName, lpReserved, lpType, lpData, lpcbData, ansi: false);

    /// <summary>LSTATUS RegEnumValueA(…) — see RegEnumValueW; names and string data as ANSI.</summary>
    [ShimExport("RegEnumValueA")]
    public static int RegEnumValueA(nint hKey, uint dwIndex, byte* lpValueName, uint* lpcchValueName, uint* lpReserved, uint* lpType, byte* lpData, uint* lpcbData) =>
        EnumValue(hKey, dwIndex, lpValueName, lpcchValueName, lpReserved, lpType, lpData, lpcbData, ansi: true);

    private static int EnumValue(nint hKey, uint index, byte* name, uint* nameLength, uint* reserved, uint* type, byte* data, uint* size, bool ansi)
    {
        if (Lookup(hKey) is not { } key)
            return ERROR_INVALID_HANDLE;
        if (name == null || nameLength == null || reserved != null || (data != null && size == null))
            return ERROR_INVALID_PARAMETER;
        RegistryValue? value = null;
        var error = Guard(() => RegistryApi.EnumValue(key, index > int.MaxValue ? -1 : (int)index, out value));
        if (error != ERROR_SUCCESS)
            return error;
        var bytes = ansi ? ToAnsi(value!.Type, value.Data) : value!.Data;
        error = CopyString(value.Name, name, nameLength, ansi, setLengthOnOverflow: false);
        if (error != ERROR_SUCCESS)
            return error;
        if (type != null)
            *type = (uint)value.Type;
        return CopyData(bytes, data, size);
    }

    /// <summary>
    /// LSTATUS RegQueryInfoKeyW(HKEY hKey, LPWSTR lpClass, LPDWORD lpcchClass, LPDWORD lpReserved, LPDWORD lpcSubKeys,
    /// LPDWORD lpcbMaxSubKeyLen, LPDWORD lpcbMaxClassLen, LPDWORD lpcValues, LPDWORD lpcbMaxValueNameLen,
    /// LPDWORD lpcbMaxValueLen, LPDWORD lpcbSecurityDescriptor, PFILETIME lpftLastWriteTime): lengths in characters
    /// without the NUL, the longest data in bytes.
    /// </summary>
    [ShimExport("RegQueryInfoKeyW")]
    public static int RegQueryInfoKeyW(nint hKey, char* lpClass, uint* lpcchClass, uint* lpReserved, uint* lpcSubKeys, uint* lpcbMaxSubKeyLen,
        uint* lpcbMaxClassLen, uint* lpcValues, uint* lpcbMaxValueNameLen, uint* lpcbMaxValueLen, uint* lpcbSecurityDescriptor, FILETIME* lpftLastWriteTime) =>
        QueryInfo(hKey, (byte*)lpClass, lpcchClass, lpReserved, lpcSubKeys, lpcbMaxSubKeyLen, lpcbMaxClassLen, lpcValues, lpcbMaxValueNameLen,
            lpcbMaxValueLen, lpcbSecurityDescriptor, lpftLastWriteTime, ansi: false);

    /// <summary>LSTATUS RegQueryInfoKeyA(…) — see RegQueryInfoKeyW.</summary>
    [ShimExport("RegQueryInfoKeyA")]
    public static int RegQueryInfoKeyA(nint hKey, byte* lpClass, uint* lpcchClass, uint* lpReserved, uint* lpcSubKeys, uint* lpcbMaxSubKeyLen,
        uint* lpcbMaxClassLen, uint* lpcValues, uint* lpcbMaxValueNameLen, uint* lpcbMaxValueLen, uint* lpcbSecurityDescriptor, FILETIME* lpftLastWriteTime) =>
        QueryInfo(hKey, lpClass, lpcchClass, lpReserved, lpcSubKeys, lpcbMaxSubKeyLen, lpcbMaxClassLen, lpcValues, lpcbMaxValueNameLen,
            lpcbMaxValueLen, lpcbSecurityDescriptor, lpftLastWriteTime, ansi: true);

    private static int QueryInfo(nint hKey, byte* keyClass, uint* classLength, uint* reserved, uint* subKeys, uint* maxSubKeyLength,
        uint* maxClassLength, uint* values, uint* maxValueNameLength, uint* maxValueLength, uint* securityDescriptor, FILETIME* time, bool ansi)
    {
        if (Lookup(hKey) is not { } key)
            return ERROR_INVALID_HANDLE;
        if (reserved != null)
            return ERROR_INVALID_PARAMETER;
        RegistryKeyInfo info = default;
        var error = Guard(() => RegistryApi.QueryInfo(key, out info));
        if (error != ERROR_SUCCESS)
            return error;
        if (subKeys != null) *subKeys = (uint)info.SubKeys;
        if (maxSubKeyLength != null) *maxSubKeyLength = (uint)info.MaxSubKeyLength;
        if (maxClassLength != null) *maxClassLength = (uint)info.MaxClassLength;
        if (values != null) *values = (uint)info.Values;
        if (maxValueNameLength != null) *maxValueNameLength = (uint)info.MaxValueNameLength;
        if (maxValueLength != null) *maxValueLength = (uint)info.MaxValueLength;
        if (securityDescriptor != null) *securityDescriptor = 0;
        if (time != null) *time = FILETIME.FromValue((ulong)info.LastWriteTime);
        if (classLength != null)
        {
            if (keyClass != null)
                return CopyString(info.Class ?? string.Empty, keyClass, classLength, ansi, setLengthOnOverflow: true);
            *classLength = (uint)Length(info.Class ?? string.Empty, ansi);
        }
        return ERROR_SUCCESS;
    }
}
