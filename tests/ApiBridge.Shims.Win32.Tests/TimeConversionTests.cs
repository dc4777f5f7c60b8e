using System.Runtime.CompilerServices;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>FileTimeToSystemTime / SystemTimeToFileTime: pure conversions, no Bridge services.</summary>
public sealed unsafe class TimeConversionTests
{
    private const ulong Jan2020 = 132223104000000000;

    private static SYSTEMTIME Of(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int ms = 0, int dow = 0) => new()
    {
        wYear = (ushort)year, wMonth = (ushort)month, wDay = (ushort)day, wDayOfWeek = (ushort)dow,
        wHour = (ushort)hour, wMinute = (ushort)minute, wSecond = (ushort)second, wMilliseconds = (ushort)ms,
    };

    private static SYSTEMTIME ToSystemTime(ulong value)
    {
        var ft = FILETIME.FromValue(value);
        var st = Of(1999, 9, 9);
        LastError.Set(1234);
        Assert.Equal(1, TimeConversion.FileTimeToSystemTime(in ft, ref st));
        Assert.Equal(1234, LastError.Value); // success leaves the last error alone
        return st;
    }

    private static void AssertFields(SYSTEMTIME st, int year, int month, int day, int dow, int hour = 0, int minute = 0, int second = 0, int ms = 0)
    {
        Assert.Equal((year, month, day, dow), (st.wYear, st.wMonth, st.wDay, st.wDayOfWeek));
        Assert.Equal((hour, minute, second, ms), (st.wHour, st.wMinute, st.wSecond, st.wMilliseconds));
    }

    [Fact]
    public void Jan2020IsAWednesday() => AssertFields(ToSystemTime(Jan2020), 2020, 1, 1, dow: 3);

    [Fact]
    public void ZeroIs1601Jan1AMonday() => AssertFields(ToSystemTime(0), 1601, 1, 1, dow: 1);

    [Fact]
    public void NewYear1980MatchesWineConstant() => AssertFields(ToSystemTime(0x01A8E79FE1D58000), 1980, 1, 1, dow: 2);

    [Fact]
    public void UnixEpochPlusOneSecond() => AssertFields(ToSystemTime(11_644_473_601UL * 10_000_000), 1970, 1, 1, dow: 4, second: 1);

    [Fact]
    public void SubMillisecondUnitsAreTruncated() =>
        AssertFields(ToSystemTime(Jan2020 + 2_500_000 + 9_999), 2020, 1, 1, dow: 3, ms: 250);

    [Fact]
    public void LargestFileTimeIsYear30828AsWineShowsIt() =>
        AssertFields(ToSystemTime(0x7FFFFFFFFFFFFFFF), 30828, 9, 14, dow: 4, hour: 2, minute: 48, second: 5, ms: 477);

