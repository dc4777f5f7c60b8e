namespace ApiBridge.Shims.Win32.Registry;

/// <summary>Win32 error codes of the registry functions (winerror.h) not in <see cref="Win32Error"/>.</summary>
public static class RegistryErrors
{
    public const int ERROR_BADDB = 1009;
    public const int ERROR_BADKEY = 1010;
    public const int ERROR_CANTOPEN = 1011;
    public const int ERROR_CANTREAD = 1012;
    public const int ERROR_CANTWRITE = 1013;
    public const int ERROR_REGISTRY_CORRUPT = 1015;
    public const int ERROR_KEY_DELETED = 1018;
    public const int ERROR_CHILD_MUST_BE_VOLATILE = 1021;
    public const int ERROR_DATATYPE_MISMATCH = 1629;
    public const int ERROR_UNSUPPORTED_TYPE = 1630;
}
