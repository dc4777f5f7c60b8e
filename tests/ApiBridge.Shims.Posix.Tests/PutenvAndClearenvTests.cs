using ApiBridge.Runtime;
using ApiBridge.Runtime.Services;
using Microsoft.Extensions.DependencyInjection;
using Env = ApiBridge.Shims.Posix.Libc.Environment;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>putenv(3) and clearenv(3), over an environment block of the test's own (clearenv must not empty the test host's).</summary>
public sealed unsafe class PutenvAndClearenvTests : PosixTest
{
    private sealed class Block(Dictionary<string, string> variables) : IProcessEnvironment
    {
        public string? GetVariable(string name) => variables.GetValueOrDefault(name);

        public void SetVariable(string name, string? value)
        {
            if (value is null)
                variables.Remove(name);
            else
                variables[name] = value;
        }

        public IReadOnlyList<KeyValuePair<string, string>> GetVariables() => variables.ToList();

        public IReadOnlyList<string> Arguments => [];

        public int ProcessId => System.Environment.ProcessId;

        public int CurrentThreadId => System.Environment.CurrentManagedThreadId;

        public void Exit(int exitCode) => throw new InvalidOperationException("exit " + exitCode);
    }

    private readonly Dictionary<string, string> variables = new(StringComparer.Ordinal) { ["KEEP"] = "1", ["PATH"] = "/bin" };

    public PutenvAndClearenvTests() =>
        Bridge.Configure(s => s.AddSingleton<IProcessEnvironment>(new Block(variables)));

    private static int Putenv(string text)
    {
        fixed (byte* t = Z(text)) return Env.putenv(t);
    }

    private static string? Getenv(string name)
    {
        fixed (byte* n = Z(name)) return Str(Env.getenv(n));
    }

    [Fact]
    public void Putenv_sets_replaces_and_without_an_equals_sign_unsets()
    {
        Assert.Equal(0, Putenv("NEW=a=b"));
        Assert.Equal("a=b", Getenv("NEW")); // the first '=' ends the name
        Assert.Equal(0, Putenv("NEW="));
        Assert.Equal("", Getenv("NEW"));
        Assert.Equal(0, Putenv("KEEP"));
        Assert.Null(Getenv("KEEP"));
        Assert.False(variables.ContainsKey("KEEP"));
        Assert.Equal(0, Putenv("NEVER_SET")); // unsetting a missing name is no error
        Assert.Equal(0, Errno);
    }

    [Fact]
    public void Clearenv_empties_the_block_and_setenv_works_after()
    {
        Assert.Equal(0, Env.clearenv());
        Assert.Empty(variables);
        Assert.Null(Getenv("PATH"));
        Assert.Equal(0, Putenv("ONLY=x"));
        Assert.Equal(["ONLY"], variables.Keys.ToArray());
    }
}
