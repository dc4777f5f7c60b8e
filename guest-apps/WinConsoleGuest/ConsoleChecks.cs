using static WinConsoleGuest.Native;
using static WinConsoleGuest.Program;

namespace WinConsoleGuest;

/// <summary>The console functions on redirected standard handles, the console code pages and the Ctrl handler list.</summary>
internal static unsafe class ConsoleChecks
{
    private static bool Handler(uint type) => true;
    private static bool Other(uint type) => false;

    public static void Run(bool wineDiffers)
    {
        var output = GetStdHandle(STD_OUTPUT_HANDLE);
        var input = GetStdHandle(STD_INPUT_HANDLE);
        Fact("GetConsoleMode(redirected stdout)", $"{GetConsoleMode(output, out _)} err={Err}");
        Fact("GetConsoleScreenBufferInfo(redirected stdout)", $"{GetConsoleScreenBufferInfo(output, out _)} err={Err}");
        Fact("GetConsoleScreenBufferInfo(NULL)", $"{GetConsoleScreenBufferInfo(IntPtr.Zero, out _)} err={Err}");
        var coloured = SetConsoleTextAttribute(output, 0x0C);
        Fact("SetConsoleTextAttribute(redirected stdout)", $"{coloured} err={Err}");
        if (coloured)
            SetConsoleTextAttribute(output, 0x07);   // run from a terminal: leave it as it was
        Fact("WriteConsoleW(redirected stdout)", $"{WriteConsoleW(output, "x\n", 2, out var written, IntPtr.Zero)} err={Err} written={written}");
        char* buffer = stackalloc char[8];
        Fact("ReadConsoleW(redirected stdin)", $"{ReadConsoleW(input, buffer, 8, out var read, IntPtr.Zero)} err={Err} read={read}");
        Fact("GetNumberOfConsoleInputEvents(redirected stdin)", $"{GetNumberOfConsoleInputEvents(input, out _)} err={Err}");
        Fact("GetNumberOfConsoleInputEvents(invalid)", $"{GetNumberOfConsoleInputEvents(new IntPtr(0x7777), out _)} err={Err}");

        if (wineDiffers)
            CodePages();
        CtrlHandlers();
    }

    private static void CodePages()
    {
        Fact("GetConsoleCP", GetConsoleCP());
        Fact("GetConsoleOutputCP", GetConsoleOutputCP());
        Fact("SetConsoleCP(65001)", $"{SetConsoleCP(65001)} err={Err}");
        Fact("GetConsoleCP after SetConsoleCP(65001)", GetConsoleCP());
        Fact("SetConsoleOutputCP(1252)", $"{SetConsoleOutputCP(1252)} err={Err}");
        Fact("GetConsoleOutputCP after SetConsoleOutputCP(1252)", GetConsoleOutputCP());
        Fact("SetConsoleCP(12345)", $"{SetConsoleCP(12345)} err={Err}");
        Fact("SetConsoleOutputCP(0)", $"{SetConsoleOutputCP(0)} err={Err}");
        Fact("GetConsoleCP after invalid", GetConsoleCP());
    }

    private static void CtrlHandlers()
    {
        Fact("SetConsoleCtrlHandler(NULL, TRUE)", $"{SetConsoleCtrlHandler(null, true)} err={Err}");
        Fact("SetConsoleCtrlHandler(NULL, FALSE)", $"{SetConsoleCtrlHandler(null, false)} err={Err}");
        ConsoleCtrlHandler handler = Handler, other = Other;
        Fact("SetConsoleCtrlHandler(add)", $"{SetConsoleCtrlHandler(handler, true)} err={Err}");
        Fact("SetConsoleCtrlHandler(remove)", $"{SetConsoleCtrlHandler(handler, false)} err={Err}");
        Fact("SetConsoleCtrlHandler(remove again)", $"{SetConsoleCtrlHandler(handler, false)} err={Err}");
        Fact("SetConsoleCtrlHandler(remove never added)", $"{SetConsoleCtrlHandler(other, false)} err={Err}");
        GC.KeepAlive(handler);
        GC.KeepAlive(other);
    }
}
