using ApiBridge.Runtime;
using ApiBridge.Runtime.Services;
using Microsoft.Extensions.DependencyInjection;
using ApiBridge.Shims.Posix.Managed;
using Env = ApiBridge.Shims.Posix.Libc.Environment;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// putenv(3), clearenv(3) and the environ array (environ(7), as a guest looks it up with NativeLibrary.GetExport),
/// over an environment block of the test's own (clearenv must not empty the test host's).
/// </summary>
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

    /// <summary>The strings of the NULL-terminated array the environ variable at <paramref name="environ"/> points to.</summary>
    private static List<string> Entries(IntPtr environ)
    {
        var list = new List<string>();
        for (var entry = *(byte***)environ; *entry != null; entry++)
            list.Add(Str(*entry)!);
        return list;
    }

    [Fact]
    public void Environ_from_libcs_handle_lists_the_guests_block_and_follows_setenv_unsetenv_clearenv()
    {
        var libc = NativeLibraryMembers.Load("libc.so.6");
        Assert.Equal(libc, NativeLibraryMembers.Load("libc"));
        var environ = NativeLibraryMembers.GetExport(libc, "environ");
        Assert.Equal(environ, NativeLibraryMembers.GetExport(libc, "__environ"));
        Assert.Equal(["KEEP=1", "PATH=/bin"], Entries(environ).Order());

        fixed (byte* name = Z("NEW")) fixed (byte* value = Z("v"))
            Assert.Equal(0, Env.setenv(name, value, 1));
        fixed (byte* name = Z("KEEP"))
            Assert.Equal(0, Env.unsetenv(name));
        Assert.Equal(["NEW=v", "PATH=/bin"], Entries(environ).Order());
        Assert.Equal("v", Getenv("NEW")); // the same block getenv reads

        Assert.Equal(0, Env.clearenv());
        Assert.Empty(Entries(environ));
        Assert.Equal(0, Putenv("ONLY=x"));
        Assert.Equal(["ONLY=x"], Entries(environ));
    }

    [Fact]
    public void Other_lookups_are_dotnets_own()
    {
        var libc = NativeLibraryMembers.Load("libc.so.6");
        Assert.True(NativeLibraryMembers.TryGetExport(libc, "getpid", out var getpid)); // the host's libc on a Linux host
        Assert.NotEqual(IntPtr.Zero, getpid);
        Assert.False(NativeLibraryMembers.TryGetExport(libc, "no_such_symbol_here", out _));
        Assert.Throws<EntryPointNotFoundException>(() => NativeLibraryMembers.GetExport(libc, "no_such_symbol_here"));
        Assert.Throws<ArgumentNullException>(() => NativeLibraryMembers.GetExport(IntPtr.Zero, "environ"));
        Assert.False(NativeLibraryMembers.TryLoad("libno-such-library.so", out _));
        NativeLibraryMembers.Free(libc); // libc stays loaded
        Assert.Equal(libc, NativeLibraryMembers.Load("libc.so.6"));
    }
}
