using ApiBridge.Shims.Win32.Registry.Storage;
using static ApiBridge.Shims.Win32.Registry.RegistryAccess;
using static ApiBridge.Shims.Win32.Registry.RegistryErrors;
using static ApiBridge.Shims.Win32.Win32Error;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>What RegQueryInfoKeyW reports.</summary>
internal readonly record struct RegistryKeyInfo(
    int SubKeys, int MaxSubKeyLength, int MaxClassLength, int Values, int MaxValueNameLength, int MaxValueLength,
    string? Class, long LastWriteTime);

/// <summary>
/// The registry operations with Win32 semantics (error codes, access rights, WOW64 views, the merged
/// HKEY_CLASSES_ROOT), shared by the advapi32 exports and the managed <see cref="RegistryKey"/> — as on Windows,
/// where the managed API is a layer over advapi32. Conventions from Microsoft's docs and Wine's
/// dlls/advapi32/tests/registry.c:
/// <list type="bullet">
/// <item>Names compare case-insensitively and keep the case they were created with; subkeys enumerate sorted,
/// values in creation order.</item>
/// <item>A subkey path may end with <c>\</c>; one starting with <c>\</c> is ERROR_BAD_PATHNAME; a component longer
/// than 255 characters cannot exist (open: ERROR_FILE_NOT_FOUND, create: ERROR_INVALID_PARAMETER).</item>
/// <item>Deleting a key that has subkeys is ERROR_ACCESS_DENIED; a predefined key cannot be deleted; calls on a handle
/// whose key was deleted answer ERROR_KEY_DELETED.</item>
/// <item>Each call checks the handle's rights: KEY_QUERY_VALUE to read values and key information,
/// KEY_SET_VALUE to set or delete values, KEY_ENUMERATE_SUB_KEYS to enumerate, KEY_CREATE_SUB_KEY to create a subkey.</item>
/// <item>KEY_WOW64_32KEY (RegistryView.Registry32) redirects HKLM\SOFTWARE\X to HKLM\SOFTWARE\WOW6432Node\X
/// (SOFTWARE\Classes is shared).</item>
/// <item>HKEY_CLASSES_ROOT\X is HKCU\Software\Classes\X when that exists, else HKLM\SOFTWARE\Classes\X (where new keys
/// go); its root lists the subkeys of both.</item>
/// </list>
/// </summary>
internal static class RegistryApi
{
    private static readonly string[] MachineClasses = { "SOFTWARE", "Classes" };
    private static readonly string[] UserClasses = { "Software", "Classes" };
    private static readonly string[] HardwareProfile = { "SYSTEM", "CurrentControlSet", "Hardware Profiles", "Current" };

    private static long Now => DateTime.UtcNow.ToFileTimeUtc();

    /// <summary>Splits a subkey path; null or empty is the key itself.</summary>
    public static int SplitPath(string? subKey, out string[] parts)
    {
        parts = Array.Empty<string>();
        if (string.IsNullOrEmpty(subKey))
            return ERROR_SUCCESS;
        if (subKey[0] == '\\')
            return ERROR_BAD_PATHNAME;
        parts = subKey.Split('\\', StringSplitOptions.RemoveEmptyEntries);
        return ERROR_SUCCESS;
    }

    private static bool HasLongComponent(string[] parts) => parts.Any(p => p.Length > RegistryLimits.MaxKeyNameLength);

    private static string[] Concat(string[] a, string[] b)
    {
        if (b.Length == 0) return a;
        if (a.Length == 0) return b;
        var result = new string[a.Length + b.Length];
        a.CopyTo(result, 0);
        b.CopyTo(result, a.Length);
        return result;
    }

