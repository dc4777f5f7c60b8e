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

    /// <summary>Days from 1601-01-01 to 1970-01-01.</summary>
    private const long DaysFrom1601To1970 = 134_774;

    /// <summary>Days from 0000-03-01 (proleptic Gregorian) to 1601-01-01: 719,468 to 1970-01-01, less <see cref="DaysFrom1601To1970"/>.</summary>
    private const uint DaysFromMarch0To1601 = 584_694;

    /// <summary>Splits a FILETIME into calendar fields; false when it is above <see cref="MaxFileTime"/>.</summary>
    public static bool TryToSystemTime(ulong fileTime, out SYSTEMTIME result)
    {
        result = default;
        return TryWriteSystemTime(fileTime, ref result);
    }

    /// <summary>
    /// <see cref="TryToSystemTime"/> into the guest's SYSTEMTIME itself (FileTimeToSystemTime's hot path); nothing is
    /// written when it returns false. Inlined into the shim: a call of its own was a tenth of the shim's cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryWriteSystemTime(ulong fileTime, ref SYSTEMTIME destination)
    {
        if (fileTime > MaxFileTime)
            return false;
        var days = fileTime / TicksPerDay;
        // Below a day everything fits in 32 bits (86,400,000 ms), and so does the day count (10,675,199 at most), where
        // the JIT turns every division by a constant into a multiplication.
        var millisecondOfDay = (uint)((fileTime - days * TicksPerDay) / TicksPerMillisecond);
        CivilFromDays1601((uint)days, out var year, out var month, out var day);
        var dayOfWeek = ((uint)days + 1) % 7; // 1601-01-01 was a Monday
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
            ref var bytes = ref Unsafe.As<SYSTEMTIME, byte>(ref destination);
            Unsafe.WriteUnaligned(ref bytes, year | (ulong)month << 16 | (ulong)dayOfWeek << 32 | (ulong)day << 48);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, 8), hour | (ulong)minute << 16 | (ulong)second << 32 | (ulong)milliseconds << 48);
            return true;
        }
        destination.wYear = (ushort)year;
        destination.wMonth = (ushort)month;
        destination.wDayOfWeek = (ushort)dayOfWeek;
        destination.wDay = (ushort)day;
        destination.wHour = (ushort)hour;
        destination.wMinute = (ushort)minute;
        destination.wSecond = (ushort)second;
        destination.wMilliseconds = (ushort)milliseconds;
        return true;
    }

    /// <summary>
    /// The date <paramref name="days"/> after 1601-01-01, over FILETIME's whole range, in 32-bit arithmetic with
    /// divisions by constants only (no table, no branch but the January/February one). Counted from 0000-03-01, years
    /// start in March, so a leap day is the last day of its year; then 400 Gregorian years are exactly 146,097 days,
    /// four centuries of 36,524.25 on average, and four years within a century 1,461. Scaling the day count by 4 (and
    /// adding 3, so the last day of a period still rounds down into it) turns "which century" and "which year of the
    /// century" into one integer division each; the day of a March-based year gives its month through the 153-day
    /// five-month pattern of month lengths (31, 30, 31, 30, 31). Out parameters, not a tuple: the JIT left a tuple's
    /// constructor as a call on one of the two paths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CivilFromDays1601(uint days, out uint year, out uint month, out uint day)
    {
        var fromMarch0 = days + DaysFromMarch0To1601;
        var centuries4 = 4 * fromMarch0 + 3;
        // Remainders as x - q * d: the JIT computes x % d with a second multiplication of its own otherwise.
        var century = centuries4 / 146_097;
        var dayOfCentury = (centuries4 - century * 146_097) / 4;
        var years4 = 4 * dayOfCentury + 3;
        var yearOfCentury = years4 / 1461;
        var dayOfYear = (years4 - yearOfCentury * 1461) / 4; // 0 is March 1
        var months5 = 5 * dayOfYear + 2;
        var monthFromMarch = months5 / 153;
        day = (months5 - monthFromMarch * 153) / 5 + 1;
        // January and February end the March-based year: they belong to the next calendar year.
        var januaryOrFebruary = monthFromMarch >= 10 ? 1u : 0u;
        month = monthFromMarch + 3 - 12 * januaryOrFebruary;
        year = 100 * century + yearOfCentury + januaryOrFebruary;
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
}
