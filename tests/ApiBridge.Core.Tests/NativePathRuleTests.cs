using System.Reflection;
using System.Runtime.Loader;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Loading;
using ApiBridge.Core.Rewriting;
using ApiBridge.Core.Rewriting.Native;
using ApiBridge.Core.Verification;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;
using Microsoft.Extensions.DependencyInjection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Tests;

/// <summary>
/// The native-path rule on a guest library (tests/Fixtures/NativePathUser) that calls a native library the bridge does
/// not shim: which declarations become wrappers, that their path arguments reach the native side as host paths in the
/// prefix (string, UTF-8 and UTF-16 pointer forms), and that other arguments and non-path strings arrive untouched.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)] // one at a time with the other tests that configure the bridge
public sealed class NativePathRuleTests : IDisposable
{
    private static readonly string[] Wrapped = ["Path", "FileName", "DatabasePath", "Utf16Length", "sqlite3_open_v2", "sqlite3_open16"];
    private static readonly string[] LeftNative = ["Text", "Handle", "Free", "sqlite3_exec"];

    private readonly TestPayload payload = new("ApiBridge.Shims.Win32");
    private readonly string input;
    private readonly string output = TempFolder.NewPath("native-path");
    private readonly string prefix = TempFolder.Create("native-path-prefix");
    private readonly AssemblyLoadContext context;
    private readonly Type calls;

