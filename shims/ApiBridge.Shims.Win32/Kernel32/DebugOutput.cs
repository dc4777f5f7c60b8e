using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// OutputDebugStringW/A and Beep: calls that address a debugger or a speaker, neither of which a bridged process has.
/// OutputDebugString sends its text to an attached debugger and does nothing without one (Microsoft docs), which is
/// always the case here (the relay trace, <c>--trace +process</c>, shows the string). Beep is synchronous: it returns
/// TRUE once the tone's duration has passed, so a guest that paces itself with it keeps its timing; no sound is made
/// (Wine makes none either).
/// </summary>
[ShimLibrary("kernel32", "process")]
public static unsafe class DebugOutput
{
    /// <summary>void OutputDebugStringW(LPCWSTR lpOutputString)</summary>
    [ShimExport("OutputDebugStringW")]
    public static void OutputDebugStringW(char* text)
    {
    }

    /// <summary>void OutputDebugStringA(LPCSTR lpOutputString)</summary>
    [ShimExport("OutputDebugStringA")]
    public static void OutputDebugStringA(byte* text)
    {
    }

    /// <summary>BOOL Beep(DWORD dwFreq, DWORD dwDuration)</summary>
    [ShimExport("Beep")]
    public static int Beep(uint frequency, uint duration)
    {
        Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(duration, int.MaxValue)));
        return 1;
    }
}