    /// <summary>The WOW64 redirection of a path under HKLM for the 32-bit view.</summary>
    private static string[] Redirect32(string[] path)
    {
        if (path.Length < 2 || !path[0].Equals("SOFTWARE", StringComparison.OrdinalIgnoreCase)
            || path[1].Equals("Classes", StringComparison.OrdinalIgnoreCase) || path[1].Equals("WOW6432Node", StringComparison.OrdinalIgnoreCase))
            return path;
        var result = new string[path.Length + 1];
        result[0] = path[0];
        result[1] = "WOW6432Node";
        Array.Copy(path, 1, result, 2, path.Length - 1);
        return result;
    }

    /// <summary>
    /// Where a logical key lives: its hive file and path in it. False for the virtual keys (HKEY_USERS' root,
    /// HKEY_PERFORMANCE_DATA) and for HKEY_USERS children that are not loaded.
    /// </summary>
    private static bool Map(RegistryStore store, RegistryRoot root, string[] path, bool wow32, out RegistryHiveFile hive, out string[] physical)
    {
        hive = store.Machine;
        physical = path;
        switch (root)
        {
            case RegistryRoot.LocalMachine:
                physical = wow32 ? Redirect32(path) : path;
                return true;
            case RegistryRoot.CurrentUser:
                hive = store.User;
                return true;
            case RegistryRoot.CurrentConfig:
                physical = Concat(HardwareProfile, path);
                return true;
            case RegistryRoot.ClassesRoot:
            {
                var user = Concat(UserClasses, path);
                if (path.Length > 0 && Walk(store.ReadRoot(store.User), user) is not null)
                {
                    hive = store.User;
                    physical = user;
                }
                else
                    physical = Concat(MachineClasses, path);
                return true;
            }
            case RegistryRoot.Users when path.Length > 0:
                if (path[0].Equals(".Default", StringComparison.OrdinalIgnoreCase))
                    hive = store.UserDefault;
                else if (path[0].Equals(RegistryStore.UserSid, StringComparison.OrdinalIgnoreCase))
                    hive = store.User;
                else
                    return false;
                physical = path[1..];
                return true;
            default:
                return false;
        }
    }

    private static RegistryNode? Walk(RegistryNode root, string[] path)
    {
        var node = root;
        foreach (var part in path)
        {
            node = node.Child(part);
            if (node is null)
                return null;
        }
        return node;
    }

    /// <summary>The node of a logical key for reading, or null; <paramref name="isVirtual"/> for keys without a node.</summary>
    private static RegistryNode? Find(RegistryStore store, RegistryRoot root, string[] path, bool wow32, out bool isVirtual)
    {
        isVirtual = false;
        if (!Map(store, root, path, wow32, out var hive, out var physical))
        {
            isVirtual = (root == RegistryRoot.Users && path.Length == 0) || (root == RegistryRoot.PerformanceData && path.Length == 0);
            return null;
        }
        return Walk(store.ReadRoot(hive), physical);
    }

    /// <summary>Error for a handle whose own key is gone.</summary>
    private static int Gone(RegistryKeyHandle key) => key.Path.Length == 0 ? ERROR_FILE_NOT_FOUND : ERROR_KEY_DELETED;

    public static int Open(RegistryKeyHandle parent, string? subKey, uint sam, out RegistryKeyHandle? result)
    {
        result = null;
        var error = SplitPath(subKey, out var parts);
        if (error != 0)
            return error;
        if (HasLongComponent(parts))
            return ERROR_FILE_NOT_FOUND;
        var store = parent.Store;
        var wow32 = (sam & KEY_WOW64_32KEY) != 0 || ((sam & KEY_WOW64_64KEY) == 0 && parent.Wow32);
        var path = Concat(parent.Path, parts);
        lock (store.Gate)
        {
            if (Find(store, parent.Root, parent.Path, parent.Wow32, out var parentVirtual) is null && !parentVirtual)
                return Gone(parent);
            if (Find(store, parent.Root, path, wow32, out var isVirtual) is null && !isVirtual)
                return ERROR_FILE_NOT_FOUND;
        }
        result = new RegistryKeyHandle(store, parent.Root, path, Granted(sam), wow32);
        return ERROR_SUCCESS;
    }

