using System.Globalization;
using System.Security;
using System.Security.AccessControl;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.Tracing;
using ApiBridge.Shims.Win32.Registry.Storage;
using Microsoft.Win32.SafeHandles;
using static ApiBridge.Shims.Win32.Registry.Storage.RegistryValueTypes;

// SafeRegistryHandle, RegistrySecurity and RegistryRights are in every shared framework; their [SupportedOSPlatform("windows")]
// marks the real registry behind them, which this type replaces.
#pragma warning disable CA1416

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>
/// Replaces <c>Microsoft.Win32.RegistryKey</c> with the same public surface, implemented over the prefix's registry
/// (<see cref="RegistryApi"/>) instead of advapi32. The control flow, argument checks and exceptions follow .NET's
/// own RegistryKey.cs / RegistryKey.Windows.cs, so a guest sees what it sees on Windows: ObjectDisposedException after
/// Dispose (system keys are never closed), UnauthorizedAccessException writing a key opened read-only,
/// InvalidOperationException from DeleteSubKey on a key with subkeys, ArgumentException for missing subkeys/values
/// when asked to throw, IOException for Win32 failures (a missing value in GetValueKind), SecurityException when
/// OpenSubKey is denied; SetValue's kind detection (int → DWord, byte[] → Binary, string[] → MultiString, anything
/// else → String via ToString(), a long included) and GetValue's conversions (ExpandString expanded with the guest's
/// environment unless DoNotExpandEnvironmentNames).
/// </summary>
[ShimType("Microsoft.Win32.RegistryKey", "registry")]
public sealed class RegistryKey : MarshalByRefObject, IDisposable
{
    private const int MaxKeyLength = 255;
    private const int MaxValueLength = 16383;
    private static readonly string[] HiveNames =
    {
        "HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE", "HKEY_USERS", "HKEY_PERFORMANCE_DATA", "HKEY_CURRENT_CONFIG",
    };

    private volatile RegistryKeyHandle? hkey;
    private volatile string keyName = string.Empty;
    private volatile StateFlags state;
    private volatile RegistryKeyPermissionCheck checkMode;
    private readonly RegistryView regView;
    private nint tableHandle;
    private SafeRegistryHandle? safeHandle;

    private RegistryKey(RegistryKeyHandle hkey, bool writable, bool systemKey, bool isPerfData, RegistryView view)
    {
        ValidateKeyView(view);
        this.hkey = hkey;
        regView = view;
        if (systemKey) state |= StateFlags.SystemKey;
        if (writable) state |= StateFlags.WriteAccess;
        if (isPerfData) state |= StateFlags.PerfData;
    }

    public void Flush()
    {
        // Changes are already durable in the hive's journal; flushing folds it into the .reg files, as RegFlushKey does.
        ApiBridge.Shims.Win32.Registry.Storage.RegistryStore.Current.Flush();
    }

    public void Close() => Dispose();

    public void Dispose()
    {
        if (hkey is null || IsSystemKey())
            return;
        hkey = null;
        var value = Interlocked.Exchange(ref tableHandle, 0);
        if (value != 0)
            Bridge.Handles.TryRemove(value, out _);
    }

    public RegistryKey CreateSubKey(string subkey) => CreateSubKey(subkey, checkMode);

    public RegistryKey CreateSubKey(string subkey, bool writable) =>
        CreateSubKey(subkey, writable ? RegistryKeyPermissionCheck.ReadWriteSubTree : RegistryKeyPermissionCheck.ReadSubTree, RegistryOptions.None);

    public RegistryKey CreateSubKey(string subkey, bool writable, RegistryOptions options) =>
        CreateSubKey(subkey, writable ? RegistryKeyPermissionCheck.ReadWriteSubTree : RegistryKeyPermissionCheck.ReadSubTree, options);

    public RegistryKey CreateSubKey(string subkey, RegistryKeyPermissionCheck permissionCheck) =>
        CreateSubKey(subkey, permissionCheck, RegistryOptions.None);

