namespace ApiBridge.Core.Analysis;

/// <summary>Which platform's native API an import belongs to.</summary>
public enum PlatformFamily
{
    /// <summary>kernel32, kernelbase, advapi32 and the api-ms-win-* API sets.</summary>
    Windows,

    /// <summary>The C library: libc, libc.so.6, c.</summary>
    Posix,

    /// <summary>Any other native library (user32, sqlite, the runtime's own libSystem.Native …): not bridged.</summary>
    Other,
}
