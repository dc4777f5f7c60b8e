using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>The CLI's own behaviour around a guest: relay tracing, the rewrite cache, help and text output.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CliBehaviourTests
{
    [Fact]
    public void Trace_logs_the_chosen_channel_with_arguments_result_and_last_error_and_nothing_else()
    {
        var cache = RepoPaths.ScratchFolder("trace-cache");
        var plain = ApiBridgeCli.Run(["run", "--cache-dir", cache, WinTimeGuest.Dll]);
        var traced = ApiBridgeCli.Run(["run", "--cache-dir", cache, "--trace", "+time", WinTimeGuest.Dll]);

        Assert.Equal(0, traced.ExitCode);
        TranscriptAssert.Equal(Transcript.Of(plain), Transcript.Of(traced), "untraced", "traced"); // tracing never changes what the guest sees
        Assert.Contains("trace:time kernel32.QueryPerformanceFrequency(", traced.StdErr);
        Assert.Contains("trace:time kernel32.GetTickCount64() ret=", traced.StdErr);
        Assert.Matches(@"trace:time kernel32\.SystemTimeToFileTime\(\{[^}]*wMonth=13[^}]*\},[^)]*\) ret=FALSE err=87", traced.StdErr);
        Assert.DoesNotContain("trace:env", traced.StdErr);
        Assert.DoesNotContain("trace:", plain.StdErr);
    }

    [Fact]
    public void Trace_goes_to_a_file_when_asked_and_filters_single_functions()
    {
        var cache = RepoPaths.ScratchFolder("trace-file-cache");
        var file = Path.Combine(RepoPaths.ScratchFolder("trace-file"), "relay.log");
        var traced = ApiBridgeCli.Run(["run", "--cache-dir", cache, "--trace", "+env,-env:SetEnvironmentVariableW", "--trace-file", file, WinTimeGuest.Dll]);

        Assert.Equal(0, traced.ExitCode);
        Assert.DoesNotContain("trace:", traced.StdErr);
        var log = File.ReadAllText(file);
        Assert.Matches(@"trace:env kernel32\.GetEnvironmentVariableW\(""[^""]*"",[^)]*\) ret=0 err=203", log);
        Assert.DoesNotContain("SetEnvironmentVariableW", log);
        Assert.DoesNotContain("trace:time", log);
    }

    [Theory]
    [InlineData("managed CLI")]
    [InlineData("native launcher")]
    public void Run_rewrites_once_and_reuses_the_cache_until_the_app_changes(string front)
    {
        var native = front == "native launcher";
        var guest = WinTimeGuest.CopyApp(native ? "native-cache-app" : "cache-app");
        var app = Path.GetDirectoryName(guest)!;
        var cache = RepoPaths.ScratchFolder(native ? "native-changed-cache" : "cache");
        ProcessResult Run() => native
            ? NativeLauncher.Run(["run", "-v", "--cache-dir", cache, guest])
            : ApiBridgeCli.Run(["run", "-v", "--cache-dir", cache, guest]);

        var first = Run();
        var second = Run();
        File.SetLastWriteTimeUtc(Path.Combine(app, WinTimeGuest.Name + ".deps.json"), DateTime.UtcNow.AddMinutes(1));
        var third = Run();

        Assert.Contains("apibridge: rewrote", first.StdErr); // a miss is always the managed CLI's
        Assert.Contains("apibridge: reusing", second.StdErr);
        Assert.Equal(native, second.StdErr.Contains("(native start)"));
        Assert.Contains("apibridge: rewrote", third.StdErr);
        TranscriptAssert.Equal(Transcript.Of(first), Transcript.Of(second), "first run", "cached run");
        Assert.Equal(2, Directory.GetDirectories(cache).Length);
        Assert.Empty(Directory.GetDirectories(cache, ".apibridge-*"));
    }

    [Fact]
    public void Help_documents_every_verb_and_the_run_options()
    {
        var help = ApiBridgeCli.Run(["--help"]);
        Assert.Equal(0, help.ExitCode);
        foreach (var verb in new[] { "analyze", "rewrite", "run" })
            Assert.Contains(verb, help.StdOut);
        var runHelp = ApiBridgeCli.Run(["run", "--help"]);
        foreach (var option in new[] { "--trace", "--trace-file", "--cache-dir", "--prefix", "--isolate" })
            Assert.Contains(option, runHelp.StdOut);
    }

    [Fact]
    public void Text_analysis_ends_with_the_coverage_total()
    {
        var analyze = ApiBridgeCli.Run(["analyze", WinTimeGuest.Dll]);
        Assert.Equal(0, analyze.ExitCode);
        var lines = analyze.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^Total: \d+ platform imports in 1 assemblies: \d+ bound, 0 without a shim, 0 unsupported \(100% bound\)", lines[^1]);
        Assert.Contains(lines, l => l.Contains("kernel32!QueryPerformanceCounter") && l.Contains("bound -> ApiBridge.Shims.Win32.Kernel32.Time::QueryPerformanceCounter"));
    }

    [Fact]
    public void Guest_arguments_that_look_like_options_reach_the_guest()
    {
        var run = ApiBridgeCli.Run(["run", "--cache-dir", RepoPaths.ScratchFolder("args-cache"), WinTimeGuest.Dll, "--trace", "-v", "--", "x"]);
        Assert.Contains("arg count: 4", run.StdOut);
        Assert.Contains("arg[0]: --trace", run.StdOut);
        Assert.Contains("arg[2]: --", run.StdOut);
        Assert.DoesNotContain("trace:", run.StdErr);
    }

    [Fact]
    public void Reg_imports_exports_and_queries_the_prefix_registry()
    {
        var prefix = RepoPaths.ScratchFolder("reg-prefix");
        var regFile = Path.Combine(RepoPaths.ScratchFolder("reg-files"), "demo.reg");
        File.WriteAllText(regFile, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\ApiBridgeDemo]\r\n\"Name\"=\"value\"\r\n\"Count\"=dword:0000002a\r\n");

        var import = ApiBridgeCli.Run(["reg", "--prefix", prefix, "import", regFile]);
        var query = ApiBridgeCli.Run(["reg", "--prefix", prefix, "query", @"HKCU\Software\ApiBridgeDemo"]);
        var exported = Path.Combine(RepoPaths.ScratchFolder("reg-export"), "out.reg");
        var export = ApiBridgeCli.Run(["reg", "--prefix", prefix, "export", @"HKEY_CURRENT_USER\Software\ApiBridgeDemo", exported]);
        var missing = ApiBridgeCli.Run(["reg", "--prefix", prefix, "query", @"HKCU\Software\NoSuchKey"]);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("Name    REG_SZ    value", query.StdOut);
        Assert.Contains("Count    REG_DWORD    0x2a", query.StdOut);
        Assert.Equal(0, export.ExitCode);
        var text = File.ReadAllText(exported); // UTF-16 with BOM, as regedit writes
        Assert.StartsWith("Windows Registry Editor Version 5.00", text);
        Assert.Contains("\"Count\"=dword:0000002a", text);
        Assert.True(File.Exists(Path.Combine(prefix, "user.reg")));
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(missing.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public void Run_starts_a_win_x64_self_contained_publish_on_Linux_like_wine_does()
    {
        var scenario = WinTimeGuest.Full;
        var wine = WinTimeGuest.UnderWine(scenario); // also makes sure the publish folder exists
        var cache = RepoPaths.ScratchFolder("publish-run-cache");

        var bridged = ApiBridgeCli.Run(new[] { "run", "--cache-dir", cache, WinX64Publish.Exe(WinTimeGuest.Name) }.Concat(scenario.Args), scenario.Stdin);

        TranscriptAssert.Equal(Transcript.Of(wine), Transcript.Of(bridged), "wine App.exe", "apibridge run App.exe", bridged.Describe());
        Assert.Equal(wine.ExitCode, bridged.ExitCode);
        var entry = Assert.Single(Directory.GetDirectories(cache));
        Assert.False(File.Exists(Path.Combine(entry, "System.Private.CoreLib.dll"))); // the host's framework runs it
        Assert.Contains("\"frameworks\"", File.ReadAllText(Path.Combine(entry, WinTimeGuest.Name + ".runtimeconfig.json")));
    }
}
