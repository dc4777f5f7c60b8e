using ApiBridge.Shims.Win32.Registry.Storage;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>The predefined keys, numbered like HKEY_CLASSES_ROOT (0x80000000) … HKEY_CURRENT_CONFIG (0x80000005).</summary>
internal enum RegistryRoot
{
    ClassesRoot = 0,
    CurrentUser = 1,
    LocalMachine = 2,
    Users = 3,
    PerformanceData = 4,
    CurrentConfig = 5,
}

/// <summary>
/// An open key, what an HKEY stands for (kept in <c>Bridge.Handles</c> for advapi32 guests, inside a
/// <see cref="RegistryKey"/> for managed ones): a predefined root, the path below it as the caller spelled it, the
/// access granted and the WOW64 view. The path is resolved on each call so that changes made by other processes
/// (which replace the in-memory tree) are seen.
/// </summary>
internal sealed class RegistryKeyHandle
{
    private readonly RegistryStore? store;

    public RegistryKeyHandle(RegistryStore? store, RegistryRoot root, string[] path, uint access, bool wow32)
    {
        this.store = store;
        Root = root;
        Path = path;
        Access = access;
        Wow32 = wow32;
    }

    /// <summary>A predefined key: full access, bound to whichever store is current at each call.</summary>
    public static RegistryKeyHandle Predefined(RegistryRoot root, bool wow32 = false) =>
        new(null, root, Array.Empty<string>(), RegistryAccess.KEY_ALL_ACCESS, wow32);

    public RegistryStore Store => store ?? RegistryStore.Current;

    public RegistryRoot Root { get; }

    public string[] Path { get; }

    public uint Access { get; }

    public bool Wow32 { get; }

    public bool IsPredefined => store is null && Path.Length == 0;

    public bool Allows(uint right) => (Access & right) == right;
}

/// <summary>REGSAM bits (winnt.h).</summary>
internal static class RegistryAccess
{
    public const uint KEY_QUERY_VALUE = 0x0001;
    public const uint KEY_SET_VALUE = 0x0002;
    public const uint KEY_CREATE_SUB_KEY = 0x0004;
    public const uint KEY_ENUMERATE_SUB_KEYS = 0x0008;
    public const uint KEY_NOTIFY = 0x0010;
    public const uint KEY_CREATE_LINK = 0x0020;
    public const uint KEY_WOW64_64KEY = 0x0100;
    public const uint KEY_WOW64_32KEY = 0x0200;
    public const uint DELETE = 0x00010000;
    public const uint READ_CONTROL = 0x00020000;
    public const uint WRITE_DAC = 0x00040000;
    public const uint WRITE_OWNER = 0x00080000;
    public const uint KEY_READ = 0x20019;
    public const uint KEY_WRITE = 0x20006;
    public const uint KEY_ALL_ACCESS = 0xF003F;
    public const uint MAXIMUM_ALLOWED = 0x02000000;
    public const uint GENERIC_ALL = 0x10000000;
    public const uint GENERIC_EXECUTE = 0x20000000;
    public const uint GENERIC_WRITE = 0x40000000;
    public const uint GENERIC_READ = 0x80000000;

    /// <summary>The rights a REGSAM grants (generic rights mapped as for keys; MAXIMUM_ALLOWED = all, the user owns the prefix).</summary>
    public static uint Granted(uint sam)
    {
        var rights = sam & (KEY_ALL_ACCESS | WRITE_DAC | WRITE_OWNER);
        if ((sam & (MAXIMUM_ALLOWED | GENERIC_ALL)) != 0) rights |= KEY_ALL_ACCESS;
        if ((sam & (GENERIC_READ | GENERIC_EXECUTE)) != 0) rights |= KEY_READ;
        if ((sam & GENERIC_WRITE) != 0) rights |= KEY_WRITE;
        return rights;
    }
}
