using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// The NativeAOT `apibridge` front: a cache hit of `run` starts the guest itself, with exactly what the managed CLI
/// would give it; a miss, another command or an unusual command line becomes the managed CLI. (Its cache behaviour is
/// tested with the managed CLI's, in CliBehaviourTests.)
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class NativeLauncherTests
{
    private static readonly GuestScenario Scenario = WinTimeGuest.Full;

    [Fact]
    public void A_cache_hit_is_started_natively_and_the_guest_sees_what_the_managed_cli_gives_it()
    {
        var cache = RepoPaths.ScratchFolder("native-cache");
        var trace = RepoPaths.ScratchFolder("native-trace");
        string[] Arguments(string traceFile) =>
            ["run", "-v", "--cache-dir", cache, "--trace", "+time", "--trace-file", Path.Combine(trace, traceFile), WinTimeGuest.Dll, .. Scenario.Args];

        var miss = NativeLauncher.Run(Arguments("miss.log"), Scenario.Stdin);
        var hit = NativeLauncher.Run(Arguments("hit.log"), Scenario.Stdin);
        var managed = ApiBridgeCli.Run(Arguments("managed.log"), Scenario.Stdin);

        Assert.Contains("apibridge: rewrote", miss.StdErr);                 // the managed CLI filled the cache
        Assert.Matches(@"apibridge: reusing \S+ \(native start\)", hit.StdErr); // the front started the entry itself
        Assert.DoesNotContain("native start", managed.StdErr);
        foreach (var run in new[] { miss, hit, managed })
            Assert.Equal(Scenario.ExpectedExitCode, run.ExitCode);
        TranscriptAssert.Equal(Transcript.Of(managed), Transcript.Of(hit), "managed CLI", "native cache hit");
        TranscriptAssert.Equal(Transcript.Of(miss), Transcript.Of(hit), "native cache miss", "native cache hit");
        // The options reached the guest the same way: the same functions traced to the named file.
        Assert.Equal(TracedFunctions(Path.Combine(trace, "managed.log")), TracedFunctions(Path.Combine(trace, "hit.log")));
        Assert.NotEmpty(TracedFunctions(Path.Combine(trace, "hit.log")));
    }

    [Theory]
    [InlineData("analyze {guest}")]
    [InlineData("run --trace=+time --cache-dir {cache} {guest}")] // a form only System.CommandLine parses
    [InlineData("run --no-such-option {guest}")]
    [InlineData("run --help")]
    [InlineData("run --cache-dir {cache}")]                        // no guest
    [InlineData("run --cache-dir {cache} /no/such/guest.dll")]
    public void Other_command_lines_are_the_managed_clis(string commandLine)
    {
        var cache = RepoPaths.ScratchFolder("native-forward-cache");
        var args = commandLine.Split(' ').Select(a => a.Replace("{guest}", WinTimeGuest.Dll).Replace("{cache}", cache)).ToArray();

        var native = NativeLauncher.Run(args);
        var managed = ApiBridgeCli.Run(args);

        Assert.Equal(managed.ExitCode, native.ExitCode);
        Assert.Equal(Scrub(managed.StdOut), Scrub(native.StdOut));
        // Traced values (tick counts, pointers) differ from run to run; which functions were traced must not.
        Assert.Equal(TraceShape(Scrub(managed.StdErr)), TraceShape(Scrub(native.StdErr)));
        Assert.DoesNotContain("native start", native.StdErr);
    }

    [Fact]
    public void Without_the_managed_cli_beside_it_the_front_says_what_is_missing()
    {
        var alone = Path.Combine(RepoPaths.ScratchFolder("native-alone"), "apibridge");
        File.Copy(NativeLauncher.Executable, alone);
        File.SetUnixFileMode(alone, File.GetUnixFileMode(NativeLauncher.Executable));

        var result = NativeLauncher.Run(["analyze", WinTimeGuest.Dll], executablePath: alone);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("apibridge.dll is missing", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr); // a message, not a stack trace
    }

    private static string[] TracedFunctions(string log) =>
        File.ReadAllLines(log).Select(TracedFunction)
            .Where(name => name.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static string[] TraceShape(string stderr) =>
        stderr.Split('\n').Select(line => line.StartsWith("trace:", StringComparison.Ordinal) ? TracedFunction(line) : line).ToArray();

    private static string TracedFunction(string line) => System.Text.RegularExpressions.Regex.Match(line, @"^trace:\w+ [\w.]+").Value;

    // The two CLIs live in different folders; their paths may appear in messages.
    private static string Scrub(string text) =>
        text.Replace(NativeLauncher.Folder, "<cli>").Replace(Path.GetDirectoryName(ApiBridgeCli.Dll)!, "<cli>");
}