    [Theory]
    [InlineData(0x8000000000000000UL)]
    [InlineData(0xFFFFFFFFFFFFFFFFUL)]
    public void FileTimeWithTopBitFailsWithInvalidParameter(ulong value)
    {
        var ft = FILETIME.FromValue(value);
        var st = Of(1999, 9, 9);
        LastError.Set(0);
        Assert.Equal(0, TimeConversion.FileTimeToSystemTime(in ft, ref st));
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, LastError.Value);
    }

    [Fact]
    public void AFailedConversionLeavesTheOutputAlone()
    {
        var ft = FILETIME.FromValue(0x8000000000000000UL);
        var st = Of(1999, 9, 9, 1, 2, 3, 4, dow: 4);
        Assert.Equal(0, TimeConversion.FileTimeToSystemTime(in ft, ref st));
        AssertFields(st, 1999, 9, 9, 4, 1, 2, 3, 4);
    }

    [Fact]
    public void EveryFieldAgreesWithDateTimeOverItsWholeRange()
    {
        // Seeded: the packed two-store write must put each WORD where SYSTEMTIME has it, for any date DateTime holds.
        var random = new Random(17);
        for (var i = 0; i < 20_000; i++)
        {
            var value = (ulong)random.NextInt64(0, DateTime.MaxValue.ToFileTimeUtc() + 1);
            var expected = DateTime.FromFileTimeUtc((long)value);
            AssertFields(ToSystemTime(value), expected.Year, expected.Month, expected.Day, (int)expected.DayOfWeek,
                expected.Hour, expected.Minute, expected.Second, expected.Millisecond);
        }
    }

    [Fact]
    public void EveryFieldRoundTripsOverFileTimesWholeRange()
    {
        // Past 9999 there is no DateTime to compare with: SystemTimeToFileTime's day count (another algorithm) must give
        // back the value to the millisecond, around every century and leap-day boundary as well as at random.
        var random = new Random(1601);
        var values = Enumerable.Range(0, 20_000).Select(_ => (ulong)random.NextInt64(0, long.MaxValue))
            .Concat(from year in new[] { 1601, 1700, 1800, 1900, 2000, 2100, 2400, 9999, 10000, 10400, 12000, 30000, 30827 }
                    from month in new[] { 1, 2, 3, 12 }
                    from day in new[] { 1, 28 }
                    select FileTimeOf(Of(year, month, day, 23, 59, 59, 999)));
        foreach (var value in values)
        {
            var st = ToSystemTime(value);
            FILETIME back;
            Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&st, &back));
            Assert.Equal(value - value % 10_000, back.Value);
        }
    }

    private static ulong FileTimeOf(SYSTEMTIME st)
    {
        FILETIME ft;
        Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&st, &ft));
        return ft.Value;
    }

    [Fact]
    public void FileTimesAtAFourByteBoundaryAreReadAndWrittenWhole()
    {
        // FILETIME is two DWORDs: inside a larger structure it may sit at an address that is not 8-byte aligned.
        var buffer = stackalloc uint[6];
        var unaligned = (FILETIME*)(buffer + 1);
        var st = Of(2020, 1, 1, 12, 30, 15, 250);
        Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&st, unaligned));
        const ulong expected = Jan2020 + 450_152_500_000; // 12:30:15.250
        Assert.Equal((unchecked((uint)expected), (uint)(expected >> 32)), (buffer[1], buffer[2]));
        Assert.Equal(0u, buffer[0]);
        Assert.Equal(0u, buffer[3]);
        var back = default(SYSTEMTIME);
        Assert.Equal(1, TimeConversion.FileTimeToSystemTime(in *unaligned, ref back));
        AssertFields(back, 2020, 1, 1, 3, 12, 30, 15, 250);
    }

    [Fact]
    public void SystemTimeToFileTimeOf2020()
    {
        var st = Of(2020, 1, 1);
        FILETIME ft;
        LastError.Set(1234);
        Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&st, &ft));
        Assert.Equal(Jan2020, ft.Value);
        Assert.Equal(1234, LastError.Value);
    }

    [Fact]
    public void MillisecondsAdd10000UnitsEach()
    {
        var st = Of(2020, 1, 1, ms: 250);
        FILETIME ft;
        Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&st, &ft));
        Assert.Equal(Jan2020 + 2_500_000, ft.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(9)]
    public void DayOfWeekIsIgnored(int dow)
    {
        var st = Of(2020, 1, 1, dow: dow);
        FILETIME ft;
        Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&st, &ft));
        Assert.Equal(Jan2020, ft.Value);
    }

    [Fact]
    public void LeapDayOfALeapYearIsAccepted()
    {
        var st = Of(2020, 2, 29);
        FILETIME ft;
        Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&st, &ft));
        Assert.Equal((ulong)new DateTime(2020, 2, 29, 0, 0, 0, DateTimeKind.Utc).ToFileTimeUtc(), ft.Value);
    }

    public static TheoryData<int, int, int, int, int, int, int> InvalidFields => new()
    {
        { 2020, 13, 1, 0, 0, 0, 0 },   // month 13
        { 2020, 0, 1, 0, 0, 0, 0 },    // month 0
        { 2020, 1, 32, 0, 0, 0, 0 },   // day 32
        { 2020, 1, 0, 0, 0, 0, 0 },    // day 0
        { 2023, 4, 31, 0, 0, 0, 0 },   // April has 30 days
        { 2019, 2, 29, 0, 0, 0, 0 },   // not a leap year (Wine 8.0 accepts it and rolls over to March 1; Windows rejects it)
        { 1900, 2, 29, 0, 0, 0, 0 },   // century, not a leap year
        { 2020, 1, 1, 24, 0, 0, 0 },   // hour 24
        { 2020, 1, 1, 0, 60, 0, 0 },   // minute 60
        { 2020, 1, 1, 0, 0, 60, 0 },   // second 60
        { 2020, 1, 1, 0, 0, 0, 1000 }, // milliseconds 1000
        { 1600, 12, 31, 23, 59, 59, 999 }, // before the epoch
        { 30828, 9, 14, 2, 48, 5, 478 },   // one millisecond past the largest FILETIME
        { 60056, 1, 1, 0, 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void InvalidFieldFailsWithInvalidParameterAndLeavesOutputAlone(int year, int month, int day, int hour, int minute, int second, int ms)
    {
        var st = Of(year, month, day, hour, minute, second, ms);
        var ft = FILETIME.FromValue(0x1122334455667788);
        LastError.Set(0);
        Assert.Equal(0, TimeConversion.SystemTimeToFileTime(&st, &ft));
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, LastError.Value);
        Assert.Equal(0x1122334455667788UL, ft.Value);
    }

    [Fact]
    public void EdgesOfTheRangeAreAccepted()
    {
        var first = Of(1601, 1, 1);
        var last = Of(30828, 9, 14, 2, 48, 5, 477);
        FILETIME ft;
        Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&first, &ft));
        Assert.Equal(0UL, ft.Value);
        Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&last, &ft));
        Assert.Equal(0x7FFFFFFFFFFFFFFFUL / 10_000 * 10_000, ft.Value);
    }

    [Fact]
    public void RoundTripsAgreeWithDateTimeAcrossItsRange()
    {
        var random = new Random(20200101);
        var maxTicks = DateTime.MaxValue.ToFileTimeUtc();
        for (var i = 0; i < 2000; i++)
        {
            var value = (ulong)(random.NextInt64(0, maxTicks) / 10_000 * 10_000); // whole milliseconds
            var expected = DateTime.FromFileTimeUtc((long)value);
            var st = ToSystemTime(value);
            Assert.Equal((expected.Year, expected.Month, expected.Day, (int)expected.DayOfWeek),
                (st.wYear, st.wMonth, st.wDay, st.wDayOfWeek));
            Assert.Equal((expected.Hour, expected.Minute, expected.Second, expected.Millisecond),
                (st.wHour, st.wMinute, st.wSecond, st.wMilliseconds));
            FILETIME back;
            Assert.Equal(1, TimeConversion.SystemTimeToFileTime(&st, &back));
            Assert.Equal(value, back.Value);
        }
    }

    [Fact]
    public void NullPointersFailWithNoAccessInsteadOfCrashing()
    {
        var ft = FILETIME.FromValue(Jan2020);
        var st = Of(2020, 1, 1);
        LastError.Set(0);
        Assert.Equal(0, TimeConversion.FileTimeToSystemTime(in Unsafe.NullRef<FILETIME>(), ref st));
        Assert.Equal(Win32Error.ERROR_NOACCESS, LastError.Value);
        LastError.Set(0);
        Assert.Equal(0, TimeConversion.FileTimeToSystemTime(in ft, ref Unsafe.NullRef<SYSTEMTIME>()));
        Assert.Equal(Win32Error.ERROR_NOACCESS, LastError.Value);
        LastError.Set(0);
        Assert.Equal(0, TimeConversion.SystemTimeToFileTime(&st, null));
        Assert.Equal(Win32Error.ERROR_NOACCESS, LastError.Value);
    }
}
