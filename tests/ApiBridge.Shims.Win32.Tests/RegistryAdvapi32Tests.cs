using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Native;
using static ApiBridge.Shims.Win32.Advapi32.RegistryFunctions;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// advapi32's registry functions with native-shaped arguments, against Microsoft's docs and Wine's
/// dlls/advapi32/tests/registry.c: returned LSTATUS codes, sizes, buffers, handles.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class RegistryAdvapi32Tests : RegistryTest
{
    private static readonly nint HKCU = new(unchecked((int)0x80000001));
    private static readonly nint HKLM = new(unchecked((int)0x80000002));
    private const uint KEY_READ = 0x20019, KEY_ALL_ACCESS = 0xF003F, KEY_QUERY_VALUE = 1, KEY_WOW64_32KEY = 0x200;
    private const uint REG_SZ = 1, REG_EXPAND_SZ = 2, REG_BINARY = 3, REG_DWORD = 4, REG_MULTI_SZ = 7, REG_QWORD = 11;
    private const int ERROR_FILE_NOT_FOUND = 2, ERROR_ACCESS_DENIED = 5, ERROR_INVALID_HANDLE = 6, ERROR_INVALID_PARAMETER = 87,
        ERROR_MORE_DATA = 234, ERROR_NO_MORE_ITEMS = 259, ERROR_BAD_PATHNAME = 161, ERROR_NOACCESS = 998,
        ERROR_UNSUPPORTED_TYPE = 1630, ERROR_DATATYPE_MISMATCH = 1629, ERROR_KEY_DELETED = 1018;

    private static nint Create(nint parent, string path, uint sam = KEY_ALL_ACCESS)
    {
        nint key;
        uint disposition;
        fixed (char* p = path)
            Assert.Equal(0, RegCreateKeyExW(parent, p, 0, null, 0, sam, null, &key, &disposition));
        return key;
    }

    private static int Open(nint parent, string? path, uint sam, out nint key)
    {
        nint result = 1234;
        int error;
        fixed (char* p = path)
            error = RegOpenKeyExW(parent, p, 0, sam, &result);
        key = result;
        return error;
    }

    private static int Set(nint key, string? name, uint type, byte[] data)
    {
        fixed (char* n = name)
        fixed (byte* d = data)
            return RegSetValueExW(key, n, 0, type, d, (uint)data.Length);
    }

    private static byte[] Sz(string text) => Encoding.Unicode.GetBytes(text + "\0");

    private nint Test() => Create(HKCU, @"Software\ApiBridgeTest");

    private uint type, size;

    [Fact]
    public void PredefinedKeysAreAcceptedSignAndZeroExtended()
    {
        Assert.Equal(0, Open(HKCU, "Software", KEY_READ, out var signExtended));
        Assert.Equal(0, Open((nint)0x80000001u, "Software", KEY_READ, out var zeroExtended));
        Assert.Equal(0, RegCloseKey(signExtended));
        Assert.Equal(0, RegCloseKey(zeroExtended));
        Assert.Equal(0, RegCloseKey(HKCU)); // closing a predefined key succeeds and it stays usable
        Assert.Equal(0, Open(HKCU, "Software", KEY_READ, out var again));
        RegCloseKey(again);
    }

    [Fact]
    public void CreateReportsDispositionAndHandlesLiveInTheHandleTable()
    {
        var before = Bridge.Handles.Count;
        nint key;
        uint disposition;
        fixed (char* p = @"Software\ApiBridgeTest\A\B")
        {
            Assert.Equal(0, RegCreateKeyExW(HKCU, p, 0, null, 0, KEY_ALL_ACCESS, null, &key, &disposition));
            Assert.Equal(1u, disposition); // REG_CREATED_NEW_KEY
            Assert.Equal(before + 1, Bridge.Handles.Count);
            Assert.Equal(0, RegCloseKey(key));
            Assert.Equal(0, RegCreateKeyExW(HKCU, p, 0, null, 0, KEY_ALL_ACCESS, null, &key, &disposition));
            Assert.Equal(2u, disposition); // REG_OPENED_EXISTING_KEY
        }
        Assert.Equal(0, RegCloseKey(key));
        Assert.Equal(ERROR_INVALID_HANDLE, RegCloseKey(key));
        Assert.Equal(before, Bridge.Handles.Count);
    }

    [Fact]
    public void OpenFailuresAndPathRules()
    {
        Assert.Equal(ERROR_FILE_NOT_FOUND, Open(HKCU, @"Software\NoSuchKeyAnywhere", KEY_READ, out var missing));
        Assert.Equal(0, missing); // *phkResult cleared on failure
        Assert.Equal(ERROR_BAD_PATHNAME, Open(HKCU, @"\Software", KEY_READ, out _));
        Assert.Equal(0, Open(HKCU, @"Software\", KEY_READ, out var trailing));
        RegCloseKey(trailing);
        Assert.Equal(ERROR_INVALID_HANDLE, Open(0x7777, "Software", KEY_READ, out _));
        Assert.Equal(0, Open(HKCU, null, KEY_READ, out var self));
        Assert.NotEqual(HKCU, self);
        RegCloseKey(self);
        var test = Test();
        fixed (char* longName = new string('a', 256))
        {
            nint key;
            Assert.Equal(ERROR_INVALID_PARAMETER, RegCreateKeyExW(test, longName, 0, null, 0, KEY_ALL_ACCESS, null, &key, null));
            Assert.Equal(ERROR_FILE_NOT_FOUND, RegOpenKeyExW(test, longName, 0, KEY_READ, &key));
        }
        RegCloseKey(test);
    }

    [Fact]
    public void QueryValueSizesMoreDataAndMissingValues()
    {
        var key = Test();
        Assert.Equal(0, Set(key, "text", REG_SZ, Sz("hello")));
        uint type, size = 0;
        fixed (char* name = "text")
        {
            Assert.Equal(0, RegQueryValueExW(key, name, null, &type, null, &size));
            Assert.Equal(REG_SZ, type);
            Assert.Equal(12u, size);
            var small = new byte[4];
            size = 4;
            fixed (byte* buffer = small)
                Assert.Equal(ERROR_MORE_DATA, RegQueryValueExW(key, name, null, &type, buffer, &size));
            Assert.Equal(12u, size);
            var exact = new byte[12];
            fixed (byte* buffer = exact)
                Assert.Equal(0, RegQueryValueExW(key, name, null, &type, buffer, &size));
            Assert.Equal("hello\0", Encoding.Unicode.GetString(exact));
            fixed (byte* buffer = exact)
                Assert.Equal(ERROR_INVALID_PARAMETER, RegQueryValueExW(key, name, null, &type, buffer, null));
        }
        fixed (char* missing = "missing")
            Assert.Equal(ERROR_FILE_NOT_FOUND, RegQueryValueExW(key, missing, null, &type, null, &size));
        Assert.Equal(ERROR_FILE_NOT_FOUND, RegQueryValueExW(key, null, null, &type, null, &size)); // no default value yet
        Assert.Equal(ERROR_INVALID_HANDLE, RegQueryValueExW(0x5555, null, null, &type, null, &size));
        RegCloseKey(key);
    }

    [Fact]
    public void SetValueStoresBytesAsGivenAndChecksItsArguments()
    {
        var key = Test();
        fixed (char* name = "n")
        {
            Assert.Equal(ERROR_NOACCESS, RegSetValueExW(key, name, 0, REG_BINARY, null, 4));
            Assert.Equal(0, RegSetValueExW(key, name, 0, REG_BINARY, null, 0));
        }
        Assert.Equal(0, Set(key, "noterm", REG_SZ, Encoding.Unicode.GetBytes("abc")));
        uint type, size = 64;
        var buffer = new byte[64];
        fixed (char* name = "noterm")
        fixed (byte* b = buffer)
            Assert.Equal(0, RegQueryValueExW(key, name, null, &type, b, &size));
        Assert.Equal(6u, size); // stored as given, no terminator added
        RegCloseKey(key);
        Assert.Equal(0, Open(HKCU, @"Software\ApiBridgeTest", KEY_READ, out var readOnly));
        Assert.Equal(ERROR_ACCESS_DENIED, Set(readOnly, "x", REG_DWORD, BitConverter.GetBytes(1)));
        fixed (char* name = "n")
            Assert.Equal(ERROR_ACCESS_DENIED, RegDeleteValueW(readOnly, name));
        RegCloseKey(readOnly);
    }

    [Fact]
    public void GetValueRestrictsTypesExpandsAndTerminates()
    {
        var key = Test();
        Set(key, "dw", REG_DWORD, BitConverter.GetBytes(42));
        Set(key, "bin4", REG_BINARY, new byte[] { 1, 0, 0, 0 });
        Set(key, "bin3", REG_BINARY, new byte[] { 1, 0, 0 });
        Set(key, "exp", REG_EXPAND_SZ, Sz(@"%USERPROFILE%\x"));
        Set(key, "raw", REG_SZ, Encoding.Unicode.GetBytes("abc"));
        Set(key, "q", REG_QWORD, BitConverter.GetBytes(7L));
        var data = new byte[128];
        int Get(string? sub, string name, uint flags)
        {
            size = (uint)data.Length;
            fixed (char* s = sub)
            fixed (char* n = name)
            fixed (byte* d = data)
            fixed (uint* t = &type)
            fixed (uint* z = &size)
                return RegGetValueW(key, s, n, flags, t, d, z);
        }
        Assert.Equal(0, Get(null, "dw", 0x18)); // RRF_RT_DWORD
        Assert.Equal(42, BitConverter.ToInt32(data));
        Assert.Equal(0, Get(null, "bin4", 0x18));
        Assert.Equal(ERROR_DATATYPE_MISMATCH, Get(null, "bin3", 0x18));
        Assert.Equal(ERROR_UNSUPPORTED_TYPE, Get(null, "dw", 0x02)); // RRF_RT_REG_SZ
        Assert.Equal(0, Get(null, "exp", 0x02 | 0x04));
        Assert.Equal(REG_SZ, type);
        Assert.Equal(@"C:\users\tester\x", Encoding.Unicode.GetString(data, 0, (int)size - 2));
        Assert.Equal(0, Get(null, "exp", 0x04 | 0x10000000)); // RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND
        Assert.Equal(REG_EXPAND_SZ, type);
        Assert.Equal(ERROR_INVALID_PARAMETER, Get(null, "exp", 0x04));
        Assert.Equal(ERROR_INVALID_PARAMETER, Get(null, "dw", 0));
        Assert.Equal(0, Get(null, "raw", 0xffff));
        Assert.Equal(8u, size); // NUL added
        Assert.Equal(0, Get(null, "q", 0x48)); // RRF_RT_QWORD
        Assert.Equal(7L, BitConverter.ToInt64(data));
        RegCloseKey(key);
        key = HKCU;
        Assert.Equal(0, Get(@"Software\ApiBridgeTest", "dw", 0xffff));
        Assert.Equal(ERROR_FILE_NOT_FOUND, Get(@"Software\NoSuchKey", "dw", 0xffff));
        Array.Fill(data, (byte)0xCC);
        Assert.Equal(ERROR_UNSUPPORTED_TYPE, Get(@"Software\ApiBridgeTest", "dw", 0x02 | 0x20000000)); // RRF_ZEROONFAILURE
        Assert.All(data, b => Assert.Equal(0, b));
    }

    [Fact]
    public void EnumerationReportsNoMoreItemsAndMoreData()
    {
        var key = Test();
        foreach (var name in new[] { "b", "A", "c" })
            RegCloseKey(Create(key, name));
        Set(key, "second", REG_DWORD, BitConverter.GetBytes(2));
        Set(key, "first", REG_SZ, Sz("0123456789"));
        var names = new List<string>();
        var buffer = stackalloc char[256];
        for (uint i = 0; ; i++)
        {
            uint length = 256;
            FILETIME time;
            var error = RegEnumKeyExW(key, i, buffer, &length, null, null, null, &time);
            if (error == ERROR_NO_MORE_ITEMS) break;
            Assert.Equal(0, error);
            Assert.NotEqual(0ul, time.Value);
            names.Add(new string(buffer, 0, (int)length));
        }
        Assert.Equal(new[] { "A", "b", "c" }, names);
        uint small = 1;
        Assert.Equal(ERROR_MORE_DATA, RegEnumKeyExW(key, 0, buffer, &small, null, null, null, null));
        uint nameLength = 256, type, dataSize = 4;
        var data = stackalloc byte[4];
        Assert.Equal(0, RegEnumValueW(key, 0, buffer, &nameLength, null, &type, data, &dataSize));
        Assert.Equal("second", new string(buffer, 0, (int)nameLength)); // creation order
        nameLength = 256;
        dataSize = 4;
        Assert.Equal(ERROR_MORE_DATA, RegEnumValueW(key, 1, buffer, &nameLength, null, &type, data, &dataSize));
        Assert.Equal(22u, dataSize);
        nameLength = 3;
        Assert.Equal(ERROR_MORE_DATA, RegEnumValueW(key, 1, buffer, &nameLength, null, &type, null, null));
        nameLength = 256;
        Assert.Equal(ERROR_NO_MORE_ITEMS, RegEnumValueW(key, 2, buffer, &nameLength, null, &type, null, null));
        uint subKeys, maxSub, values, maxName, maxData;
        Assert.Equal(0, RegQueryInfoKeyW(key, null, null, null, &subKeys, &maxSub, null, &values, &maxName, &maxData, null, null));
        Assert.Equal((3u, 1u, 2u, 6u, 22u), (subKeys, maxSub, values, maxName, maxData));
        RegCloseKey(key);
    }

    [Fact]
    public void DeleteKeyRefusesSubkeysDeleteTreeEmptiesAndDeletedKeysAreReported()
    {
        var key = Test();
        RegCloseKey(Create(key, @"tree\leaf"));
        fixed (char* tree = "tree")
        fixed (char* leaf = @"tree\leaf")
        {
            Assert.Equal(ERROR_ACCESS_DENIED, RegDeleteKeyW(key, tree));
            Assert.Equal(0, RegDeleteKeyW(key, leaf));
            Assert.Equal(0, RegDeleteKeyExW(key, tree, 0, 0));
            Assert.Equal(ERROR_FILE_NOT_FOUND, RegDeleteKeyW(key, tree));
        }
        Assert.Equal(ERROR_INVALID_PARAMETER, RegDeleteKeyW(key, null));
        Assert.Equal(ERROR_ACCESS_DENIED, RegDeleteKeyW(HKCU, (char*)null + 0 == null ? EmptyString() : null));
        RegCloseKey(Create(key, @"t2\a\b"));
        Set(key, "v", REG_DWORD, BitConverter.GetBytes(1));
        var doomed = Create(key, "t2");
        fixed (char* t2 = "t2")
            Assert.Equal(0, RegDeleteTreeW(key, t2));
        Assert.Equal(ERROR_KEY_DELETED, Set(doomed, "x", REG_DWORD, BitConverter.GetBytes(1)));
        RegCloseKey(doomed);
        Assert.Equal(0, RegDeleteTreeW(key, null)); // empties the key itself
        uint subKeys, values;
        Assert.Equal(0, RegQueryInfoKeyW(key, null, null, null, &subKeys, null, null, &values, null, null, null, null));
        Assert.Equal((0u, 0u), (subKeys, values));
        RegCloseKey(key);
    }

    private static char* EmptyString()
    {
        var empty = (char*)System.Runtime.InteropServices.Marshal.AllocHGlobal(2);
        *empty = '\0';
        return empty;
    }

    [Fact]
    public void AnsiVariantsConvertNamesAndStringData()
    {
        var key = Test();
        var name = "ansi\0"u8.ToArray();
        var value = "caf\u00e9\0"u8.ToArray();
        fixed (byte* n = name)
        fixed (byte* v = value)
            Assert.Equal(0, RegSetValueExA(key, n, 0, REG_SZ, v, (uint)value.Length));
        var viaManaged = ApiBridge.Shims.Win32.Registry.WindowsRegistry.CurrentUser.OpenSubKey(@"Software\ApiBridgeTest")!.GetValue("ansi");
        Assert.Equal("caf\u00e9", viaManaged);
        uint type, size = 16;
        var buffer = new byte[16];
        fixed (byte* n = name)
        fixed (byte* b = buffer)
            Assert.Equal(0, RegQueryValueExA(key, n, null, &type, b, &size));
        Assert.Equal(value.Length, (int)size);
        Assert.Equal(value, buffer[..(int)size]);
        RegCloseKey(key);
    }

    [Fact]
    public void Wow64FlagRedirectsSoftware()
    {
        var key = Create(HKLM, @"SOFTWARE\ApiBridgeVendor", KEY_ALL_ACCESS | KEY_WOW64_32KEY);
        RegCloseKey(key);
        Assert.Equal(ERROR_FILE_NOT_FOUND, Open(HKLM, @"SOFTWARE\ApiBridgeVendor", KEY_READ, out _));
        Assert.Equal(0, Open(HKLM, @"SOFTWARE\WOW6432Node\ApiBridgeVendor", KEY_READ, out var redirected));
        RegCloseKey(redirected);
    }

    [Fact]
    public void ManagedAndNativeSeeTheSameKeys()
    {
        using (var managed = ApiBridge.Shims.Win32.Registry.WindowsRegistry.CurrentUser.CreateSubKey(@"Software\ApiBridgeTest"))
        {
            managed.SetValue("m", 5);
            var handle = managed.Handle.DangerousGetHandle();
            uint type, size = 4;
            int data;
            fixed (char* n = "m")
                Assert.Equal(0, RegQueryValueExW(handle, n, null, &type, (byte*)&data, &size));
            Assert.Equal(5, data);
        }
    }
}
