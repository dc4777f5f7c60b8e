using System.Runtime.CompilerServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Native;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// kernel32's FILETIME / SYSTEMTIME / local time conversions. Success leaves the last error alone; a NULL
/// pointer (a fault on Windows) fails with ERROR_NOACCESS instead of crashing the guest.
/// </summary>
[ShimLibrary("kernel32", "time")]
public static unsafe class TimeConversion
{
    /// <summary>
    /// BOOL FileTimeToSystemTime(const FILETIME *lpFileTime, LPSYSTEMTIME lpSystemTime) — fills wDayOfWeek;
    /// a value with the top bit set fails with ERROR_INVALID_PARAMETER.
    /// </summary>
    /// <remarks>
    /// Takes managed pointers, not <c>FILETIME*</c>: a guest's <c>ref</c>/<c>out</c> declaration then passes its own
    /// byrefs with nothing pinned, and its adapter is inlined (issue 17: the pinned locals and the adapter's call were
    /// half of the bridge's cost here). A guest's pointer or <c>IntPtr</c> declaration passes its address as it is; a
    /// NULL one arrives as a null reference.
    /// </remarks>
    [ShimExport("FileTimeToSystemTime")]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FileTimeToSystemTime(ref readonly FILETIME fileTime, ref SYSTEMTIME systemTime)
    {
        if (Unsafe.IsNullRef(in fileTime) || Unsafe.IsNullRef(ref systemTime))
            return Fail(Win32Error.ERROR_NOACCESS);
        if (!WindowsCalendar.TryWriteSystemTime(FILETIME.Load(in fileTime), ref systemTime))
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        return 1;
    }

    /// <summary>
    /// BOOL SystemTimeToFileTime(const SYSTEMTIME *lpSystemTime, LPFILETIME lpFileTime) — ignores wDayOfWeek;
    /// any other field out of range (year before 1601, month 0 or 13, day past the month's end, hour 24,
    /// minute or second 60, milliseconds 1000) fails with ERROR_INVALID_PARAMETER and leaves the output alone.
    /// </summary>
    [ShimExport("SystemTimeToFileTime")]
    public static int SystemTimeToFileTime(SYSTEMTIME* systemTime, FILETIME* fileTime)
    {
        if (systemTime == null || fileTime == null)
            return Fail(Win32Error.ERROR_NOACCESS);
        if (!WindowsCalendar.TryToFileTime(*systemTime, out var value))
            return Fail(Win32Error.ERROR_INVALID_PARAMETER);
        FILETIME.Store(fileTime, value);
        return 1;
    }

    /// <summary>
    /// BOOL FileTimeToLocalFileTime(const FILETIME *lpFileTime, LPFILETIME lpLocalFileTime) — applies the bias in
    /// force now (standard or daylight), not the one of the converted date, as Windows documents.
    /// </summary>
    [ShimExport("FileTimeToLocalFileTime")]
    public static int FileTimeToLocalFileTime(FILETIME* fileTime, FILETIME* localFileTime)
    {
        if (fileTime == null || localFileTime == null)
            return Fail(Win32Error.ERROR_NOACCESS);
        var offset = LocalTime.CurrentOffsetTicks(Bridge.Clock);
        *localFileTime = FILETIME.FromValue(unchecked(fileTime->Value + (ulong)offset));
        return 1;
    }

    /// <summary>BOOL LocalFileTimeToFileTime(const FILETIME *lpLocalFileTime, LPFILETIME lpFileTime) — the inverse, with the current bias.</summary>
    [ShimExport("LocalFileTimeToFileTime")]
    public static int LocalFileTimeToFileTime(FILETIME* localFileTime, FILETIME* fileTime)
    {
        if (localFileTime == null || fileTime == null)
            return Fail(Win32Error.ERROR_NOACCESS);
        var offset = LocalTime.CurrentOffsetTicks(Bridge.Clock);
        *fileTime = FILETIME.FromValue(unchecked(localFileTime->Value - (ulong)offset));
        return 1;
    }

    // Out of line: the inlined success path stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Fail(int error)
    {
        LastError.Set(error);
        return 0;
    }
}
