using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary>
/// <c>FILETIME</c> (minwinbase.h), 8 bytes: two DWORDs, so only 4-byte aligned (never read it as one
/// aligned 64-bit field of a larger structure). It counts 100 ns intervals since 1601-01-01 UTC.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct FILETIME
{
    public uint dwLowDateTime;
    public uint dwHighDateTime;

    /// <summary>The 64-bit value.</summary>
    public ulong Value
    {
        readonly get => ((ulong)dwHighDateTime << 32) | dwLowDateTime;
        set
        {
            dwLowDateTime = (uint)value;
            dwHighDateTime = (uint)(value >> 32);
        }
    }

    public static FILETIME FromValue(ulong value) => new() { dwLowDateTime = (uint)value, dwHighDateTime = (uint)(value >> 32) };
}
