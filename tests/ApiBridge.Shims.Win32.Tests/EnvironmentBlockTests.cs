using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>GetEnvironmentStringsW / FreeEnvironmentStringsW and ExpandEnvironmentStringsW.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class EnvironmentBlockTests : BridgeTest
{
    private readonly FakeEnvironment environment = new FakeEnvironment("/app/guest.dll")
        .With("zeta", "last").With("Path", @"C:\windows").With("ALPHA", "first").With("_under", "u").With("=C:", @"C:\");

    public EnvironmentBlockTests() => Use(environment);

    private static List<string> ReadBlock(char* block, out int totalLength)
    {
        var entries = new List<string>();
        var p = block;
        while (*p != '\0')
        {
            var entry = new string(p);
            entries.Add(entry);
            p += entry.Length + 1;
        }
        totalLength = (int)(p - block) + 1;
        return entries;
    }

    [Fact]
    public void BlockIsSortedCaseInsensitivelyAndDoubleNulTerminated()
    {
        var block = EnvironmentBlock.GetEnvironmentStringsW();
        try
        {
            var entries = ReadBlock(block, out var length);
            // Upper-case ordering: '=' < letters < '_' (0x5F comes after 'Z').
            Assert.Equal(new[] { @"=C:=C:\", "ALPHA=first", @"Path=C:\windows", "zeta=last", "_under=u" }, entries);
            Assert.Equal('\0', block[length - 1]);
            Assert.Equal('\0', block[length - 2]);
        }
        finally
        {
            Assert.Equal(1, EnvironmentBlock.FreeEnvironmentStringsW(block));
        }
    }

    [Fact]
    public void EmptyEnvironmentIsTwoNuls()
    {
        Use(new FakeEnvironment("/app/guest.dll"));
        var block = EnvironmentBlock.GetEnvironmentStringsW();
        Assert.Equal('\0', block[0]);
        Assert.Equal('\0', block[1]);
        Assert.Equal(1, EnvironmentBlock.FreeEnvironmentStringsW(block));
    }

    [Fact]
    public void AnsiBlockIsUtf8()
    {
        environment.SetVariable("Euro", "\u20ac");
        var block = EnvironmentBlock.GetEnvironmentStringsA();
        try
        {
            var text = new List<string>();
            for (var p = block; *p != 0;)
            {
                var entry = System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)p)!;
                text.Add(entry);
                p += System.Text.Encoding.UTF8.GetByteCount(entry) + 1;
            }
            Assert.Contains("Euro=\u20ac", text);
        }
        finally
        {
            Assert.Equal(1, EnvironmentBlock.FreeEnvironmentStringsA(block));
        }
    }

    [Fact]
    public void FreeingSomethingNotHandedOutFailsInsteadOfCorruptingMemory()
    {
        var block = EnvironmentBlock.GetEnvironmentStringsW();
        Assert.Equal(1, EnvironmentBlock.FreeEnvironmentStringsW(block));
        LastError.Set(0);
        Assert.Equal(0, EnvironmentBlock.FreeEnvironmentStringsW(block)); // already freed
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, LastError.Value);
        Assert.Equal(1, EnvironmentBlock.FreeEnvironmentStringsW(null));
    }

    // Rows of Wine's test_ExpandEnvironmentStringsW (which pass on Windows), with TVAR=WINE and TVAR2 unset:
    // input, buffer size, expected return, expected buffer contents (buffer pre-filled with "abcdefghijklmnopqrstuv").
    [Theory]
    [InlineData("Long long value", 0, 16, "abcdefghijklmnopqrstuv")]
    [InlineData("Long long value", 1, 16, "abcdefghijklmnopqrstuv")]
    [InlineData("Long long value", 2, 16, "Lbcdefghijklmnopqrstuv")]
    [InlineData("Long long value", 15, 16, "Long long valuopqrstuv")]
    [InlineData("Long long value", 16, 16, "Long long value")]
    [InlineData("%TVAR% long long", 1, 15, "")]
    [InlineData("%TVAR% long long", 4, 15, "")]
    [InlineData("%TVAR% long long", 5, 15, "WINE")]
    [InlineData("%TVAR% long long", 6, 15, "WINE fghijklmnopqrstuv")]
    [InlineData("%TVAR% long long", 15, 15, "WINE long long")]
    [InlineData("%TVAR%%TVAR% long", 8, 14, "WINE")]
    [InlineData("%TVAR%%TVAR% long", 9, 14, "WINEWINE")]
    [InlineData("%TVAR%%TVAR% long", 10, 14, "WINEWINE jklmnopqrstuv")]
    [InlineData("%TVAR% %TVAR% long", 6, 15, "WINE ")]
    [InlineData("%TVAR% %TVAR% long", 9, 15, "WINE ")]
    [InlineData("%TVAR% %TVAR% long", 10, 15, "WINE WINE")]
    [InlineData("%TVAR% %TVAR% long", 11, 15, "WINE WINE klmnopqrstuv")]
    [InlineData("%TVAR2% long long", 2, 18, "%bcdefghijklmnopqrstuv")]
    [InlineData("%TVAR2% long long", 8, 18, "%TVAR2%hijklmnopqrstuv")]
    [InlineData("%TVAR2% long long", 18, 18, "%TVAR2% long long")]
    [InlineData("%TVAR long long", 3, 16, "%Tcdefghijklmnopqrstuv")]
    [InlineData("%TVAR long long", 16, 16, "%TVAR long long")]
    public void ExpandFollowsWindowsSizeAndPartialFillRules(string input, int size, int expectedReturn, string expectedBuffer)
    {
        environment.SetVariable("TVAR", "WINE");
        var buffer = stackalloc char[64];
        "abcdefghijklmnopqrstuv\0".AsSpan().CopyTo(new Span<char>(buffer, 64));
        LastError.Set(1234);
        fixed (char* source = input)
            Assert.Equal((uint)expectedReturn, EnvironmentBlock.ExpandEnvironmentStringsW(source, buffer, (uint)size));
        Assert.Equal(expectedBuffer, new string(buffer));
        Assert.Equal(1234, LastError.Value); // Windows leaves it alone (Wine 8.0 sets 122 when the buffer is small)
    }

    [Theory]
    [InlineData("a%ALPHA%b%NOPE%c%", "afirstb%NOPE%c%")]
    [InlineData("%%x%%", "%%x%%")]
    [InlineData("%path%", @"C:\windows")] // case-insensitive names
    [InlineData("%Empty%|", "|")]          // a variable set to "" expands to nothing
    [InlineData("no variables", "no variables")]
    public void ExpandReplacesSetVariablesAndKeepsTheRest(string input, string expected)
    {
        environment.SetVariable("Empty", "");
        var buffer = stackalloc char[64];
        fixed (char* source = input)
        {
            Assert.Equal((uint)expected.Length + 1, EnvironmentBlock.ExpandEnvironmentStringsW(source, buffer, 64));
            Assert.Equal((uint)expected.Length + 1, EnvironmentBlock.ExpandEnvironmentStringsW(source, null, 0));
        }
        Assert.Equal(expected, new string(buffer));
    }

    [Fact]
    public void ExpandOfNullSourceIsTheEmptyString()
    {
        var buffer = stackalloc char[4];
        buffer[0] = 'x';
        Assert.Equal(1U, EnvironmentBlock.ExpandEnvironmentStringsW(null, buffer, 4));
        Assert.Equal('\0', buffer[0]);
    }
}