    public RegistryKey CreateSubKey(string subkey, RegistryKeyPermissionCheck permissionCheck, RegistryOptions registryOptions, RegistrySecurity? registrySecurity) =>
        CreateSubKey(subkey, permissionCheck, registryOptions);

    public RegistryKey CreateSubKey(string subkey, RegistryKeyPermissionCheck permissionCheck, RegistrySecurity? registrySecurity) =>
        CreateSubKey(subkey, permissionCheck, RegistryOptions.None);

    public RegistryKey CreateSubKey(string subkey, RegistryKeyPermissionCheck permissionCheck, RegistryOptions registryOptions) =>
        Relay.Enabled ? RegistryRelay.Call(nameof(CreateSubKey), this, () => CreateSubKeyCore(subkey, permissionCheck, registryOptions), subkey, permissionCheck, registryOptions) : CreateSubKeyCore(subkey, permissionCheck, registryOptions);

    private RegistryKey CreateSubKeyCore(string subkey, RegistryKeyPermissionCheck permissionCheck, RegistryOptions registryOptions)
    {
        ValidateKeyOptions(registryOptions);
        ValidateKeyName(subkey);
        ValidateKeyMode(permissionCheck);
        EnsureWriteable();
        subkey = FixupName(subkey);

        var existing = InternalOpenSubKeyWithoutSecurityChecks(subkey, permissionCheck != RegistryKeyPermissionCheck.ReadSubTree);
        if (existing is not null)
        {
            existing.checkMode = permissionCheck;
            return existing;
        }

        var writable = permissionCheck != RegistryKeyPermissionCheck.ReadSubTree;
        var ret = RegistryApi.Create(hkey!, subkey, null, Access(writable), out var result, out _);
        if (ret != 0)
            ThrowWin32Error(ret, keyName + "\\" + subkey);
        return new RegistryKey(result!, writable, false, false, regView)
        {
            checkMode = permissionCheck,
            keyName = subkey.Length == 0 ? keyName : keyName + "\\" + subkey,
        };
    }

    public void DeleteSubKey(string subkey) => DeleteSubKey(subkey, true);

    public void DeleteSubKey(string subkey, bool throwOnMissingSubKey)
    {
        if (Relay.Enabled)
            RegistryRelay.Call(nameof(DeleteSubKey), this, () => DeleteSubKeyCore(subkey, throwOnMissingSubKey), subkey, throwOnMissingSubKey);
        else
            DeleteSubKeyCore(subkey, throwOnMissingSubKey);
    }

    private void DeleteSubKeyCore(string subkey, bool throwOnMissingSubKey)
    {
        ValidateKeyName(subkey);
        EnsureWriteable();
        subkey = FixupName(subkey);

        var key = InternalOpenSubKeyWithoutSecurityChecks(subkey, false);
        if (key is not null)
        {
            using (key)
            {
                if (key.SubKeyCount > 0)
                    throw new InvalidOperationException("Registry key has subkeys and recursive removes are not supported by this method.");
            }
            var ret = RegistryApi.DeleteKey(hkey!, subkey);
            if (ret != 0)
            {
                if (ret == Win32Error.ERROR_FILE_NOT_FOUND)
                {
                    if (throwOnMissingSubKey)
                        throw new ArgumentException("Cannot delete a subkey tree because the subkey does not exist.");
                }
                else
                    ThrowWin32Error(ret, null);
            }
        }
        else if (throwOnMissingSubKey)
            throw new ArgumentException("Cannot delete a subkey tree because the subkey does not exist.");
    }

    public void DeleteSubKeyTree(string subkey) => DeleteSubKeyTree(subkey, throwOnMissingSubKey: true);

