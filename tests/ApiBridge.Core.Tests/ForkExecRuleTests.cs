using System.Reflection;
using System.Runtime.Loader;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Loading;
using ApiBridge.Core.Rewriting;
using ApiBridge.Core.Rewriting.Processes;
using ApiBridge.Core.Verification;
using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Support;
using Microsoft.Extensions.DependencyInjection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Tests;

/// <summary>
/// The fork+exec rule on a libc guest library compiled both ways (tests/Fixtures/ForkExecGuest optimized as Release
/// compiles it, ForkExecGuestDebug the same source as Debug does): which fork sites become spawns and why the others
/// stay ENOSYS, that the rewritten bodies are valid, and that the rewritten guest, run here against the Posix shims,
/// starts the program with its argv and environment and gets its status from waitpid — or, when exec fails, the status
/// its child branch would have exited with.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)] // one at a time with the other tests that configure the bridge
public sealed class ForkExecRuleTests : IDisposable
{
    private const int ENOSYS = 38;

    private static readonly string[] Spawning = ["Execv", "Execvp", "Execve", "AssignedInCondition", "ChildStoresStayInTheChild"];

    private readonly TestPayload payload = new("ApiBridge.Shims.Posix");
    private readonly List<string> folders = [];
    private readonly List<AssemblyLoadContext> contexts = [];

    public static TheoryData<string> Builds => new() { "ForkExecGuest", "ForkExecGuestDebug" };

