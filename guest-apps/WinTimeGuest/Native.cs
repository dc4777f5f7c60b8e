using System.Runtime.InteropServices;
using System.Text;

namespace WinTimeGuest;

// The Win32 structures, declared the way Windows code usually does.

[StructLayout(LayoutKind.Sequential)]
internal struct SYSTEMTIME
{
    public ushort wYear;
    public ushort wMonth;
    public ushort wDayOfWeek;
    public ushort wDay;
    public ushort wHour;
    public ushort wMinute;
    public ushort wSecond;
    public ushort wMilliseconds;

    public static SYSTEMTIME Of(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int ms = 0) => new()
    {
        wYear = (ushort)year, wMonth = (ushort)month, wDay = (ushort)day,
        wHour = (ushort)hour, wMinute = (ushort)minute, wSecond = (ushort)second, wMilliseconds = (ushort)ms,
    };

    public override readonly string ToString() =>
        $"{wYear:D4}-{wMonth:D2}-{wDay:D2} {wHour:D2}:{wMinute:D2}:{wSecond:D2}.{wMilliseconds:D3} dow={wDayOfWeek}";

    public readonly DateTime ToDateTime(DateTimeKind kind) =>
        new(wYear, wMonth, wDay, wHour, wMinute, wSecond, wMilliseconds, kind);
}

[StructLayout(LayoutKind.Sequential)]
internal struct FILETIME
{
    public uint dwLowDateTime;
    public uint dwHighDateTime;

    public readonly long Value => (long)(((ulong)dwHighDateTime << 32) | dwLowDateTime);

    public static FILETIME From(long value) => new() { dwLowDateTime = (uint)value, dwHighDateTime = (uint)((ulong)value >> 32) };
}

// Not blittable: the names are inline WCHAR[32] marshalled as strings.
[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
internal struct TIME_ZONE_INFORMATION
{
    public int Bias;
    [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 32)] public string StandardName;
    public SYSTEMTIME StandardDate;
    public int StandardBias;
    [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 32)] public string DaylightName;
    public SYSTEMTIME DaylightDate;
    public int DaylightBias;
}

/// <summary>kernel32 imports, deliberately in mixed declaration styles.</summary>
internal static unsafe partial class Native
{
    public const int ERROR_INVALID_PARAMETER = 87;
    public const int ERROR_ENVVAR_NOT_FOUND = 203;

    // ---- time ----
    [DllImport("kernel32.dll")]
    public static extern uint GetTickCount();

    [DllImport("kernel32")]
    public static extern ulong GetTickCount64();

    [DllImport("KERNEL32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool QueryPerformanceCounter(out long count);

    // BOOL as int, out-param as a pointer.
    [DllImport("kernel32.dll", ExactSpelling = true)]
    public static extern int QueryPerformanceFrequency(long* frequency);

    // FILETIME as a plain long.
    [DllImport("kernel32.dll")]
    public static extern void GetSystemTimeAsFileTime(out long fileTime);

    // Renamed with EntryPoint, FILETIME as a struct.
    [DllImport("kernel32.dll", EntryPoint = "GetSystemTimePreciseAsFileTime")]
    public static extern void PreciseSystemTime(out FILETIME fileTime);

    [DllImport("kernel32.dll")]
    public static extern void GetSystemTime(out SYSTEMTIME systemTime);

    // SYSTEMTIME by pointer.
    [DllImport("kernel32", ExactSpelling = true)]
    public static extern void GetLocalTime(SYSTEMTIME* systemTime);

    // BOOL as bool with default marshalling; FILETIME as ref long.
    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern bool FileTimeToSystemTime(ref long fileTime, out SYSTEMTIME systemTime);

    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool SystemTimeToFileTime([In] ref SYSTEMTIME systemTime, out FILETIME fileTime);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern int FileTimeToLocalFileTime(in FILETIME fileTime, FILETIME* localFileTime);

    [DllImport("KERNEL32.dll", SetLastError = true)]
    public static extern bool LocalFileTimeToFileTime(ref long localFileTime, out long fileTime);

    [DllImport("kernel32.dll", SetLastError = true)]
    public static extern uint GetTimeZoneInformation(out TIME_ZONE_INFORMATION timeZoneInformation);

    [DllImport("kernel32.dll")]
    public static extern void Sleep(uint milliseconds);

    [DllImport("kernel32")]
    public static extern uint SleepEx(uint milliseconds, bool alertable);

    // ---- process ----
    [DllImport("kernel32.dll")]
    public static extern uint GetCurrentProcessId();

    [LibraryImport("kernel32.dll")]
    public static partial uint GetCurrentThreadId();

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
    public static extern char* GetCommandLineW();

    [DllImport("kernel32.dll")]
    public static extern void ExitProcess(uint exitCode);

    // ---- last error ----
    [DllImport("kernel32.dll")]
    public static extern uint GetLastError();

    [DllImport("kernel32.dll")]
    public static extern void SetLastError(uint errorCode);

    // Same export, but the runtime captures the error it leaves behind.
    [DllImport("kernel32.dll", EntryPoint = "SetLastError", SetLastError = true)]
    public static extern void SetLastErrorCaptured(uint errorCode);

    // ---- environment ----
    // CharSet.Unicode without the W suffix: the runtime resolves GetEnvironmentVariableW.
    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    public static extern uint GetEnvironmentVariable(string name, StringBuilder? buffer, uint size);

    [DllImport("kernel32.dll", ExactSpelling = true, CharSet = CharSet.Unicode, SetLastError = true)]
    public static extern uint GetEnvironmentVariableW([MarshalAs(UnmanagedType.LPWStr)] string name, char* buffer, uint size);

    // Default charset (Ansi) with an explicit A name.
    [DllImport("kernel32", SetLastError = true)]
    public static extern uint GetEnvironmentVariableA(string name, StringBuilder? buffer, uint size);

    [DllImport("kernel32.dll", CharSet = CharSet.Ansi, SetLastError = true)]
    public static extern bool SetEnvironmentVariableA(string name, string? value);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true, EntryPoint = "SetEnvironmentVariableW")]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool SetEnvVarW(string name, [MarshalAs(UnmanagedType.LPWStr)] string? value);

    // Source-generated P/Invokes.
    [LibraryImport("kernel32.dll", EntryPoint = "SetEnvironmentVariableW", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool SetEnvironmentVariableW(string name, string? value);

    [LibraryImport("kernel32.dll", EntryPoint = "GetEnvironmentVariableW", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]
    public static partial uint GetEnvVarGenerated(string name, char* buffer, uint size);
}