    public void DeleteSubKeyTree(string subkey, bool throwOnMissingSubKey)
    {
        if (Relay.Enabled)
            RegistryRelay.Call(nameof(DeleteSubKeyTree), this, () => DeleteSubKeyTreeCore(subkey, throwOnMissingSubKey), subkey, throwOnMissingSubKey);
        else
            DeleteSubKeyTreeCore(subkey, throwOnMissingSubKey);
    }

    private void DeleteSubKeyTreeCore(string subkey, bool throwOnMissingSubKey)
    {
        ValidateKeyName(subkey);
        if (subkey.Length == 0 && IsSystemKey())
            throw new ArgumentException("Cannot delete a registry hive's subtree.");
        EnsureWriteable();
        subkey = FixupName(subkey);

        var key = InternalOpenSubKeyWithoutSecurityChecks(subkey, true);
        if (key is not null)
            DeleteOpenedTree(key, subkey);
        else if (throwOnMissingSubKey)
            throw new ArgumentException("Cannot delete a subkey tree because the subkey does not exist.");
    }

    private void DeleteSubKeyTreeInternal(string subkey) =>
        DeleteOpenedTree(InternalOpenSubKeyWithoutSecurityChecks(subkey, true)
            ?? throw new ArgumentException("Cannot delete a subkey tree because the subkey does not exist."), subkey);

    /// <summary>Deletes <paramref name="key"/>'s subkeys depth first, closes it, then deletes it (<paramref name="subkey"/> of this key).</summary>
    private void DeleteOpenedTree(RegistryKey key, string subkey)
    {
        using (key)
        {
            if (key.SubKeyCount > 0)
            {
                foreach (var name in key.GetSubKeyNames())
                    key.DeleteSubKeyTreeInternal(name);
            }
        }
        var ret = RegistryApi.DeleteKey(hkey!, subkey);
        if (ret != 0)
            ThrowWin32Error(ret, null);
    }

    public void DeleteValue(string name) => DeleteValue(name, true);

    public void DeleteValue(string name, bool throwOnMissingValue)
    {
        if (Relay.Enabled)
            RegistryRelay.Call(nameof(DeleteValue), this, () => DeleteValueCore(name, throwOnMissingValue), name, throwOnMissingValue);
        else
            DeleteValueCore(name, throwOnMissingValue);
    }

    private void DeleteValueCore(string name, bool throwOnMissingValue)
    {
        EnsureWriteable();
        var ret = RegistryApi.DeleteValue(hkey!, name);
        if ((ret == Win32Error.ERROR_FILE_NOT_FOUND || ret == Win32Error.ERROR_FILENAME_EXCED_RANGE) && throwOnMissingValue)
            throw new ArgumentException("No value exists with that name.");
        // Like .NET: other failures are not reported (compatibility).
    }

    public static RegistryKey OpenBaseKey(RegistryHive hKey, RegistryView view) =>
        Relay.Enabled ? RegistryRelay.Call(nameof(OpenBaseKey), null, () => OpenBaseKeyCore(hKey, view), hKey, view) : OpenBaseKeyCore(hKey, view);

    private static RegistryKey OpenBaseKeyCore(RegistryHive hKey, RegistryView view)
    {
        ValidateKeyView(view);
        return BaseKey(hKey, view, systemKey: true);
    }

    internal static RegistryKey BaseKey(RegistryHive hKey, RegistryView view, bool systemKey)
    {
        var index = (int)hKey & 0x0FFFFFFF;
        if (index < 0 || index >= HiveNames.Length || ((uint)hKey & 0xFFFFFFF0u) != 0x80000000u)
            throw new ArgumentException("Registry HKEY was out of the legal range.", nameof(hKey));
        var root = (RegistryRoot)index;
        var isPerf = root == RegistryRoot.PerformanceData;
        return new RegistryKey(RegistryKeyHandle.Predefined(root, view == RegistryView.Registry32), true, systemKey, isPerf, view)
        {
            checkMode = RegistryKeyPermissionCheck.Default,
            keyName = HiveNames[index],
        };
    }

