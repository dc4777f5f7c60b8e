using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// Get/SetEnvironmentVariableW/A against Wine's environ.c conventions and Wine 8.0 runs (see the class docs of
/// <see cref="EnvironmentVariables"/>), over an in-memory environment.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class EnvironmentVariableTests : BridgeTest
{
    private const string Name = "SomeWildName";
    private const string Value = "SomeWildValue";
    private readonly FakeEnvironment environment = new FakeEnvironment("/app/guest.dll").With(Name, Value);

    public EnvironmentVariableTests() => Use(environment);

    private static uint GetW(string name, char* buffer, uint size)
    {
        fixed (char* n = name)
            return EnvironmentVariables.GetEnvironmentVariableW(n, buffer, size);
    }

    private static int SetW(string? name, string? value)
    {
        fixed (char* n = name)
        fixed (char* v = value)
            return EnvironmentVariables.SetEnvironmentVariableW(n, v);
    }

    private static byte[] Z(string text) => Encoding.UTF8.GetBytes(text + "\0");

    private static void Fill(char* buffer, int length, char c = 'x')
    {
        for (var i = 0; i < length; i++)
            buffer[i] = c;
    }

    [Fact]
    public void ValueThatFitsReturnsItsLengthWithoutTerminatorAndLeavesLastErrorAlone()
    {
        var buffer = stackalloc char[64];
        Fill(buffer, 64);
        LastError.Set(1234);
        Assert.Equal((uint)Value.Length, GetW(Name, buffer, (uint)Value.Length + 1));
        Assert.Equal(Value, new string(buffer));
        Assert.Equal(1234, LastError.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(13)] // exactly the length: no room for the terminator
    public void BufferTooSmallReturnsSizeIncludingTerminatorAndLeavesBufferUntouched(int size)
    {
        var buffer = stackalloc char[64];
        Fill(buffer, 64);
        LastError.Set(1234);
        Assert.Equal((uint)Value.Length + 1, GetW(Name, buffer, (uint)size));
        Assert.Equal(new string('x', 64), new string(buffer, 0, 64));
        Assert.Equal(1234, LastError.Value);
    }

    [Fact]
    public void NullBufferWithSizeZeroReturnsTheSizeNeeded() => Assert.Equal((uint)Value.Length + 1, GetW(Name, null, 0));

    [Fact]
    public void NamesAreCaseInsensitive()
    {
        var buffer = stackalloc char[64];
        Assert.Equal((uint)Value.Length, GetW("sOMEwILDnAME", buffer, 64));
        Assert.Equal(Value, new string(buffer));
    }

    [Theory]
    [InlineData("NoSuchVariable")]
    [InlineData("")]
    public void MissingVariableOrEmptyNameReturnsZeroWithEnvvarNotFoundAndLeavesBufferUntouched(string name)
    {
        var buffer = stackalloc char[8];
        Fill(buffer, 8);
        LastError.Set(0);
        Assert.Equal(0U, GetW(name, buffer, 8));
        Assert.Equal(Win32Error.ERROR_ENVVAR_NOT_FOUND, LastError.Value);
        Assert.Equal("xxxxxxxx", new string(buffer, 0, 8));
    }

    [Fact]
    public void NullNameReturnsZeroWithEnvvarNotFound()
    {
        LastError.Set(0);
        Assert.Equal(0U, EnvironmentVariables.GetEnvironmentVariableW(null, null, 0));
        Assert.Equal(Win32Error.ERROR_ENVVAR_NOT_FOUND, LastError.Value);
        LastError.Set(0);
        Assert.Equal(0U, EnvironmentVariables.GetEnvironmentVariableA(null, null, 0));
        Assert.Equal(Win32Error.ERROR_ENVVAR_NOT_FOUND, LastError.Value);
    }

    [Fact]
    public void EmptyValueReturnsZeroWritesEmptyStringAndLeavesLastErrorAlone()
    {
        environment.SetVariable("EmptyOne", "");
        var buffer = stackalloc char[8];
        Fill(buffer, 8);
        LastError.Set(1234);
        Assert.Equal(0U, GetW("EmptyOne", buffer, 8));
        Assert.Equal('\0', buffer[0]);
        Assert.Equal(1U, GetW("EmptyOne", null, 0)); // the size needed for the terminator
        Assert.Equal(1234, LastError.Value);
    }

    [Fact]
    public void SetStoresOverwritesAndKeepsTheFirstSpelling()
    {
        LastError.Set(1234);
        Assert.Equal(1, SetW("NewVar", "one"));
        Assert.Equal(1, SetW("NEWVAR", "two"));
        Assert.Equal(1234, LastError.Value);
        Assert.Equal("two", environment.GetVariable("newvar"));
        Assert.Contains(environment.GetVariables(), v => v.Key == "NewVar");
    }

    [Fact]
    public void NullValueDeletesTheVariable()
    {
        Assert.Equal(1, SetW("SOMEWILDNAME", null));
        Assert.Null(environment.GetVariable(Name));
        LastError.Set(0);
        Assert.Equal(0U, GetW(Name, null, 0));
        Assert.Equal(Win32Error.ERROR_ENVVAR_NOT_FOUND, LastError.Value);
    }

    [Fact]
    public void DeletingAMissingVariableSucceedsAndLeavesLastErrorAlone()
    {
        // Observed under Wine 8.0: TRUE, last error untouched.
        LastError.Set(1234);
        Assert.Equal(1, SetW("NeverSet", null));
        Assert.Equal(1234, LastError.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A=B")]
    public void EmptyNameOrEqualsSignInsideTheNameFailsWithInvalidParameter(string name)
    {
        LastError.Set(0);
        Assert.Equal(0, SetW(name, "x"));
        Assert.Equal(Win32Error.ERROR_INVALID_PARAMETER, LastError.Value);
    }

    [Fact]
    public void LeadingEqualsSignIsAllowedLikeTheHiddenDriveVariables()
    {
        Assert.Equal(1, SetW("=C:", @"C:\work"));
        Assert.Equal(@"C:\work", environment.GetVariable("=C:"));
    }

    [Fact]
    public void NullNameOnSetFailsAsWineDoes()
    {
        LastError.Set(0);
        Assert.Equal(0, SetW(null, "x"));
        Assert.Equal(Win32Error.ERROR_ENVVAR_NOT_FOUND, LastError.Value);
    }

    [Fact]
    public void AnsiFunctionsUseUtf8AndCountBytes()
    {
        environment.SetVariable("Greeting", "hello w\u00f6rld \u20ac"); // 13 characters, 16 UTF-8 bytes
        var name = Z("GREETING");
        var buffer = stackalloc byte[64];
        fixed (byte* n = name)
        {
            Assert.Equal(16U, EnvironmentVariables.GetEnvironmentVariableA(n, buffer, 64));
            Assert.Equal("hello w\u00f6rld \u20ac", Encoding.UTF8.GetString(buffer, 16));
            Assert.Equal(0, buffer[16]);
            new Span<byte>(buffer, 64).Fill((byte)'x');
            Assert.Equal(17U, EnvironmentVariables.GetEnvironmentVariableA(n, buffer, 16));
            Assert.Equal((byte)'x', buffer[0]);
        }

        fixed (byte* n = Z("AnsiVar"))
        fixed (byte* v = Z("ascii value"))
        {
            Assert.Equal(1, EnvironmentVariables.SetEnvironmentVariableA(n, v));
            Assert.Equal("ascii value", environment.GetVariable("ANSIVAR"));
            Assert.Equal(1, EnvironmentVariables.SetEnvironmentVariableA(n, null));
            Assert.Null(environment.GetVariable("AnsiVar"));
            LastError.Set(0);
            Assert.Equal(0U, EnvironmentVariables.GetEnvironmentVariableA(n, buffer, 64));
            Assert.Equal(Win32Error.ERROR_ENVVAR_NOT_FOUND, LastError.Value);
        }
    }
}

/// <summary>The shims over the default (host) environment: changes reach the process environment .NET sees.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class HostEnvironmentVariableTests : BridgeTest
{
    [Fact]
    public void SetIsVisibleToTheGuestsOwnEnvironmentCallsAndBack()
    {
        const string name = "APIBRIDGE_SHIM_TEST_VAR";
        Bridge.Configure(null);
        try
        {
            fixed (char* n = name)
            fixed (char* v = "from the shim")
            {
                Assert.Equal(1, EnvironmentVariables.SetEnvironmentVariableW(n, v));
                Assert.Equal("from the shim", Environment.GetEnvironmentVariable(name));
                Environment.SetEnvironmentVariable(name, "from dotnet");
                var buffer = stackalloc char[32];
                fixed (char* lower = name.ToLowerInvariant())
                    Assert.Equal(11U, EnvironmentVariables.GetEnvironmentVariableW(lower, buffer, 32)); // Windows guest: case-insensitive
                Assert.Equal("from dotnet", new string(buffer));
                Assert.Equal(1, EnvironmentVariables.SetEnvironmentVariableW(n, null));
                Assert.Null(Environment.GetEnvironmentVariable(name));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
