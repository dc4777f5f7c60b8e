using System.Runtime.CompilerServices;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// FILETIME ↔ SYSTEMTIME arithmetic on the proleptic Gregorian calendar, over FILETIME's whole range
/// (1601-01-01 up to 30828-09-14 02:48:05.4775807), which <see cref="DateTime"/> (ends at 9999) cannot cover.
/// Allocation-free; what RtlTimeToTimeFields / RtlTimeFieldsToTime do in ntdll.
/// </summary>
public static class WindowsCalendar
{
    public const long TicksPerMillisecond = 10_000;
    public const long TicksPerSecond = 10_000_000;
    public const long TicksPerMinute = 60 * TicksPerSecond;
    public const long TicksPerDay = 86_400 * TicksPerSecond;

    /// <summary>Largest FILETIME the conversions accept (the top bit must be clear).</summary>
    public const ulong MaxFileTime = long.MaxValue;

    /// <summary>DateTime ticks of 1601-01-01 (FILETIME 0).</summary>
    private const long FileTimeEpochTicks = 504_911_232_000_000_000;

    /// <summary>The last FILETIME a <see cref="DateTime"/> can hold (9999-12-31 23:59:59.9999999).</summary>
    private const long MaxDateTimeFileTime = 3_155_378_975_999_999_999 - FileTimeEpochTicks;

    /// <summary>Days from 1601-01-01 to 1970-01-01.</summary>
    private const long DaysFrom1601To1970 = 134_774;

    /// <summary>Splits a FILETIME into calendar fields; false when it is above <see cref="MaxFileTime"/>.</summary>
    public static unsafe bool TryToSystemTime(ulong fileTime, out SYSTEMTIME result)
    {
        Unsafe.SkipInit(out result);
        fixed (SYSTEMTIME* destination = &result)
        {
            if (TryWriteSystemTime(fileTime, destination))
                return true;
        }
        result = default;
        return false;
    }

    /// <summary>
    /// <see cref="TryToSystemTime"/> into the guest's SYSTEMTIME itself (FileTimeToSystemTime's hot path); nothing is
    /// written when it returns false.
    /// </summary>
    public static unsafe bool TryWriteSystemTime(ulong fileTime, SYSTEMTIME* destination)
    {
        if (fileTime > MaxFileTime)
            return false;
        var days = fileTime / TicksPerDay;
        // Below a day everything fits in 32 bits (86,400,000 ms), where division is cheaper than on 64.
        var millisecondOfDay = (uint)((fileTime - days * TicksPerDay) / TicksPerMillisecond);
        uint year, month, day;
        if (fileTime <= MaxDateTimeFileTime)
        {
            // DateTime's own date split is the fastest there is; it covers every FILETIME up to year 9999.
            new DateTime((long)fileTime + FileTimeEpochTicks, DateTimeKind.Utc).Deconstruct(out var y, out var m, out var d);
            (year, month, day) = ((uint)y, (uint)m, (uint)d);
        }
        else
        {
            CivilFromDays((long)days - DaysFrom1601To1970, out var y, out var m, out var d);
            (year, month, day) = ((uint)y, (uint)m, (uint)d);
        }
        var dayOfWeek = (uint)((days + 1) % 7); // 1601-01-01 was a Monday
        var hour = millisecondOfDay / 3_600_000;
        var rest = millisecondOfDay - hour * 3_600_000;
        var minute = rest / 60_000;
        rest -= minute * 60_000;
        var second = rest / 1000;
        var milliseconds = rest - second * 1000;
        if (BitConverter.IsLittleEndian)
        {
            // Two 8-byte stores of the eight WORDs in their order (year, month, day of week, day; hour, minute,
            // second, milliseconds): a field at a time, or a struct built and copied, costs about a tenth more.
            Unsafe.WriteUnaligned(destination, year | (ulong)month << 16 | (ulong)dayOfWeek << 32 | (ulong)day << 48);
            Unsafe.WriteUnaligned((byte*)destination + 8, hour | (ulong)minute << 16 | (ulong)second << 32 | (ulong)milliseconds << 48);
            return true;
        }
        destination->wYear = (ushort)year;
        destination->wMonth = (ushort)month;
        destination->wDayOfWeek = (ushort)dayOfWeek;
        destination->wDay = (ushort)day;
        destination->wHour = (ushort)hour;
        destination->wMinute = (ushort)minute;
        destination->wSecond = (ushort)second;
        destination->wMilliseconds = (ushort)milliseconds;
        return true;
    }

    /// <summary>
    /// Joins calendar fields into a FILETIME; false when a field is out of range (month 1..12, day within the
    /// month, hour &lt; 24, minute and second &lt; 60, milliseconds &lt; 1000, year from 1601) or the result does not
    /// fit in <see cref="MaxFileTime"/>. <c>wDayOfWeek</c> is ignored, as Windows ignores it.
    /// </summary>
    public static bool TryToFileTime(in SYSTEMTIME time, out ulong fileTime)
    {
        fileTime = 0;
        if (time.wYear < 1601 || time.wMonth is < 1 or > 12 || time.wDay < 1 || time.wDay > DaysInMonth(time.wYear, time.wMonth)
            || time.wHour > 23 || time.wMinute > 59 || time.wSecond > 59 || time.wMilliseconds > 999)
            return false;
        var days = DaysFromCivil(time.wYear, time.wMonth, time.wDay) + DaysFrom1601To1970;
        // Years up to 65535 keep days * TicksPerDay well inside Int128; check the range before narrowing.
        var ticks = (Int128)days * TicksPerDay
            + (Int128)time.wHour * 3600 * TicksPerSecond
            + (Int128)time.wMinute * TicksPerMinute
            + (Int128)time.wSecond * TicksPerSecond
            + (Int128)time.wMilliseconds * TicksPerMillisecond;
        if (ticks > (Int128)MaxFileTime)
            return false;
        fileTime = (ulong)ticks;
        return true;
    }

    public static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    public static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    public static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /// <summary>The date of a day count since 1970-01-01 (H. Hinnant's civil_from_days).</summary>
    public static void CivilFromDays(long days, out long year, out int month, out int day)
    {
        days += 719_468;
        var era = (days >= 0 ? days : days - 146_096) / 146_097;
        var dayOfEra = days - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var monthIndex = (5 * dayOfYear + 2) / 153;
        day = (int)(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    }
}