    public static RegistryKey OpenRemoteBaseKey(RegistryHive hKey, string machineName) =>
        OpenRemoteBaseKey(hKey, machineName, RegistryView.Default);

    public static RegistryKey OpenRemoteBaseKey(RegistryHive hKey, string machineName, RegistryView view)
    {
        ArgumentNullException.ThrowIfNull(machineName);
        ValidateKeyView(view);
        var local = machineName.TrimStart('\\');
        if (local.Length != 0 && local != "." && !local.Equals(Environment.MachineName, StringComparison.OrdinalIgnoreCase)
            && !local.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            throw new IOException("The network path was not found.", 53);
        return BaseKey(hKey, view, systemKey: false);
    }

    public RegistryKey? OpenSubKey(string name) => OpenSubKey(name, false);

    public RegistryKey? OpenSubKey(string name, bool writable) =>
        Relay.Enabled ? RegistryRelay.Call(nameof(OpenSubKey), this, () => OpenSubKeyCore(name, writable), name, writable) : OpenSubKeyCore(name, writable);

    private RegistryKey? OpenSubKeyCore(string name, bool writable)
    {
        ValidateKeyName(name);
        EnsureNotDisposed();
        name = FixupName(name);
        var ret = RegistryApi.Open(hkey!, name, Access(writable), out var result);
        if (ret == 0)
        {
            return new RegistryKey(result!, writable, false, false, regView)
            {
                checkMode = GetSubKeyPermissionCheck(writable),
                keyName = keyName + "\\" + name,
            };
        }
        if (ret == Win32Error.ERROR_ACCESS_DENIED)
            throw new SecurityException("Requested registry access is not allowed.");
        return null;
    }

    public RegistryKey? OpenSubKey(string name, RegistryKeyPermissionCheck permissionCheck)
    {
        ValidateKeyMode(permissionCheck);
        return OpenSubKey(name, permissionCheck, (RegistryRights)Access(permissionCheck == RegistryKeyPermissionCheck.ReadWriteSubTree));
    }

    public RegistryKey? OpenSubKey(string name, RegistryRights rights) => OpenSubKey(name, checkMode, rights);

    public RegistryKey? OpenSubKey(string name, RegistryKeyPermissionCheck permissionCheck, RegistryRights rights) =>
        Relay.Enabled ? RegistryRelay.Call(nameof(OpenSubKey), this, () => OpenSubKeyCore(name, permissionCheck, rights), name, permissionCheck, rights) : OpenSubKeyCore(name, permissionCheck, rights);

    private RegistryKey? OpenSubKeyCore(string name, RegistryKeyPermissionCheck permissionCheck, RegistryRights rights)
    {
        ValidateKeyName(name);
        ValidateKeyMode(permissionCheck);
        if ((rights & ~RegistryRights.FullControl) != 0)
            throw new SecurityException("Requested registry access is not allowed.");
        EnsureNotDisposed();
        name = FixupName(name);
        var ret = RegistryApi.Open(hkey!, name, (uint)rights | (uint)regView, out var result);
        if (ret == 0)
        {
            return new RegistryKey(result!, permissionCheck == RegistryKeyPermissionCheck.ReadWriteSubTree, false, false, regView)
            {
                keyName = keyName + "\\" + name,
                checkMode = permissionCheck,
            };
        }
        if (ret == Win32Error.ERROR_ACCESS_DENIED)
            throw new SecurityException("Requested registry access is not allowed.");
        return null;
    }

    private RegistryKey? InternalOpenSubKeyWithoutSecurityChecks(string name, bool writable)
    {
        ValidateKeyName(name);
        EnsureNotDisposed();
        var ret = RegistryApi.Open(hkey!, name, Access(writable), out var result);
        return ret == 0
            ? new RegistryKey(result!, writable, false, false, regView) { keyName = keyName + "\\" + name }
            : null;
    }

    public RegistrySecurity GetAccessControl() =>
        GetAccessControl(AccessControlSections.Access | AccessControlSections.Owner | AccessControlSections.Group);

    public RegistrySecurity GetAccessControl(AccessControlSections includeSections)
    {
        EnsureNotDisposed();
        // The prefix has no security descriptors: its user owns everything. An empty descriptor says so.
        return new RegistrySecurity();
    }

    public void SetAccessControl(RegistrySecurity registrySecurity)
    {
        EnsureWriteable();
        ArgumentNullException.ThrowIfNull(registrySecurity);
        // Nothing to persist: the prefix keeps no ACLs.
    }

    public int SubKeyCount
    {
        get
        {
            EnsureNotDisposed();
            return QueryInfo().SubKeys;
        }
    }

    public int ValueCount
    {
        get
        {
            EnsureNotDisposed();
            return QueryInfo().Values;
        }
    }

    private RegistryKeyInfo QueryInfo()
    {
        var ret = RegistryApi.QueryInfo(hkey!, out var info);
        if (ret != 0)
            ThrowWin32Error(ret, null);
        return info;
    }

    public RegistryView View
    {
        get
        {
            EnsureNotDisposed();
            return regView;
        }
    }

    /// <summary>
    /// The key's handle: a value in the bridge's handle table (a predefined HKEY value for the base keys), so a guest
    /// that passes it to advapi32 P/Invokes reaches the same key. Owned by this RegistryKey: disposing it closes it.
    /// </summary>
    public SafeRegistryHandle Handle
    {
        get
        {
            EnsureNotDisposed();
            if (IsSystemKey())
                return RegistryHandles.Create(unchecked((nint)(int)(0x80000000u | (uint)hkey!.Root)));
            lock (this)
            {
                if (safeHandle is null)
                {
                    tableHandle = Bridge.Handles.Add(hkey!);
                    safeHandle = RegistryHandles.Create(tableHandle);
                }
                return safeHandle;
            }
        }
    }

    public static RegistryKey FromHandle(SafeRegistryHandle handle) => FromHandle(handle, RegistryView.Default);

    public static RegistryKey FromHandle(SafeRegistryHandle handle, RegistryView view)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ValidateKeyView(view);
        var value = handle.DangerousGetHandle();
        var key = Advapi32.RegistryFunctions.Lookup(value)
            ?? throw new ArgumentException("The handle is not a registry key handle of this process.", nameof(handle));
        return new RegistryKey(key, writable: true, systemKey: false, isPerfData: false, view);
    }

