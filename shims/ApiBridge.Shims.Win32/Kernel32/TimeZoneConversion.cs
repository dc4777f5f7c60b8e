using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetDynamicTimeZoneInformation, TzSpecificLocalTimeToSystemTime, QueryUnbiasedInterruptTime and SetLocalTime. The
/// guest's zone is <see cref="Bridge.Clock"/>'s; its key name is the Windows id of the host's IANA zone where .NET
/// knows one. SetLocalTime changes a system-wide clock, which needs SeSystemtimePrivilege that a guest is never
/// given: a valid time is refused with ERROR_PRIVILEGE_NOT_HELD, as Windows refuses an ordinary user (and Wine on an
/// ordinary Linux account).
/// </summary>
[ShimLibrary("kernel32", "time")]
public static unsafe class TimeZoneConversion
{
    public const int ERROR_PRIVILEGE_NOT_HELD = 1314;

    /// <summary>DYNAMIC_TIME_ZONE_INFORMATION: TIME_ZONE_INFORMATION, WCHAR TimeZoneKeyName[128], BOOLEAN DynamicDaylightTimeDisabled.</summary>
    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    public struct DYNAMIC_TIME_ZONE_INFORMATION
    {
        public TIME_ZONE_INFORMATION Zone;
        public fixed char TimeZoneKeyName[128];
        public byte DynamicDaylightTimeDisabled;
    }

    /// <summary>
    /// DWORD GetDynamicTimeZoneInformation(PDYNAMIC_TIME_ZONE_INFORMATION pTimeZoneInformation) — what
    /// GetTimeZoneInformation returns, plus the zone's key name (e.g. "W. Europe Standard Time").
    /// </summary>
    [ShimExport("GetDynamicTimeZoneInformation")]
    public static uint GetDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION* information)
    {
        if (information == null)
        {
            LastError.Set(Win32Error.ERROR_NOACCESS);
            return WindowsTimeZone.TIME_ZONE_ID_INVALID;
        }
        *information = default;
        var result = TimeZoneInformation.GetTimeZoneInformation(&information->Zone);
        var zone = Bridge.Clock.LocalTimeZone;
        var key = zone.HasIanaId && TimeZoneInfo.TryConvertIanaIdToWindowsId(zone.Id, out var windowsId) ? windowsId
            : zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.StandardName;
        key = key.Length > 127 ? key[..127] : key;
        key.AsSpan().CopyTo(new Span<char>(information->TimeZoneKeyName, 128));
        return result;
    }

    /// <summary>
    /// BOOL TzSpecificLocalTimeToSystemTime(const TIME_ZONE_INFORMATION *lpTimeZoneInformation, const SYSTEMTIME
    /// *lpLocalTime, LPSYSTEMTIME lpUniversalTime) — NULL zone: the guest's own, with its historical rules; a given
    /// zone: its bias and yearly rule. An invalid local time or rule: ERROR_INVALID_PARAMETER.
    /// </summary>
    [ShimExport("TzSpecificLocalTimeToSystemTime")]
    public static int TzSpecificLocalTimeToSystemTime(TIME_ZONE_INFORMATION* zone, SYSTEMTIME* localTime, SYSTEMTIME* universalTime)
    {
        if (localTime == null || universalTime == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        if (!WindowsCalendar.TryToFileTime(*localTime, out var localFileTime) || localTime->wYear < 1601)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var local = DateTime.FromFileTimeUtc((long)localFileTime);
        long utcTicks;
        if (zone == null)
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            utcTicks = (unspecified - Bridge.Clock.LocalTimeZone.GetUtcOffset(unspecified)).Ticks;
        }
        else
        {
            if (!TimeZoneRules.TryBiasAt(*zone, local, out var bias))
                return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
            utcTicks = local.Ticks + bias * TimeSpan.TicksPerMinute;
        }
        var fileTime = utcTicks - DateTime.FromFileTimeUtc(0).Ticks;
        if (fileTime < 0 || !WindowsCalendar.TryToSystemTime((ulong)fileTime, out *universalTime))
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        return 1;
    }

    /// <summary>
    /// BOOL QueryUnbiasedInterruptTime(PULONGLONG UnbiasedTime) — 100 ns units since the host started, not counting
    /// time asleep (the host's monotonic clock, which QueryPerformanceCounter also reads).
    /// </summary>
    [ShimExport("QueryUnbiasedInterruptTime")]
    public static int QueryUnbiasedInterruptTime(ulong* unbiasedTime)
    {
        if (unbiasedTime == null)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        var clock = Bridge.Clock;
        *unbiasedTime = (ulong)(clock.MonotonicTimestamp * (Int128)10_000_000 / clock.MonotonicFrequency);
        return 1;
    }

    /// <summary>BOOL SetLocalTime(const SYSTEMTIME *lpSystemTime) — an invalid time: ERROR_INVALID_PARAMETER; else ERROR_PRIVILEGE_NOT_HELD.</summary>
    [ShimExport("SetLocalTime", Refuses = "a guest never holds SeSystemtimePrivilege: ERROR_PRIVILEGE_NOT_HELD")]
    public static int SetLocalTime(SYSTEMTIME* systemTime)
    {
        if (systemTime == null)
            return FileShim.Fail(Win32Error.ERROR_NOACCESS);
        if (!WindowsCalendar.TryToFileTime(*systemTime, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        return FileShim.Fail(ERROR_PRIVILEGE_NOT_HELD);
    }
}