    public static int Create(RegistryKeyHandle parent, string? subKey, string? keyClass, uint sam, out RegistryKeyHandle? result, out bool created)
    {
        result = null;
        created = false;
        if (subKey is null)
            return ERROR_BADKEY;
        var error = SplitPath(subKey, out var parts);
        if (error != 0)
            return error;
        if (HasLongComponent(parts))
            return ERROR_INVALID_PARAMETER;
        var store = parent.Store;
        var wow32 = (sam & KEY_WOW64_32KEY) != 0 || ((sam & KEY_WOW64_64KEY) == 0 && parent.Wow32);
        var path = Concat(parent.Path, parts);
        var madeNew = false;
        lock (store.Gate)
        {
            if (!Map(store, parent.Root, path, wow32, out var hive, out var physical))
            {
                var isVirtual = (parent.Root == RegistryRoot.Users && path.Length == 0) || parent.Root == RegistryRoot.PerformanceData;
                if (!isVirtual)
                    return ERROR_ACCESS_DENIED;
            }
            else
            {
                if (Find(store, parent.Root, parent.Path, parent.Wow32, out var parentVirtual) is null && !parentVirtual)
                    return Gone(parent);
                error = store.Write(hive, (root, log) =>
                {
                    var node = root;
                    var time = Now;
                    var changed = new List<RegistryNode>();
                    foreach (var part in physical)
                    {
                        var next = node.Child(part);
                        if (next is null)
                        {
                            if (!parent.Allows(KEY_CREATE_SUB_KEY))
                                return (ERROR_ACCESS_DENIED, false);
                            next = node.AddChild(part, time);
                            node.LastWriteTime = time;
                            if (changed.Count == 0)
                                changed.Add(node);
                            changed.Add(next);
                            madeNew = true;
                        }
                        node = next;
                    }
                    if (madeNew && keyClass is not null)
                        node.Class = keyClass;
                    foreach (var touched in changed)
                        log.Key(touched);
                    if (madeNew)
                        log.Class(node);
                    return (ERROR_SUCCESS, madeNew);
                });
                if (error != 0)
                    return error;
            }
        }
        created = madeNew;
        result = new RegistryKeyHandle(store, parent.Root, path, Granted(sam), wow32);
        return ERROR_SUCCESS;
    }

    /// <summary>Applies a change to the key (and its hive) a handle plus subkey path names.</summary>
    private static int Change(RegistryKeyHandle key, string[] parts, Func<RegistryNode, RegistryChangeLog, (int Error, bool Changed)> change, bool subKeyMissingIsNotFound = false)
    {
        var store = key.Store;
        var path = Concat(key.Path, parts);
        lock (store.Gate)
        {
            if (!Map(store, key.Root, path, key.Wow32, out var hive, out var physical))
            {
                if (parts.Length == 0 && ((key.Root == RegistryRoot.Users && path.Length == 0) || key.Root == RegistryRoot.PerformanceData))
                    return ERROR_ACCESS_DENIED;
                return subKeyMissingIsNotFound || parts.Length > 0 ? ERROR_FILE_NOT_FOUND : Gone(key);
            }
            return store.Write(hive, (root, log) =>
            {
                var node = Walk(root, physical);
                if (node is null)
                {
                    if (parts.Length > 0 && Walk(root, physical[..^parts.Length]) is null && !subKeyMissingIsNotFound)
                        return (Gone(key), false);
                    return (parts.Length > 0 || subKeyMissingIsNotFound ? ERROR_FILE_NOT_FOUND : Gone(key), false);
                }
                return change(node, log);
            });
        }
    }

