using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.ConsoleTests;

/// <summary>
/// WriteConsoleW, ReadConsoleW and GetNumberOfConsoleInputEvents on a terminal (UTF-16 in and out as the terminal's
/// UTF-8, lines ending "\r\n" as on Windows), and their ERROR_INVALID_HANDLE on everything that is not a console.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class ConsoleIoTests : FileSystemTest
{
    private static (int Result, string Text) ReadConsole(nint handle, int count)
    {
        var buffer = new char[Math.Max(count, 1)];
        uint read = 0xDEAD;
        Clear();
        fixed (char* p = buffer)
        {
            var result = ConsoleIo.ReadConsoleW(handle, p, (uint)count, &read, null);
            return (result, result == 0 ? "" : new string(buffer, 0, (int)read));
        }
    }

    private static (int Result, uint Written) WriteConsole(nint handle, string text)
    {
        uint written = 0xDEAD;
        Clear();
        fixed (char* p = text)
            return (ConsoleIo.WriteConsoleW(handle, p, (uint)text.Length, &written, null), written);
    }

    private static (int Result, uint Events) Events(nint handle)
    {
        uint events = 0xDEAD;
        Clear();
        return (ConsoleIo.GetNumberOfConsoleInputEvents(handle, &events), events);
    }

    [Fact]
    public void WriteConsoleW_writes_UTF8_to_the_terminal_and_counts_characters()
    {
        using var terminal = new PseudoTerminal();
        Assert.Equal((1, 8u), WriteConsole(terminal.Terminal, "h\u00e9llo \u20ac\n"));
        Assert.Equal("h\u00e9llo \u20ac\r\n", terminal.ReadOutput());
    }

    [Fact]
    public void ReadConsoleW_hands_out_a_line_in_pieces_ending_with_CRLF()
    {
        using var terminal = new PseudoTerminal();
        terminal.Type("abc\n");
        // The terminal's line discipline hands typed input over asynchronously: wait for the line to arrive.
        SpinWait.SpinUntil(() => Events(terminal.Terminal).Events != 0, TimeSpan.FromSeconds(5));
        Assert.Equal((1, 4u), Events(terminal.Terminal));   // the line's four bytes wait in the terminal
        Assert.Equal((1, "ab"), ReadConsole(terminal.Terminal, 2));
        Assert.Equal((1, 3u), Events(terminal.Terminal));   // what is left of the line, now as characters: c, CR, LF
        Assert.Equal((1, "c\r\n"), ReadConsole(terminal.Terminal, 10));
        terminal.Type("\u00e9\u20ac\n");
        Assert.Equal((1, "\u00e9\u20ac\r\n"), ReadConsole(terminal.Terminal, 10));
        Assert.Equal((1, ""), ReadConsole(terminal.Terminal, 0));
    }

    [Fact]
    public void Files_pipes_and_handles_of_the_wrong_direction_are_ERROR_INVALID_HANDLE()
    {
        var file = Create("plain.txt", GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS);
        nint read, write;
        Assert.Equal(1, Pipes.CreatePipe(&read, &write, null, 0));
        using var terminal = new PseudoTerminal();
        var inputOnly = PseudoTerminal.Open(terminal.TerminalPath, GENERIC_READ);
        var outputOnly = PseudoTerminal.Open(terminal.TerminalPath, GENERIC_WRITE);

        foreach (var handle in new[] { file, write, inputOnly, 0x7777 })
            Assert.Equal((0, 6), (WriteConsole(handle, "x").Result, Err));
        foreach (var handle in new[] { file, read, outputOnly, 0x7777 })
        {
            Assert.Equal((0, 6), (ReadConsole(handle, 4).Result, Err));
            Assert.Equal((0, 6), (Events(handle).Result, Err));
        }
        Assert.True(Write(file, "x"));   // the same file takes WriteFile: only the console functions refuse it
        foreach (var handle in new[] { file, read, write, inputOnly, outputOnly })
            Close(handle);
    }
}