    public string[] GetSubKeyNames() =>
        Relay.Enabled ? RegistryRelay.Call(nameof(GetSubKeyNames), this, () => GetSubKeyNamesCore()) : GetSubKeyNamesCore();

    private string[] GetSubKeyNamesCore()
    {
        EnsureNotDisposed();
        var count = SubKeyCount;
        if (count == 0)
            return Array.Empty<string>();
        var names = new List<string>(count);
        while (true)
        {
            var ret = RegistryApi.EnumKey(hkey!, names.Count, out var name, out _, out _);
            if (ret == Win32Error.ERROR_NO_MORE_ITEMS)
                break;
            if (ret != 0)
                ThrowWin32Error(ret, null);
            names.Add(name);
        }
        return names.ToArray();
    }

    public string[] GetValueNames() =>
        Relay.Enabled ? RegistryRelay.Call(nameof(GetValueNames), this, () => GetValueNamesCore()) : GetValueNamesCore();

    private string[] GetValueNamesCore()
    {
        EnsureNotDisposed();
        var count = ValueCount;
        if (count == 0)
            return Array.Empty<string>();
        var names = new List<string>(count);
        while (true)
        {
            var ret = RegistryApi.EnumValue(hkey!, names.Count, out var value);
            if (ret == Win32Error.ERROR_NO_MORE_ITEMS)
                break;
            if (ret != 0)
                ThrowWin32Error(ret, null);
            names.Add(value!.Name);
        }
        return names.ToArray();
    }

    public object? GetValue(string? name) => InternalGetValue(name, null, false);