    /// <summary>RegDeleteKeyExW: deletes a key without subkeys (the handle's own key when the path is empty).</summary>
    public static int DeleteKey(RegistryKeyHandle parent, string? subKey)
    {
        if (subKey is null)
            return ERROR_INVALID_PARAMETER;
        var error = SplitPath(subKey, out var parts);
        if (error != 0)
            return error;
        if (HasLongComponent(parts))
            return ERROR_FILE_NOT_FOUND;
        if (parent.Path.Length + parts.Length == 0 || (parent.Root == RegistryRoot.Users && parent.Path.Length + parts.Length == 1))
            return ERROR_ACCESS_DENIED;
        return Change(parent, parts, (node, log) =>
        {
            if (node.ChildCount > 0)
                return (ERROR_ACCESS_DENIED, false);
            var owner = node.Parent;
            log.DeleteKey(node);
            node.Detach();
            if (owner is not null)
            {
                owner.LastWriteTime = Now;
                log.Key(owner);
            }
            return (ERROR_SUCCESS, true);
        });
    }

    /// <summary>RegDeleteTreeW: with a subkey, deletes it and everything under it; without, empties the key (subkeys and values).</summary>
    public static int DeleteTree(RegistryKeyHandle parent, string? subKey)
    {
        var error = SplitPath(subKey, out var parts);
        if (error != 0)
            return error;
        if (HasLongComponent(parts))
            return ERROR_FILE_NOT_FOUND;
        var removeKey = parts.Length > 0;
        if (!removeKey && !parent.Allows(KEY_SET_VALUE | KEY_ENUMERATE_SUB_KEYS) && !parent.Allows(DELETE))
            return ERROR_ACCESS_DENIED;
        if (removeKey && parent.Root == RegistryRoot.Users && parent.Path.Length + parts.Length == 1)
            return ERROR_ACCESS_DENIED;
        return Change(parent, parts, (node, log) =>
        {
            var now = Now;
            if (removeKey)
            {
                var owner = node.Parent;
                log.DeleteKey(node);
                foreach (var child in node.SortedChildren)
                    child.Detach();
                node.Detach();
                if (owner is not null)
                {
                    owner.LastWriteTime = now;
                    log.Key(owner);
                }
            }
            else
            {
                foreach (var child in node.SortedChildren)
                    child.Detach();
                node.Values.Clear();
                node.LastWriteTime = now;
                log.Clear(node);
            }
            return (ERROR_SUCCESS, true);
        });
    }

    public static int SetValue(RegistryKeyHandle key, string? name, int type, byte[] data)
    {
        if (!key.Allows(KEY_SET_VALUE))
            return ERROR_ACCESS_DENIED;
        name ??= string.Empty;
        if (name.Length > RegistryLimits.MaxValueNameLength)
            return ERROR_INVALID_PARAMETER;
        return Change(key, Array.Empty<string>(), (node, log) =>
        {
            node.SetValue(name, type, data);
            node.LastWriteTime = Now;
            log.Value(node, node.Values[node.IndexOfValue(name)]);
            return (ERROR_SUCCESS, true);
        });
    }

    public static int DeleteValue(RegistryKeyHandle key, string? name)
    {
        if (!key.Allows(KEY_SET_VALUE))
            return ERROR_ACCESS_DENIED;
        name ??= string.Empty;
        return Change(key, Array.Empty<string>(), (node, log) =>
        {
            var index = node.IndexOfValue(name);
            if (index < 0)
                return (ERROR_FILE_NOT_FOUND, false);
            node.Values.RemoveAt(index);
            node.LastWriteTime = Now;
            log.DeletedValue(node, name);
            return (ERROR_SUCCESS, true);
        });
    }

    /// <summary>Runs <paramref name="read"/> on the handle's key (null for a virtual key) under the store's lock.</summary>
    private static int Read(RegistryKeyHandle key, uint right, Func<RegistryNode?, RegistryStore, int> read)
    {
        if (!key.Allows(right))
            return ERROR_ACCESS_DENIED;
        var store = key.Store;
        lock (store.Gate)
        {
            var node = Find(store, key.Root, key.Path, key.Wow32, out var isVirtual);
            if (node is null && !isVirtual)
                return Gone(key);
            return read(node, store);
        }
    }

