using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.ConsoleTests;

/// <summary>
/// GetConsoleScreenBufferInfo and SetConsoleTextAttribute: on a terminal, the terminal's window and SGR sequences; on
/// anything else (a file, a pipe, an input-only handle, a bogus value) FALSE with ERROR_INVALID_HANDLE, as Windows and
/// Wine answer for redirected output.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class ConsoleScreenBufferTests : FileSystemTest
{
    private static short[] Info(nint handle, out int result)
    {
        var info = new short[11];
        Clear();
        fixed (short* p = info)
            result = ConsoleScreenBuffer.GetConsoleScreenBufferInfo(handle, (Native.CONSOLE_SCREEN_BUFFER_INFO*)p);
        return info;
    }

    [Fact]
    public void A_terminal_reports_its_window_as_the_buffer()
    {
        using var terminal = new PseudoTerminal();
        terminal.SetSize(100, 30);
        var info = Info(terminal.Terminal, out var result);
        Assert.Equal(1, result);
        // dwSize, dwCursorPosition, wAttributes, srWindow, dwMaximumWindowSize
        Assert.Equal(new short[] { 100, 30, 0, 0, 7, 0, 0, 99, 29, 100, 30 }, info);
    }

    [Fact]
    public void A_terminal_that_does_not_know_its_size_is_80_by_25()
    {
        using var terminal = new PseudoTerminal();   // a new pseudo-terminal's size is 0×0
        var info = Info(terminal.Terminal, out var result);
        Assert.Equal(1, result);
        Assert.Equal(new short[] { 80, 25 }, info[..2]);
        Assert.Equal(new short[] { 0, 0, 79, 24 }, info[5..9]);
    }

    [Fact]
    public void Anything_but_a_console_output_handle_is_ERROR_INVALID_HANDLE()
    {
        var file = Create("plain.txt", GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS);
        nint read, write;
        Assert.Equal(1, Pipes.CreatePipe(&read, &write, null, 0));
        using var terminal = new PseudoTerminal();
        var inputOnly = PseudoTerminal.Open(terminal.TerminalPath, GENERIC_READ);
        foreach (var handle in new[] { file, write, inputOnly, 0, 0x7777 })
        {
            Info(handle, out var result);
            Assert.Equal((0, 6), (result, Err));
            Clear();
            Assert.Equal((0, 6), (ConsoleScreenBuffer.SetConsoleTextAttribute(handle, 0x0C), Err));
        }
        foreach (var handle in new[] { file, read, write, inputOnly })
            Close(handle);
    }

    [Fact]
    public void A_NULL_info_pointer_is_ERROR_NOACCESS()
    {
        using var terminal = new PseudoTerminal();
        Clear();
        Assert.Equal(0, ConsoleScreenBuffer.GetConsoleScreenBufferInfo(terminal.Terminal, null));
        Assert.Equal(998, Err);
    }

    [Fact]
    public void SetConsoleTextAttribute_writes_the_SGR_sequence_and_is_reported_back()
    {
        using var terminal = new PseudoTerminal();
        try
        {
            Assert.Equal(1, ConsoleScreenBuffer.SetConsoleTextAttribute(terminal.Terminal, 0x0C));   // bright red on black
            Assert.Equal("\u001b[0;91;40m", terminal.ReadOutput());
            Assert.Equal(1, ConsoleScreenBuffer.SetConsoleTextAttribute(terminal.Terminal, 0x1E));   // bright yellow on blue
            Assert.Equal("\u001b[0;93;44m", terminal.ReadOutput());
            Assert.Equal(1, ConsoleScreenBuffer.SetConsoleTextAttribute(terminal.Terminal, 0xC002)); // green, underscored, reversed
            Assert.Equal("\u001b[0;32;40;4;7m", terminal.ReadOutput());
            Assert.Equal(unchecked((short)0xC002), Info(terminal.Terminal, out _)[4]);
        }
        finally
        {
            ConsoleScreenBuffer.SetConsoleTextAttribute(terminal.Terminal, ConsoleScreenBuffer.DefaultAttributes);
        }
    }
}
