using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>WindowsCommandLine.Build / Parse (CommandLineToArgvW rules) and WindowsPathView.</summary>
public sealed class WindowsCommandLineTests
{
    [Fact]
    public void BuildWritesWhatWine80WritesForTheSameArgv()
    {
        // Observed under Wine 8.0: wine64 app.exe first "two words" 'q"x' 'back\\' '' 'a\\"b'
        var line = WindowsCommandLine.Build(new[] { @"Z:\tmp\out\app.exe", "first", "two words", "q\"x", @"back\\", "", "a\\\\\"b" });
        Assert.Equal(@"""Z:\tmp\out\app.exe"" first ""two words"" q\""x back\\ """" a\\\\\""b", line);
    }

    [Fact]
    public void BuildQuotesTabsAndDoublesBackslashesBeforeTheClosingQuote()
    {
        Assert.Equal("\"p\" \"a\tb\" \"dir with space\\\\\" plain\\", WindowsCommandLine.Build(new[] { "p", "a\tb", "dir with space\\", "plain\\" }));
    }

    // Microsoft's "Parsing C++ command-line arguments" table and quote runs, after a program name; every row checked
    // against shell32's CommandLineToArgvW under Wine 8.0.
    [Theory]
    [InlineData("p \"a b c\"  d  e", new[] { "a b c", "d", "e" })]
    [InlineData("p \"ab\\\"c\"  \"\\\\\"  d", new[] { "ab\"c", "\\", "d" })]
    [InlineData("p a\\\\\\b d\"e f\"g h", new[] { "a\\\\\\b", "de fg", "h" })]
    [InlineData("p a\\\\\\\"b c d", new[] { "a\\\"b", "c", "d" })]
    [InlineData("p a\\\\\\\\\"b c\" d e", new[] { "a\\\\b c", "d", "e" })]
    // CommandLineToArgvW (and Wine's shell32): inside quotes "" gives a '"' and ends the quoted part.
    // (The 2008+ MSVC runtime would give one argument, ab" c d.)
    [InlineData("p a\"b\"\" c d", new[] { "ab\"", "c", "d" })]
    [InlineData("p \"a\"\"\"b\" c", new[] { "a\"b", "c" })]
    [InlineData("p \"\"\"\" x", new[] { "\" x" })]
    [InlineData("p a\"\"\"b c", new[] { "a\"b", "c" })]
    [InlineData("p \"\"", new[] { "" })]
    [InlineData("p \"\" \"\"", new[] { "", "" })]
    [InlineData("p \t a \t b\t ", new[] { "a", "b" })]
    [InlineData("p", new string[0])]
    public void ParseSplitsArgumentsLikeCommandLineToArgvW(string line, string[] expectedArguments)
    {
        var argv = WindowsCommandLine.Parse(line);
        Assert.Equal("p", argv[0]);
        Assert.Equal(expectedArguments, argv.Skip(1).ToArray());
    }

    [Theory]
    [InlineData("\"C:\\Program Files\\app.exe\" x", "C:\\Program Files\\app.exe", new[] { "x" })]
    [InlineData("C:\\dir\\app.exe\\\"x y", "C:\\dir\\app.exe\\\"x", new[] { "y" })] // no escapes in the program name
    [InlineData("\"a\"b c", "a", new[] { "b", "c" })]                                 // it ends at the closing quote
    [InlineData(" x", "", new[] { "x" })]                                              // leading space: empty program name
    [InlineData("\"C:\\a b\\app.exe", "C:\\a b\\app.exe", new string[0])]              // unclosed quote runs to the end
    public void ProgramNameFollowsItsOwnRules(string line, string program, string[] arguments)
    {
        var argv = WindowsCommandLine.Parse(line);
        Assert.Equal(program, argv[0]);
        Assert.Equal(arguments, argv.Skip(1).ToArray());
    }

    [Fact]
    public void EmptyLineParsesToNothing() => Assert.Empty(WindowsCommandLine.Parse(""));

    public static TheoryData<string[]> RoundTrips => new()
    {
        new[] { @"C:\app.exe" },
        new[] { @"C:\Program Files\app.exe", "" },
        new[] { @"C:\app.exe", "", "", "" },
        new[] { @"C:\app.exe", "a b", "c\td", " lead", "trail ", "  " },
        new[] { @"C:\app.exe", "\"", "\"\"", "\"quoted\"", "a\"b\"c" },
        new[] { @"C:\app.exe", "\\", "\\\\", "a\\", "a\\\\", "a b\\", "a b\\\\", "\\\"", "\\\\\"", "x\\\\\\\"y z" },
        new[] { @"C:\app.exe", @"C:\path with space\", @"\\server\share\", "--opt=\"v w\"" },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void ParseOfBuildGivesTheArgumentsBack(string[] argv) =>
        Assert.Equal(argv, WindowsCommandLine.Parse(WindowsCommandLine.Build(argv)));

    [Fact]
    public void ParseOfBuildRoundTripsRandomArguments()
    {
        const string alphabet = "ab \t\\\"\"\\ x";
        var random = new Random(42);
        for (var n = 0; n < 2000; n++)
        {
            var argv = new string[1 + random.Next(5)];
            argv[0] = @"C:\some dir\prog.exe";
            for (var i = 1; i < argv.Length; i++)
            {
                var chars = new char[random.Next(8)];
                for (var j = 0; j < chars.Length; j++)
                    chars[j] = alphabet[random.Next(alphabet.Length)];
                argv[i] = new string(chars);
            }
            var line = WindowsCommandLine.Build(argv);
            Assert.True(argv.SequenceEqual(WindowsCommandLine.Parse(line)), $"round trip failed for {line}");
        }
    }

    [Theory]
    [InlineData("/a/b/app.dll", @"Z:\a\b\app.dll")]
    [InlineData("/", @"Z:\")]
    [InlineData("C:/x/y", @"C:\x\y")]
    [InlineData(@"D:\already\windows", @"D:\already\windows")]
    public void FromHostMapsTheHostRootToDriveZ(string host, string expected) =>
        Assert.Equal(expected, WindowsPathView.FromHost(host));

    [Fact]
    public void RelativeHostPathsAreMadeAbsolute()
    {
        var expected = "Z:" + Path.GetFullPath("rel/x.txt").Replace('/', '\\');
        Assert.Equal(expected, WindowsPathView.FromHost("rel/x.txt"));
    }

    [Theory]
    [InlineData("/opt/app/Guest.dll", @"Z:\opt\app\Guest.exe")]
    [InlineData("/opt/app/Guest.DLL", @"Z:\opt\app\Guest.exe")]
    [InlineData("/opt/app/Guest", @"Z:\opt\app\Guest")]
    [InlineData("/opt/app/Guest.exe", @"Z:\opt\app\Guest.exe")]
    public void ProgramPathShowsTheGuestAsItsExe(string host, string expected) =>
        Assert.Equal(expected, WindowsPathView.ProgramFromHost(host));
}
