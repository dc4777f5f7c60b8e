using System.Text.Json;
using System.Xml.Linq;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// <c>apibridge diff</c> on the DiffProbe fixture (tests/Fixtures/DiffProbe), published self-contained for win-x64:
/// the reference is the probe under Wine, the other side the probe under <c>apibridge run</c>. The probe's first
/// argument chooses whether the two sides behave alike or differ on purpose, so each verdict here could go either way.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DiffCommandTests
{
    private const string Name = "DiffProbe";

    private static readonly Lazy<string> probe = new(() =>
        WinX64Publish.Exe(Name, Path.Combine(RepoPaths.Root, "tests", "Fixtures", Name, Name + ".csproj")), LazyThreadSafetyMode.ExecutionAndPublication);

    [Fact]
    public void A_guest_that_behaves_alike_is_the_same_with_its_arguments_environment_and_stdin_on_both_sides()
    {
        var stdin = Path.Combine(RepoPaths.ScratchFolder("diff-stdin"), "in.txt");
        File.WriteAllText(stdin, "first line of input\n");

        var home = RepoPaths.ScratchFolder("diff-home");

        var (result, temp) = Diff(["--env", "DIFFPROBE_VALUE=seven", "--stdin", stdin, "--format", "json", probe.Value, "stable", "two words"], home);

        Assert.True(result.ExitCode == 0, result.Describe());
        using var report = JsonDocument.Parse(result.StdOut);
        var root = report.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("same", root.GetProperty("verdict").GetString());
        Assert.Equal("wine", root.GetProperty("reference").GetProperty("host").GetString());
        var stdout = Aspect(root, "stdout");
        // The arguments, the --env addition and the --stdin file reached the guest (on the reference side too).
        Assert.Contains("2 argument(s): stable | two words", stdout.GetProperty("reference").GetString());
        Assert.Contains("DIFFPROBE_VALUE: seven", stdout.GetProperty("reference").GetString());
        Assert.Contains("stdin: first line of input", stdout.GetProperty("bridged").GetString());
        // Its registry changes, as .reg text, on both sides.
        var registry = Aspect(root, "registry");
        Assert.True(registry.GetProperty("same").GetBoolean());
        Assert.Contains("[HKEY_CURRENT_USER\\Software\\DiffProbe]\n\"Name\"=\"probe\"\n\"Runs\"=dword:00000001\n", registry.GetProperty("reference").GetString());
        // The files it made, in its profile and in the working folder, as guest paths, with the same content.
        var files = root.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        Assert.Contains(@"<work>\out.txt", files.Keys);
        var state = Assert.Single(files, f => f.Key.EndsWith(@"\AppData\Local\DiffProbe\state.txt", StringComparison.Ordinal)).Value;
        Assert.Equal(@"C:\users\<user>\AppData\Local\DiffProbe\state.txt", state.GetProperty("path").GetString());
        Assert.True(state.GetProperty("same").GetBoolean());
        Assert.Equal(23, state.GetProperty("reference").GetProperty("size").GetInt64());
        Assert.Equal(64, state.GetProperty("bridged").GetProperty("sha256").GetString()!.Length);
        // A document is a change inside each side's prefix, never a file in the user's real home.
        Assert.Contains(files.Keys, p => p.EndsWith(@"\Documents\probe-doc.txt", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(home, "probe-doc.txt", SearchOption.AllDirectories));
        AssertNoScratchLeft(temp);
    }

    [Fact]
    public void A_guest_that_differs_is_reported_per_aspect_in_text_and_junit_with_exit_1()
    {
        var junit = Path.Combine(RepoPaths.ScratchFolder("diff-junit"), "diff.xml");

        var (result, temp) = Diff(["--junit", junit, probe.Value, "differ"]);

        Assert.True(result.ExitCode == 1, result.Describe());
        var text = result.StdOut;
        Assert.Contains("differs   exit code", text);
        Assert.Contains("-3\n+4\n", text);
        Assert.Contains("-side: wine\n+side: bridge\n", text);
        Assert.Contains("-stderr from wine\n+stderr from bridge\n", text);
        // A text file's content diff with its context, and a file only the reference made.
        Assert.Contains(@"C:\users\<user>\AppData\Local\DiffProbe\side.txt:", text);
        Assert.Contains("   line one\n  -side: wine\n  +side: bridge\n   line three\n", text);
        Assert.Contains(@"wine-only.bin: created by the reference, not changed by the bridged run", text);
        Assert.Contains("-\"Side\"=\"wine\"\n+\"Side\"=\"bridge\"\n", text);
        Assert.EndsWith("different: exit code, stdout, stderr, files, registry (wine vs apibridge run)\n", text);

        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal("5", suite.Attribute("tests")!.Value);
        Assert.Equal("5", suite.Attribute("failures")!.Value);
        var stdoutCase = suite.Elements("testcase").Single(c => c.Attribute("name")!.Value == "stdout");
        Assert.Contains("+side: bridge", stdoutCase.Element("failure")!.Value);
        AssertNoScratchLeft(temp);
    }

    [Fact]
    public void Masks_and_ignores_remove_volatile_differences_that_are_reported_without_them()
    {
        var (plain, _) = Diff([probe.Value, "volatile"]);
        var (masked, temp) = Diff(["--mask", @"pid: \d+", "--mask", @"now: \d+", "--ignore", @"C:\users\*\Temp\**", probe.Value, "volatile"]);

        Assert.True(plain.ExitCode == 1, plain.Describe());
        Assert.Contains("different: stdout, files", plain.StdOut);
        Assert.Matches(@"Temp\\probe-[0-9a-f]{32}\.tmp: created by the reference", plain.StdOut);
        Assert.True(masked.ExitCode == 0, masked.Describe());
        Assert.Contains("same      stdout", masked.StdOut);
        Assert.Contains("same      files", masked.StdOut);
        AssertNoScratchLeft(temp);
    }

    [Fact]
    public void Repeated_runs_tell_a_reference_that_varies_by_itself_from_a_real_difference()
    {
        var (varying, temp) = Diff(["--repeat", "2", "--format", "json", probe.Value, "volatile"]);
        var (differing, _) = Diff(["--repeat", "2", "--format", "json", probe.Value, "differ"]);

        Assert.True(varying.ExitCode == 0, varying.Describe());
        using (var report = JsonDocument.Parse(varying.StdOut))
        {
            Assert.Equal("flaky", report.RootElement.GetProperty("verdict").GetString());
            Assert.Equal(["files", "stdout"], report.RootElement.GetProperty("flaky").EnumerateArray().Select(a => a.GetString()!).ToArray());
        }
        Assert.True(differing.ExitCode == 1, differing.Describe());
        using (var report = JsonDocument.Parse(differing.StdOut))
        {
            Assert.Equal("different", report.RootElement.GetProperty("verdict").GetString());
            Assert.Equal(0, report.RootElement.GetProperty("flaky").GetArrayLength());
        }
        AssertNoScratchLeft(temp);
    }

    [Fact]
    public void A_suite_reports_each_case_with_its_own_settings_and_totals()
    {
        var folder = RepoPaths.ScratchFolder("diff-suite");
        File.WriteAllText(Path.Combine(folder, "in.txt"), "suite input\n");
        var suite = Path.Combine(folder, "suite.json");
        File.WriteAllText(suite, $$"""
            {
              // comments and trailing commas are allowed
              "guest": {{JsonSerializer.Serialize(probe.Value)}},
              "cases": [
                { "name": "stable", "arguments": ["stable"], "stdin": "in.txt", "env": { "DIFFPROBE_VALUE": "from the suite" } },
                { "name": "volatile, masked", "arguments": ["volatile"], "mask": ["pid: \\d+", "now: \\d+"], "ignore": ["C:\\users\\*\\Temp\\**"] },
                { "name": "differ", "arguments": ["differ"] },
                { "name": "missing", "guest": "nowhere.exe" },
              ]
            }
            """);
        var junit = Path.Combine(folder, "suite.xml");

        var (result, temp) = Diff(["--suite", suite, "--format", "json", "--junit", junit]);

        Assert.True(result.ExitCode == 2, result.Describe()); // a case that could not run outweighs a difference
        using var report = JsonDocument.Parse(result.StdOut);
        var cases = report.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("same", cases["stable"].GetProperty("verdict").GetString());
        var stdout = Aspect(cases["stable"].GetProperty("report"), "stdout").GetProperty("bridged").GetString();
        Assert.Contains("DIFFPROBE_VALUE: from the suite", stdout);
        Assert.Contains("stdin: suite input", stdout);
        Assert.Equal("same", cases["volatile, masked"].GetProperty("verdict").GetString());
        Assert.Equal("different", cases["differ"].GetProperty("verdict").GetString());
        Assert.Equal("error", cases["missing"].GetProperty("verdict").GetString());
        Assert.Contains("nowhere.exe: no such file", cases["missing"].GetProperty("error").GetString());
        var total = report.RootElement.GetProperty("total");
        Assert.Equal((4, 2, 1, 1), (total.GetProperty("cases").GetInt32(), total.GetProperty("same").GetInt32(), total.GetProperty("different").GetInt32(), total.GetProperty("error").GetInt32()));
        var suites = XDocument.Load(junit).Root!.Elements("testsuite").ToList();
        Assert.Equal(["apibridge diff stable", "apibridge diff volatile, masked", "apibridge diff differ", "apibridge diff missing"], suites.Select(x => x.Attribute("name")!.Value));
        Assert.Equal("1", suites[3].Attribute("errors")!.Value);
        AssertNoScratchLeft(temp);
    }

    [Fact]
    public void A_reference_past_its_timeout_is_stopped_and_reported_as_exit_2()
    {
        var (result, temp) = Diff(["--timeout", "3", probe.Value, "sleep", "60"]);

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains("the reference run (wine) did not end within 3 s", result.StdErr);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(50), result.Describe());
        AssertNoScratchLeft(temp);
    }

    [Fact]
    public void A_framework_dependent_windows_build_runs_under_wine_on_a_windows_runtime_made_for_it()
    {
        var portable = Path.Combine(RepoPaths.Root, "tests", "Fixtures", Name, "bin", RepoPaths.Configuration, "net10.0", Name + ".dll");
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(portable)!, "coreclr.dll")), "the fixture's build is expected to be framework-dependent");

        var (result, temp) = Diff(["--format", "json", portable, "stable"]);

        Assert.True(result.ExitCode == 0, result.Describe());
        using var report = JsonDocument.Parse(result.StdOut);
        Assert.Equal("wine", report.RootElement.GetProperty("reference").GetProperty("host").GetString());
        Assert.Contains("probe: stable", Aspect(report.RootElement, "stdout").GetProperty("reference").GetString());
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Artifacts, "diff-cache", "apibridge-diff", "win-x64-runtime", "net10.0")));
        AssertNoScratchLeft(temp);
    }

    [Fact]
    public void A_linux_guest_is_compared_natively_against_its_rewritten_build_under_wine()
    {
        var (result, temp) = Diff(["--format", "json", RepoPaths.GuestDll("PosixManagedGuest")]);

        Assert.True(result.ExitCode == 0, result.Describe());
        using var report = JsonDocument.Parse(result.StdOut);
        Assert.Equal("linux", report.RootElement.GetProperty("reference").GetProperty("host").GetString());
        Assert.Equal("apibridge on wine", report.RootElement.GetProperty("bridged").GetProperty("host").GetString());
        Assert.Contains("PosixManagedGuest", Aspect(report.RootElement, "stdout").GetProperty("bridged").GetString());
        // The bridge's own folders (its rewrite, the POSIX view's prefix) are not changes the guest made in its home.
        Assert.DoesNotContain(report.RootElement.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString()!.Contains("apibridge", StringComparison.Ordinal));
        AssertNoScratchLeft(temp);
    }

    [Fact]
    public void A_recorded_reference_is_compared_later_without_wine_and_refused_for_another_run()
    {
        var bundle = Path.Combine(RepoPaths.ScratchFolder("diff-bundle"), "probe-differ");
        var stdin = Path.Combine(RepoPaths.ScratchFolder("diff-bundle-stdin"), "in.txt");
        File.WriteAllText(stdin, "recorded input\n");

        var (recorded, _) = Diff(["--record", bundle, "--env", "DIFFPROBE_VALUE=rec", "--stdin", stdin, probe.Value, "differ"]);
        // No Wine at all on this side: the recording is the reference, with its arguments, --env and stdin.
        var (against, temp) = Diff(["--against", bundle, "--wine", "/nowhere/wine64", probe.Value]);
        var otherArguments = ApiBridgeCli.Run(["diff", "--against", bundle, probe.Value, "stable"]);
        var again = ApiBridgeCli.Run(["diff", "--record", bundle, probe.Value]);
        var tampered = Path.Combine(RepoPaths.ScratchFolder("diff-bundle-other"), "bundle");
        Directory.CreateDirectory(tampered);
        File.WriteAllText(Path.Combine(tampered, "reference.json"),
            System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Path.Combine(bundle, "reference.json")), "\"guestSha256\": \"[0-9a-f]{12}", "\"guestSha256\": \"000000000000"));
        var otherBuild = ApiBridgeCli.Run(["diff", "--against", tampered, probe.Value]);

        Assert.True(recorded.ExitCode == 0, recorded.Describe());
        Assert.StartsWith("recorded: ", recorded.StdOut);
        Assert.True(against.ExitCode == 1, against.Describe());
        Assert.Contains(" DIFFPROBE_VALUE: rec\n stdin: recorded input\n-side: wine\n+side: bridge\n", against.StdOut);
        Assert.Contains(@"C:\users\<user>\AppData\Local\DiffProbe\wine-only.bin: created by the reference", against.StdOut);
        Assert.EndsWith("(wine (recorded) vs apibridge run)\n", against.StdOut);
        AssertNoScratchLeft(temp);
        Assert.True(otherArguments.ExitCode == 2, otherArguments.Describe());
        Assert.Contains("recorded with the arguments [differ], not [stable]", otherArguments.StdErr);
        Assert.True(again.ExitCode == 2, again.Describe());
        Assert.Contains("not a new or empty folder", again.StdErr);
        Assert.True(otherBuild.ExitCode == 2, otherBuild.Describe());
        Assert.Contains("recorded from another build of the guest", otherBuild.StdErr);
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["diff", "/nowhere/Missing.exe"], "no such file" },
        { ["diff", "--mask", "(unclosed", "/nowhere/Missing.exe"], "--mask (unclosed: not a valid regular expression" },
        { ["diff", "--env", "NOEQUALS", "/nowhere/Missing.exe"], "--env NOEQUALS: expected NAME=VALUE" },
        { ["diff", "--timeout", "0", "/nowhere/Missing.exe"], "--timeout must be a positive number" },
        { ["diff", "--format", "yaml", "/nowhere/Missing.exe"], "yaml" },
        { ["diff", "--repeat", "0", "/nowhere/Missing.exe"], "--repeat must be a number of runs from 1 to 100" },
        { ["diff", "--suite", "/nowhere/suite.json"], "--suite /nowhere/suite.json: no such file" },
        { ["diff", "--suite", "/nowhere/suite.json", "/nowhere/Missing.exe"], "--suite names its guests itself" },
        { ["diff"], "a <guest> to compare (or --suite FILE) is needed" },
        { ["diff", "--stdin", "/nowhere/in.txt", "/nowhere/Missing.exe"], "--stdin /nowhere/in.txt: no such file" },
        { ["diff", "--record", "/tmp/a", "--against", "/tmp/b", "/nowhere/Missing.exe"], "--record and --against cannot be used together" },
        { ["diff", "--against", "/nowhere/bundle", "/nowhere/Missing.exe"], "no such file" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_refused_in_one_line_with_exit_2(string[] args, string expected)
    {
        var result = ApiBridgeCli.Run(args);

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Contains(expected, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void A_reference_that_cannot_run_here_says_why_with_exit_2()
    {
        var guest = probe.Value;
        var missingWine = ApiBridgeCli.Run(["diff", "--wine", "/nowhere/wine64", guest, "stable"]);
        // A lone assembly, without the runtimeconfig.json that names the runtime Wine would need for it.
        var lone = Path.Combine(RepoPaths.ScratchFolder("diff-lone"), Name + ".dll");
        File.Copy(Path.ChangeExtension(guest, ".dll"), lone);
        var noExe = ApiBridgeCli.Run(["diff", lone]);

        Assert.True(missingWine.ExitCode == 2, missingWine.Describe());
        Assert.Contains("/nowhere/wine64", missingWine.StdErr);
        Assert.True(noExe.ExitCode == 2, noExe.Describe());
        Assert.Contains("no DiffProbe.runtimeconfig.json naming its target framework", noExe.StdErr);
        Assert.DoesNotContain("   at ", missingWine.StdErr + noExe.StdErr);
    }

    /// <summary>Runs <c>apibridge diff</c> with its own temp folder (to see that it leaves nothing there) and the warm
    /// Wine prefix template kept under artifacts, shared by every test.</summary>
    private static (ProcessResult Result, string Temp) Diff(string[] args, string? home = null)
    {
        var temp = RepoPaths.ScratchFolder("diff-tmp-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = new Dictionary<string, string?>
        {
            ["TMPDIR"] = temp,
            ["XDG_CACHE_HOME"] = Path.Combine(RepoPaths.Artifacts, "diff-cache"),
        };
        if (home is not null)
            environment["HOME"] = home;
        return (ApiBridgeCli.Run(["diff", .. args], timeout: TimeSpan.FromMinutes(8), environment: environment), temp);
    }

    private static JsonElement Aspect(JsonElement root, string name) =>
        root.GetProperty("aspects").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);

    private static void AssertNoScratchLeft(string temp) =>
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp, "apibridge-diff-*"));
}
