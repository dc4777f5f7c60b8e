using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>
/// GetConsoleMode / SetConsoleMode: a terminal is a console with Windows' default modes and keeps what is set; a file,
/// NUL, or a redirected standard handle is not one (FALSE, ERROR_INVALID_HANDLE), as Windows and Wine answer.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class ConsoleModeTests : FileSystemTest
{
    private const uint ENABLE_VIRTUAL_TERMINAL_PROCESSING = 4;

    [Fact]
    public void A_file_or_nul_is_not_a_console()
    {
        var file = Create("plain.txt", GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS);
        var nul = Create("NUL", GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
        foreach (var handle in new[] { file, nul })
        {
            uint mode = 0xDEAD;
            Clear();
            Assert.Equal(0, ConsoleModes.GetConsoleMode(handle, &mode));
            Assert.Equal(6, Err);
            Assert.Equal(0xDEADu, mode);
            Clear();
            Assert.Equal(0, ConsoleModes.SetConsoleMode(handle, ENABLE_VIRTUAL_TERMINAL_PROCESSING));
            Assert.Equal(6, Err);
            Close(handle);
        }
    }

    [Fact]
    public void An_unknown_handle_is_not_a_console()
    {
        uint mode;
        Clear();
        Assert.Equal(0, ConsoleModes.GetConsoleMode(0x7777, &mode));
        Assert.Equal(6, Err);
    }

    [Fact]
    public void A_terminal_is_a_console_that_keeps_its_mode()
    {
        // The master side of a new pseudo-terminal is a terminal, like the one a user's console window runs in.
        var terminal = Create(@"Z:\dev\ptmx", GENERIC_READ | GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
        Assert.NotEqual(INVALID_HANDLE_VALUE, terminal);
        uint mode = 0;
        Assert.Equal(1, ConsoleModes.GetConsoleMode(terminal, &mode));
        Assert.Equal(ConsoleModes.DefaultInputMode, mode); // opened for reading too: Windows answers the input modes
        Assert.Equal(1, ConsoleModes.SetConsoleMode(terminal, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING));
        Assert.Equal(1, ConsoleModes.GetConsoleMode(terminal, &mode));
        Assert.Equal(ConsoleModes.DefaultInputMode | ENABLE_VIRTUAL_TERMINAL_PROCESSING, mode);
        Close(terminal);

        // A new terminal, whatever handle value it gets, starts at the defaults again.
        var next = Create(@"Z:\dev\ptmx", GENERIC_READ | GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
        Assert.Equal(1, ConsoleModes.GetConsoleMode(next, &mode));
        Assert.Equal(ConsoleModes.DefaultInputMode, mode);
        Close(next);
    }
}
