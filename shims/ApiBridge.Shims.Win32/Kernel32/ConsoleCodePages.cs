using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetConsoleCP / SetConsoleCP / GetConsoleOutputCP / SetConsoleOutputCP: the console's input and output code pages,
/// kept per process. A console starts with the OEM code page for both (437), as Windows' and Wine's consoles do.
/// A bridged process always has its console, even with its streams redirected, as a Windows console program does; so
/// the values here do not depend on the handles. (Wine started from a shell without a terminal gives a process no
/// console: there GetConsoleCP answers 0 and SetConsoleCP fails with ERROR_INVALID_ACCESS.) A code page that is not
/// valid (IsValidCodePage), including the CP_ACP/CP_OEMCP aliases, is ERROR_INVALID_PARAMETER and changes nothing.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static class ConsoleCodePages
{
    private static int input = (int)Text.CodePageTable.Oem;
    private static int output = (int)Text.CodePageTable.Oem;

    /// <summary>UINT GetConsoleCP(void)</summary>
    [ShimExport("GetConsoleCP")]
    public static uint GetConsoleCP() => (uint)Volatile.Read(ref input);

    /// <summary>UINT GetConsoleOutputCP(void)</summary>
    [ShimExport("GetConsoleOutputCP")]
    public static uint GetConsoleOutputCP() => (uint)Volatile.Read(ref output);

    /// <summary>BOOL SetConsoleCP(UINT wCodePageID)</summary>
    [ShimExport("SetConsoleCP")]
    public static int SetConsoleCP(uint codePage) => Set(ref input, codePage);

    /// <summary>BOOL SetConsoleOutputCP(UINT wCodePageID)</summary>
    [ShimExport("SetConsoleOutputCP")]
    public static int SetConsoleOutputCP(uint codePage) => Set(ref output, codePage);

    private static int Set(ref int page, uint codePage)
    {
        if (CodePages.IsValidCodePage(codePage) == 0)
            return FileShim.Fail(Win32Error.ERROR_INVALID_PARAMETER);
        Volatile.Write(ref page, (int)codePage);
        return 1;
    }
}
