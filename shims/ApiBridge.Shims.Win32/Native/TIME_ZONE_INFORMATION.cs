using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary>
/// <c>TIME_ZONE_INFORMATION</c> (timezoneapi.h), 172 bytes. Biases are in minutes with
/// UTC = local time + bias (so UTC+1 has <c>Bias</c> -60). <c>StandardDate</c> / <c>DaylightDate</c> are the
/// transition rules (all zero when the zone has no daylight saving time); names are NUL-terminated, at
/// most 31 characters.
/// </summary>
[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
public unsafe struct TIME_ZONE_INFORMATION
{
    public int Bias;
    public fixed char StandardName[32];
    public SYSTEMTIME StandardDate;
    public int StandardBias;
    public fixed char DaylightName[32];
    public SYSTEMTIME DaylightDate;
    public int DaylightBias;
}