    public NativePathRuleTests()
    {
        var folder = TempFolder.Create("native-path-in");
        input = Path.Combine(folder, "NativePathUser.dll");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "NativePathUser.dll"), input);
        new AppRewriter(payload.Payload).Rewrite(input, output, new RewriteOptions { GuestPlatform = "windows" });
        Directory.CreateDirectory(Path.Combine(prefix, "drive_c", "Work"));
        Bridge.Configure(s => s.AddSingleton(new GuestFileSystem(new FileSystemOptions
        {
            Prefix = prefix,
            InitialHostDirectory = Path.Combine(prefix, "drive_c", "Work"),
            SyncHostCurrentDirectory = false,
            UserName = "tester",
        })));
        context = new GuestContext(output);
        calls = context.LoadFromAssemblyPath(Path.Combine(output, "NativePathUser.dll")).GetType("NativePathUser.Calls", throwOnError: true)!;
    }

    private string HostPath(params string[] names) => Path.Combine([prefix, "drive_c", .. names]);

    private object? Call(string method, string argument) => RewrittenVariants.Call(calls, method, argument);

    [Fact]
    public void Path_parameters_are_wrapped_and_the_native_call_moves_to_an_extern_twin()
    {
        using var module = ModuleDefinition.ReadModule(Path.Combine(output, "NativePathUser.dll"));
        var methods = module.Types.SelectMany(t => t.Methods).ToList();
        foreach (var name in Wrapped)
        {
            var wrapper = methods.Single(m => m.Name == name);
            Assert.False(wrapper.IsPInvokeImpl, $"{name} is still a P/Invoke");
            var twin = methods.Single(m => m.Name == NativePathRule.NativePrefix + name);
            Assert.True(twin.IsPInvokeImpl && twin.IsPrivate);
            Assert.Equal(wrapper.DeclaringType, twin.DeclaringType);
            // The twin calls what the declaration called: same library, entry point (spelled out) and flags.
            Assert.Equal(name.StartsWith("sqlite3", StringComparison.Ordinal) ? "e_sqlite3" : "libdl.so.2", twin.PInvokeInfo.Module.Name);
            Assert.Equal(name switch { "Utf16Length" => "strlen", _ when name.StartsWith("sqlite3", StringComparison.Ordinal) => name, _ => "strdup" }, twin.PInvokeInfo.EntryPoint);
            Assert.Contains(wrapper.Body.Instructions, i => i.OpCode == OpCodes.Call && ((MethodReference)i.Operand).Name == twin.Name);
        }
        foreach (var name in LeftNative)
            Assert.True(methods.Single(m => m.Name == name).IsPInvokeImpl, $"{name} has no path parameter and must stay native");
        Assert.DoesNotContain(methods, m => LeftNative.Any(n => m.Name == NativePathRule.NativePrefix + n));
    }

    [Fact]
    public void The_wrappers_pass_the_body_checker_and_compile()
    {
        using (var resolver = new CachingAssemblyResolver([output, CachingAssemblyResolver.FrameworkDirectory]))
        using (var module = ModuleDefinition.ReadModule(Path.Combine(output, "NativePathUser.dll"), new ReaderParameters { AssemblyResolver = resolver }))
        {
            var problems = module.GetTypes().SelectMany(t => t.Methods).SelectMany(m => BodyChecker.Check(m).Select(p => $"{m.FullName}: {p}")).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        Assert.Empty(MethodCompiler.CompileAll(Path.Combine(output, "NativePathUser.dll"), [output, Path.GetDirectoryName(input)!]));
    }

    [Fact]
    public void Only_the_path_argument_of_sqlite3_open_v2_is_translated()
    {
        using var module = ModuleDefinition.ReadModule(Path.Combine(output, "NativePathUser.dll"));
        var open = module.GetType("NativePathUser.Sqlite").Methods.Single(m => m.Name == "sqlite3_open_v2");
        var translations = open.Body.Instructions.Where(i => i.OpCode == OpCodes.Call && ((MethodReference)i.Operand).Name == "ToHostForNative").ToList();
        Assert.Single(translations);
        // The first argument (filename) is what is loaded just before it; vfs (also byte*) goes straight to the twin.
        // (ldarg.0, ldloca buffer, call): macros are optimized, so argument 0 is the short form.
        Assert.Equal(OpCodes.Ldarg_0, translations[0].Previous.Previous.OpCode);
        Assert.Single(open.Body.ExceptionHandlers, h => h.HandlerType == ExceptionHandlerType.Finally);
    }

    [Theory]
    [InlineData("ThroughString")]
    [InlineData("ThroughUtf8")]
    [InlineData("ThroughSbyte")]
    [InlineData("ThroughDelegate")]
    public void A_guest_path_reaches_the_native_library_as_the_host_path_in_the_prefix(string method)
    {
        // Case-insensitive like every other guest file-system access: C:\WORK is the prefix's drive_c/Work.
        Assert.Equal(HostPath("Work", "app.db"), Call(method, @"C:\WORK\app.db"));
        Assert.Equal(HostPath("Work", "rel.db"), Call(method, @"sub\..\rel.db"));
    }

    [Fact]
    public void Other_windows_forms_go_through_the_drive_table()
    {
        Assert.Equal(HostPath("Work", "fwd.db"), Call("ThroughString", "C:/Work/fwd.db"));
        // Z: is the host's root, as in Wine.
        Assert.Equal("/tmp/z.db", Call("ThroughUtf8", @"Z:\tmp\z.db"));
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("file:app.db?mode=ro")]
    [InlineData("plain.db")]
    [InlineData("/already/a/host/path.db")]
    [InlineData("")]
    public void Text_that_is_not_a_windows_path_reaches_the_native_library_unchanged(string text)
    {
        Assert.Equal(text, Call("ThroughString", text));
        Assert.Equal(text, Call("ThroughUtf8", text));
    }

    [Fact]
    public void A_string_parameter_not_named_as_a_path_is_left_alone()
    {
        Assert.Equal(@"C:\Work\app.db", Call("ThroughText", @"C:\Work\app.db"));
    }

    [Fact]
    public void A_utf16_path_is_read_translated_and_handed_over()
    {
        // strlen of UTF-16 text stops after the first character; the point is that the call goes through.
        Assert.Equal(1L, Call("ThroughUtf16", @"C:\Work\app.db"));
    }

    [Fact]
    public void Analysis_lists_the_wrapped_declarations_only_with_the_managed_view()
    {
        var analyzer = new Analyzer(payload.Payload);
        var calls = analyzer.Analyze(input, guestPlatform: "windows").AllNativePathCalls.ToList();
        Assert.Equal(Wrapped.Order(StringComparer.Ordinal), calls.Select(c => c.DeclaredBy.Split("::")[1]).Order(StringComparer.Ordinal));
        var open = calls.Single(c => c.EntryPoint == "sqlite3_open_v2");
        Assert.Equal("e_sqlite3", open.Library);
        Assert.Equal(["filename (utf8 pointer)"], open.Parameters);
        Assert.Equal(["filename (utf16 pointer)"], calls.Single(c => c.EntryPoint == "sqlite3_open16").Parameters);
        Assert.Equal(["path (string)"], calls.Single(c => c.DeclaredBy.EndsWith("::Path", StringComparison.Ordinal)).Parameters);
        Assert.Equal(2, calls.Single(c => c.DeclaredBy.EndsWith("::Path", StringComparison.Ordinal)).CallSites); // a call and a delegate

        Assert.Empty(analyzer.Analyze(input, managedView: false).AllNativePathCalls);
    }

    [Fact]
    public void Without_the_managed_view_every_declaration_stays_native()
    {
        var plain = TempFolder.NewPath("native-path-plain");
        try
        {
            new AppRewriter(payload.Payload).Rewrite(input, plain, new RewriteOptions { ManagedView = false });
            using var module = ModuleDefinition.ReadModule(Path.Combine(plain, "NativePathUser.dll"));
            var methods = module.Types.SelectMany(t => t.Methods).ToList();
            Assert.All(Wrapped.Concat(LeftNative), name => Assert.True(methods.Single(m => m.Name == name).IsPInvokeImpl));
        }
        finally
        {
            TempFolder.Delete(plain);
        }
    }

    public void Dispose()
    {
        context.Unload();
        Bridge.Configure(null);
        payload.Dispose();
        TempFolder.Delete(output);
        TempFolder.Delete(prefix);
        TempFolder.Delete(Path.GetDirectoryName(input)!);
    }

    private sealed class GuestContext(string folder) : AssemblyLoadContext("native path " + folder, isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) => null;
    }
}