    public object? GetValue(string? name, object? defaultValue) => InternalGetValue(name, defaultValue, false);

    public object? GetValue(string? name, object? defaultValue, RegistryValueOptions options)
    {
        if (options < RegistryValueOptions.None || options > RegistryValueOptions.DoNotExpandEnvironmentNames)
            throw new ArgumentException($"Illegal enum value: {(int)options}.", nameof(options));
        return InternalGetValue(name, defaultValue, options == RegistryValueOptions.DoNotExpandEnvironmentNames);
    }

    private object? InternalGetValue(string? name, object? defaultValue, bool doNotExpand) =>
        Relay.Enabled ? RegistryRelay.Call(nameof(GetValue), this, () => InternalGetValueCore(name, defaultValue, doNotExpand), name, defaultValue, doNotExpand)
            : InternalGetValueCore(name, defaultValue, doNotExpand);

    private object? InternalGetValueCore(string? name, object? defaultValue, bool doNotExpand)
    {
        EnsureNotDisposed();
        var ret = RegistryApi.QueryValue(hkey!, name, out var type, out var data);
        if (ret != 0)
            return defaultValue;
        return Convert(type, data, doNotExpand, defaultValue);
    }

    /// <summary>What RegistryKey.GetValue makes of raw value data (RegistryKey.Windows.cs InternalGetValueCore).</summary>
    internal static object? Convert(int type, byte[] data, bool doNotExpand, object? defaultValue)
    {
        switch (type)
        {
            case REG_NONE:
            case REG_DWORD_BIG_ENDIAN:
            case REG_BINARY:
                return data.Clone();
            case REG_QWORD when data.Length <= 8:
            case REG_DWORD when data.Length > 4 && data.Length <= 8:
            {
                Span<byte> buffer = stackalloc byte[8];
                buffer.Clear();
                data.CopyTo(buffer);
                return BitConverter.ToInt64(buffer);
            }
            case REG_QWORD:
            case REG_DWORD when data.Length > 8:
                return data.Clone();
            case REG_DWORD:
            {
                Span<byte> buffer = stackalloc byte[4];
                buffer.Clear();
                data.CopyTo(buffer);
                return BitConverter.ToInt32(buffer);
            }
            case REG_SZ:
            case REG_EXPAND_SZ:
            {
                var chars = new char[(data.Length + 1) / 2];
                System.Text.Encoding.Unicode.GetChars(data, 0, data.Length / 2 * 2, chars, 0);
                var text = chars.Length > 0 && chars[^1] == '\0' ? new string(chars, 0, chars.Length - 1) : new string(chars);
                return type == REG_EXPAND_SZ && !doNotExpand ? EnvironmentExpansion.Expand(text) : text;
            }
            case REG_MULTI_SZ:
                return MultiStrings(data);
            default:
                return defaultValue;
        }
    }

    public RegistryValueKind GetValueKind(string? name) =>
        Relay.Enabled ? RegistryRelay.Call(nameof(GetValueKind), this, () => GetValueKindCore(name), name) : GetValueKindCore(name);

    private RegistryValueKind GetValueKindCore(string? name)
    {
        EnsureNotDisposed();
        var ret = RegistryApi.QueryValue(hkey!, name, out var type, out _);
        if (ret != 0)
            ThrowWin32Error(ret, null);
        return type == REG_NONE ? RegistryValueKind.None
            : !Enum.IsDefined(typeof(RegistryValueKind), type) ? RegistryValueKind.Unknown
            : (RegistryValueKind)type;
    }

    public string Name
    {
        get
        {
            EnsureNotDisposed();
            return keyName;
        }
    }

    /// <summary>The key's name for a trace line, also after it was closed (<see cref="Name"/> throws then).</summary>
    internal string NameForTrace => keyName;

    public void SetValue(string? name, object value) => SetValue(name, value, RegistryValueKind.Unknown);