    public static int QueryValue(RegistryKeyHandle key, string? name, out int type, out byte[] data)
    {
        int foundType = 0;
        byte[] foundData = Array.Empty<byte>();
        var error = Read(key, KEY_QUERY_VALUE, (node, _) =>
        {
            var value = node?.FindValue(name ?? string.Empty);
            if (value is null)
                return ERROR_FILE_NOT_FOUND;
            foundType = value.Type;
            foundData = value.Data;
            return ERROR_SUCCESS;
        });
        type = foundType;
        data = foundData;
        return error;
    }

    /// <summary>The subkeys as RegEnumKeyExW lists them (the virtual and merged roots included).</summary>
    private static IReadOnlyList<RegistryNode> Children(RegistryKeyHandle key, RegistryNode? node, RegistryStore store)
    {
        if (node is null)
        {
            if (key.Root != RegistryRoot.Users)
                return Array.Empty<RegistryNode>();
            return new[]
            {
                new RegistryNode(".Default", null) { LastWriteTime = store.ReadRoot(store.UserDefault).LastWriteTime },
                new RegistryNode(RegistryStore.UserSid, null) { LastWriteTime = store.ReadRoot(store.User).LastWriteTime },
            };
        }
        if (key.Root == RegistryRoot.ClassesRoot && key.Path.Length == 0
            && Walk(store.ReadRoot(store.User), UserClasses) is { ChildCount: > 0 } user)
        {
            var merged = new SortedDictionary<string, RegistryNode>(StringComparer.OrdinalIgnoreCase);
            foreach (var child in node.SortedChildren) merged[child.Name] = child;
            foreach (var child in user.SortedChildren) merged[child.Name] = child;
            return merged.Values.ToArray();
        }
        return node.SortedChildren;
    }

    public static int EnumKey(RegistryKeyHandle key, int index, out string name, out long lastWriteTime, out string? keyClass)
    {
        string found = string.Empty;
        long time = 0;
        string? cls = null;
        var error = Read(key, KEY_ENUMERATE_SUB_KEYS, (node, store) =>
        {
            var children = Children(key, node, store);
            if (index < 0 || index >= children.Count)
                return ERROR_NO_MORE_ITEMS;
            found = children[index].Name;
            time = children[index].LastWriteTime;
            cls = children[index].Class;
            return ERROR_SUCCESS;
        });
        name = found;
        lastWriteTime = time;
        keyClass = cls;
        return error;
    }

    public static int EnumValue(RegistryKeyHandle key, int index, out RegistryValue? value)
    {
        RegistryValue? found = null;
        var error = Read(key, KEY_QUERY_VALUE, (node, _) =>
        {
            if (node is null || index < 0 || index >= node.Values.Count)
                return ERROR_NO_MORE_ITEMS;
            found = node.Values[index];
            return ERROR_SUCCESS;
        });
        value = found;
        return error;
    }

    public static int QueryInfo(RegistryKeyHandle key, out RegistryKeyInfo info)
    {
        RegistryKeyInfo result = default;
        var error = Read(key, KEY_QUERY_VALUE, (node, store) =>
        {
            var children = Children(key, node, store);
            var values = node?.Values ?? new List<RegistryValue>();
            result = new RegistryKeyInfo(
                children.Count,
                children.Count == 0 ? 0 : children.Max(c => c.Name.Length),
                children.Count == 0 ? 0 : children.Max(c => c.Class?.Length ?? 0),
                values.Count,
                values.Count == 0 ? 0 : values.Max(v => v.Name.Length),
                values.Count == 0 ? 0 : values.Max(v => v.Data.Length),
                node?.Class,
                node?.LastWriteTime ?? 0);
            return ERROR_SUCCESS;
        });
        info = result;
        return error;
    }

    /// <summary>RegCloseKey / RegFlushKey's check: a live handle (changes are already on disk).</summary>
    public static int Validate(RegistryKeyHandle key) => ERROR_SUCCESS;
}
