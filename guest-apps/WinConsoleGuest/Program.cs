using System.Globalization;
using System.Runtime.InteropServices;

namespace WinConsoleGuest;

/// <summary>
/// WinConsoleGuest: kernel32's console and code-page functions, one deterministic line per fact. Its standard
/// streams are redirected when it is compared (pipes, not a console), so the console calls print their error path;
/// the code-page conversions print their bytes in hex, so the transcript is the same whatever the terminal's encoding.
/// Wine 8 departs from Windows in a few places, which are printed only with --wine-differs (the shims' conformance
/// tests check Windows' answer there): a Wine process started without a terminal has no console at all, so its
/// console code pages are 0 and cannot be set (ERROR_INVALID_ACCESS), where a Windows console program always has a
/// console (437, settable); Wine accepts MB_PRECOMPOSED, lpDefaultChar, lpUsedDefaultChar and WC_NO_BEST_FIT_CHARS with UTF-8 and
/// WC_ERR_INVALID_CHARS with other pages, which the documentation refuses (ERROR_INVALID_PARAMETER, ERROR_INVALID_FLAGS);
/// and Wine words GetCPInfoExW's names differently ("ANSI Latin 1" for Windows' "1252  (ANSI - Latin I)").
/// Not printed at all: invalid UTF-8 whose bad bytes Wine and the runtime's decoder group differently (ED A0 80, an
/// encoded surrogate: Wine gives two U+FFFD, the bridge three, one per byte as Unicode recommends; Windows unverified).
/// </summary>
internal static class Program
{
    internal static int Err => Marshal.GetLastWin32Error();

    internal static void Fact(string name, object? value) => Console.Out.Write($"{name}: {value}\n");

    private static int Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Contains("--wait-for-ctrl-c"))
            return CtrlCWait.Run();
        var wineDiffers = args.Contains("--wine-differs");
        Fact("WinConsoleGuest", "start");
        ConsoleChecks.Run(wineDiffers);
        CodePageChecks.Run(wineDiffers);
        ConversionChecks.Run(wineDiffers);
        Fact("WinConsoleGuest", "end");
        return 0;
    }
}