    [Theory]
    [MemberData(nameof(Builds))]
    public void Forks_that_only_set_up_an_exec_spawn_and_the_others_say_why_they_stay_ENOSYS(string build)
    {
        var sites = new Analyzer(payload.Payload).Analyze(Input(build), guestPlatform: "posix").AllForkSites.ToList();
        foreach (var method in Spawning)
        {
            var site = Assert.Single(sites, s => s.Location.Method == "ForkExecGuest.Spawns::" + method);
            Assert.True(site.Spawns, $"{method}: {site.Reason}");
        }
        Assert.Equal("vfork", sites.Single(s => s.Location.Method.EndsWith("::Execvp", StringComparison.Ordinal)).EntryPoint);
        Assert.Equal("execve", sites.Single(s => s.Location.Method.EndsWith("::Execve", StringComparison.Ordinal)).Exec);
        Assert.Contains("System.Console::WriteLine", Reason(sites, "WritesFirst"));
        Assert.Contains("parent", Reason(sites, "BothExec"));
        Assert.Contains("execv is not bound", Reason(sites, "UnboundExec"));
        Assert.Contains("array made before the fork", Reason(sites, "FillsTheParentsArray"));
        Assert.NotNull(Reason(sites, "Bare"));
        Assert.Equal(10, sites.Count);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void The_rewrite_calls_the_spawner_only_where_it_spawns_and_the_bodies_are_valid(string build)
    {
        var (output, rewritten, summary) = Rewrite(build);
        Assert.Equal(Spawning.Length, summary.Outcomes.Single(o => o.Action == RewriteAction.Rewritten).ForkSites.Count(f => f.Spawns));
        using (var resolver = new CachingAssemblyResolver([output, CachingAssemblyResolver.FrameworkDirectory]))
        using (var module = ModuleDefinition.ReadModule(rewritten, new ReaderParameters { AssemblyResolver = resolver }))
        {
            foreach (var method in module.GetType("ForkExecGuest.Spawns").Methods.Where(m => Spawning.Contains(m.Name)))
            {
                var calls = Calls(method);
                Assert.Contains("fork_for_exec", calls);
                Assert.Contains("exec_spawned", calls);
                Assert.DoesNotContain(calls, c => c is "fork" or "vfork");
            }
            foreach (var method in module.GetType("ForkExecGuest.BareForks").Methods.Where(m => m.HasBody && !m.IsConstructor))
                Assert.DoesNotContain("fork_for_exec", Calls(method));
            var problems = module.GetTypes().SelectMany(t => t.Methods).SelectMany(m => BodyChecker.Check(m).Select(p => $"{m.FullName}: {p}")).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        Assert.Empty(MethodCompiler.CompileAll(rewritten, [output, Path.GetDirectoryName(Input(build))!]));
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void The_rewritten_guest_starts_the_program_and_waitpid_reports_its_status(string build)
    {
        var spawns = Load(build, "ForkExecGuest.Spawns");
        Assert.Equal(7 << 8, Call(spawns, "Execv", "/bin/sh", "-c", "exit 7"));
        Assert.Equal(5 << 8, Call(spawns, "AssignedInCondition", "/bin/sh", "-c", "exit 5"));
        // execvp looks the name up on PATH; the script built with string.Concat in the child branch arrives whole.
        Assert.Equal(3 << 8, Call(spawns, "Execvp", "sh", "exit 3"));
        // execve's environment is the child's whole environment.
        Assert.Equal(0, Call(spawns, "Execve", "/bin/sh", "test \"$GREETING\" = hello && test -z \"$HOME\"", "hello"));
        Assert.Equal(1 << 8, Call(spawns, "Execve", "/bin/sh", "test \"$GREETING\" = hello", "bye"));
        // What the child branch stored (a local, an argument) is put back before the parent goes on.
        Assert.Equal(0, Call(spawns, "ChildStoresStayInTheChild", "/bin/true", "untouched"));
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void A_failed_exec_leaves_a_child_that_exited_as_the_child_branch_would(string build)
    {
        var spawns = Load(build, "ForkExecGuest.Spawns");
        Assert.Equal(127 << 8, Call(spawns, "Execv", "/no/such/program", "a", "b")); // its _exit(127)
        Assert.Equal(126 << 8, Call(spawns, "Execvp", "no-such-program-anywhere", "exit 0")); // its _exit(126)
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void Forks_left_alone_still_fail_with_ENOSYS(string build)
    {
        var forks = Load(build, "ForkExecGuest.BareForks");
        Assert.Equal((-1, ENOSYS), Call(forks, "Bare"));
        Assert.Equal((-1, ENOSYS), Call(forks, "WritesFirst", "/bin/true"));
        Assert.Equal((-1, ENOSYS), Call(forks, "BothExec", "/bin/true"));
        Assert.Equal((-1, ENOSYS), Call(forks, "UnboundExec", "/bin/true"));
        Assert.Equal((-1, ENOSYS), Call(forks, "FillsTheParentsArray", "/bin/true"));
    }

    private static string? Reason(List<ForkSite> sites, string method) =>
        sites.Single(s => s.Location.Method == "ForkExecGuest.BareForks::" + method).Reason;

    private static List<string> Calls(MethodDefinition method) =>
        method.Body.Instructions.Where(i => i.OpCode == OpCodes.Call).Select(i => ((MethodReference)i.Operand).Name).ToList();

    private string Input(string build)
    {
        var folder = TempFolder.Create("fork-exec-in");
        folders.Add(folder);
        var input = Path.Combine(folder, build + ".dll");
        File.Copy(Path.Combine(AppContext.BaseDirectory, build + ".dll"), input);
        return input;
    }

    private (string Output, string Rewritten, RewriteSummary Summary) Rewrite(string build)
    {
        var output = TempFolder.NewPath("fork-exec");
        folders.Add(output);
        var summary = new AppRewriter(payload.Payload).Rewrite(Input(build), output, new RewriteOptions { GuestPlatform = "posix" });
        return (output, Path.Combine(output, build + ".dll"), summary);
    }

    private Type Load(string build, string type)
    {
        var (output, rewritten, _) = Rewrite(build);
        Bridge.Configure(s => s.AddSingleton(PosixPathView.Identity()).AddSingleton(new FileDescriptorTable()).AddSingleton(new ChildProcessTable()));
        var context = new GuestContext(output);
        contexts.Add(context);
        return context.LoadFromAssemblyPath(rewritten).GetType(type, throwOnError: true)!;
    }

    private static object? Call(Type type, string method, params object?[] arguments) => RewrittenVariants.Call(type, method, arguments);

    public void Dispose()
    {
        foreach (var context in contexts)
            context.Unload();
        Bridge.Configure(null);
        payload.Dispose();
        foreach (var folder in folders)
            TempFolder.Delete(folder);
    }

    private sealed class GuestContext(string folder) : AssemblyLoadContext("fork exec " + folder, isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) => null;
    }
}
