using System.Globalization;
using System.Runtime.InteropServices;

namespace WinConsoleGuest;

/// <summary>
/// WinConsoleGuest: kernel32's console and code-page functions, one deterministic line per fact. Its standard
/// streams are redirected when it is compared (pipes, not a console), so the console calls print their error path;
/// the code-page conversions print their bytes in hex, so the transcript is the same whatever the terminal's encoding.
/// </summary>
internal static class Program
{
    internal static int Err => Marshal.GetLastWin32Error();

    internal static void Fact(string name, object? value) => Console.Out.Write($"{name}: {value}\n");

    private static int Main()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Fact("WinConsoleGuest", "start");
        ConsoleChecks.Run();
        CodePageChecks.Run();
        ConversionChecks.Run();
        Fact("WinConsoleGuest", "end");
        return 0;
    }
}
