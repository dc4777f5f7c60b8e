using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>kernel32's view of the guest's time zone (<see cref="Bridge.Clock"/>'s <c>LocalTimeZone</c>).</summary>
[ShimLibrary("kernel32", "time")]
public static unsafe class TimeZoneInformation
{
    /// <summary>
    /// DWORD GetTimeZoneInformation(LPTIME_ZONE_INFORMATION lpTimeZoneInformation) — TIME_ZONE_ID_UNKNOWN (0)
    /// for a zone without daylight saving time, else TIME_ZONE_ID_STANDARD (1) / TIME_ZONE_ID_DAYLIGHT (2) for the
    /// period in force now. NULL (a fault on Windows) gives TIME_ZONE_ID_INVALID with ERROR_NOACCESS.
    /// </summary>
    [ShimExport("GetTimeZoneInformation")]
    public static uint GetTimeZoneInformation(TIME_ZONE_INFORMATION* timeZoneInformation)
    {
        if (timeZoneInformation == null)
        {
            LastError.Set(Win32Error.ERROR_NOACCESS);
            return WindowsTimeZone.TIME_ZONE_ID_INVALID;
        }
        var clock = Bridge.Clock;
        var utcNow = clock.UtcNowFileTime;
        var now = utcNow is >= 0 and <= 2_650_467_743_999_999_999 ? DateTime.FromFileTimeUtc(utcNow) : DateTime.UtcNow;
        return WindowsTimeZone.Describe(clock.LocalTimeZone, now, out *timeZoneInformation);
    }
}
