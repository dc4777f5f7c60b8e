using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Native;

/// <summary>
/// <c>SYSTEMTIME</c> (minwinbase.h), 16 bytes: eight WORDs. <c>wDayOfWeek</c> is 0 for Sunday.
/// In a time zone rule (<see cref="TIME_ZONE_INFORMATION"/>) <c>wYear</c> 0 means "every year" and
/// <c>wDay</c> is then the week of the month, 1..5, where 5 means the last one.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct SYSTEMTIME
{
    public ushort wYear;
    public ushort wMonth;
    public ushort wDayOfWeek;
    public ushort wDay;
    public ushort wHour;
    public ushort wMinute;
    public ushort wSecond;
    public ushort wMilliseconds;
}