    public void SetValue(string? name, object value, RegistryValueKind valueKind)
    {
        if (Relay.Enabled)
            RegistryRelay.Call(nameof(SetValue), this, () => SetValueCore(name, value, valueKind), name, value, valueKind);
        else
            SetValueCore(name, value, valueKind);
    }

    private void SetValueCore(string? name, object value, RegistryValueKind valueKind)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (name is not null && name.Length > MaxValueLength)
            throw new ArgumentException("Registry value names should not be greater than 16,383 characters.", nameof(name));
        if (!Enum.IsDefined(typeof(RegistryValueKind), valueKind))
            throw new ArgumentException("The specified RegistryValueKind is an invalid value.", nameof(valueKind));
        EnsureWriteable();
        if (valueKind == RegistryValueKind.Unknown)
            valueKind = CalculateValueKind(value);

        int type;
        byte[] data;
        try
        {
            (type, data) = Encode(value, valueKind);
        }
        catch (Exception e) when (e is OverflowException or InvalidOperationException or FormatException or InvalidCastException)
        {
            throw new ArgumentException("The type of the value object did not match the specified RegistryValueKind or the object could not be properly converted.");
        }
        var ret = RegistryApi.SetValue(hkey!, name, type, data);
        if (ret == 0)
            state |= StateFlags.Dirty;
        else
            ThrowWin32Error(ret, null);
    }

    private static (int Type, byte[] Data) Encode(object value, RegistryValueKind valueKind)
    {
        switch (valueKind)
        {
            case RegistryValueKind.ExpandString:
            case RegistryValueKind.String:
                return ((int)valueKind, StringData(value.ToString()!));
            case RegistryValueKind.MultiString:
            {
                var strings = (string[])((string[])value).Clone();
                foreach (var s in strings)
                {
                    if (s is null)
                        throw new ArgumentException("RegistryKey.SetValue does not allow a String[] that contains a null String reference.");
                }
                return (REG_MULTI_SZ, MultiStringData(strings));
            }
            case RegistryValueKind.None:
            case RegistryValueKind.Binary:
                return (valueKind == RegistryValueKind.None ? REG_NONE : REG_BINARY, (byte[])((byte[])value).Clone());
            case RegistryValueKind.DWord:
                return (REG_DWORD, BitConverter.GetBytes(System.Convert.ToInt32(value, CultureInfo.InvariantCulture)));
            case RegistryValueKind.QWord:
                return (REG_QWORD, BitConverter.GetBytes(System.Convert.ToInt64(value, CultureInfo.InvariantCulture)));
            default:
                throw new ArgumentException("The specified RegistryValueKind is an invalid value.", nameof(valueKind));
        }
    }

    private static RegistryValueKind CalculateValueKind(object value)
    {
        if (value is int)
            return RegistryValueKind.DWord;
        if (value is Array)
        {
            if (value is byte[]) return RegistryValueKind.Binary;
            if (value is string[]) return RegistryValueKind.MultiString;
            throw new ArgumentException($"RegistryKey.SetValue does not support arrays of type '{value.GetType().Name}'. Only Byte[] and String[] are supported.");
        }
        return RegistryValueKind.String;
    }

    public override string ToString()
    {
        EnsureNotDisposed();
        return keyName;
    }

    private static uint Access(bool writable) => writable ? RegistryAccess.KEY_READ | RegistryAccess.KEY_WRITE : RegistryAccess.KEY_READ;

    private RegistryKeyPermissionCheck GetSubKeyPermissionCheck(bool subkeyWritable) =>
        checkMode == RegistryKeyPermissionCheck.Default ? checkMode
        : subkeyWritable ? RegistryKeyPermissionCheck.ReadWriteSubTree : RegistryKeyPermissionCheck.ReadSubTree;

    /// <summary>.NET's FixupName: a run of backslashes after the first character becomes one; a trailing one is dropped.</summary>
    private static string FixupName(string name)
    {
        if (name.IndexOf('\\') < 0)
            return name;
        var path = name.ToCharArray();
        var length = path.Length;
        const char marker = (char)0xFFFF;
        var i = 1;
        while (i < length - 1)
        {
            if (path[i] == '\\')
            {
                i++;
                while (i < length && path[i] == '\\')
                {
                    path[i] = marker;
                    i++;
                }
            }
            i++;
        }
        var result = new string(path).Replace(marker.ToString(), string.Empty);
        return result.Length > 0 && result[^1] == '\\' ? result[..^1] : result;
    }

    private void EnsureNotDisposed()
    {
        if (hkey is null)
            throw new ObjectDisposedException(keyName, "Cannot access a closed registry key.");
    }

    private void EnsureWriteable()
    {
        EnsureNotDisposed();
        if (!IsWritable())
            throw new UnauthorizedAccessException("Cannot write to the registry key.");
    }

    private static void ValidateKeyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var current = 0;
        var nextSlash = name.IndexOf('\\');
        while (nextSlash != -1)
        {
            if (nextSlash - current > MaxKeyLength)
                throw new ArgumentException("Registry key names should not be greater than 255 characters.", nameof(name));
            current = nextSlash + 1;
            nextSlash = name.IndexOf('\\', current);
        }
        if (name.Length - current > MaxKeyLength)
            throw new ArgumentException("Registry key names should not be greater than 255 characters.", nameof(name));
    }

    private static void ValidateKeyMode(RegistryKeyPermissionCheck mode)
    {
        if (mode < RegistryKeyPermissionCheck.Default || mode > RegistryKeyPermissionCheck.ReadWriteSubTree)
            throw new ArgumentException("The specified RegistryKeyPermissionCheck value is invalid.", nameof(mode));
    }

    private static void ValidateKeyOptions(RegistryOptions options)
    {
        if (options < RegistryOptions.None || options > RegistryOptions.Volatile)
            throw new ArgumentException("The specified RegistryOptions value is invalid.", nameof(options));
    }

    private static void ValidateKeyView(RegistryView view)
    {
        if (view != RegistryView.Default && view != RegistryView.Registry32 && view != RegistryView.Registry64)
            throw new ArgumentException("The specified RegistryView value is invalid.", nameof(view));
    }

    private void ThrowWin32Error(int errorCode, string? str)
    {
        switch (errorCode)
        {
            case Win32Error.ERROR_ACCESS_DENIED:
                throw str is not null
                    ? new UnauthorizedAccessException($"Access to the registry key '{str}' is denied.")
                    : new UnauthorizedAccessException();
            case Win32Error.ERROR_INVALID_HANDLE:
                if (!IsPerfDataKey())
                    hkey = null;
                throw new IOException("The handle is invalid.", errorCode);
            case Win32Error.ERROR_FILE_NOT_FOUND:
                throw new IOException("The specified registry key does not exist.", errorCode);
            default:
                throw new IOException(Message(errorCode), errorCode);
        }
    }

    private static string Message(int errorCode) => errorCode switch
    {
        RegistryErrors.ERROR_KEY_DELETED => "Illegal operation attempted on a registry key that has been marked for deletion.",
        RegistryErrors.ERROR_BADKEY => "The configuration registry key is invalid.",
        Win32Error.ERROR_INVALID_PARAMETER => "The parameter is incorrect.",
        Win32Error.ERROR_BAD_PATHNAME => "The specified path is invalid.",
        _ => $"Unknown error (0x{errorCode:x})",
    };

    private bool IsSystemKey() => (state & StateFlags.SystemKey) != 0;

    private bool IsWritable() => (state & StateFlags.WriteAccess) != 0;

    private bool IsPerfDataKey() => (state & StateFlags.PerfData) != 0;

    [Flags]
    private enum StateFlags
    {
        Dirty = 0x0001,
        SystemKey = 0x0002,
        WriteAccess = 0x0004,
        PerfData = 0x0008,
    }
}
