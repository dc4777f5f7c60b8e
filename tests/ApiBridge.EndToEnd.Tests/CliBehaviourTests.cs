using System.Diagnostics;
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
        // GetTickCount64 is called with no adapter between guest and shim (a cannot-fail shim): it traces itself.
        Assert.Matches(@"trace:time kernel32\.GetTickCount64\(\) ret=\d+ err=0", traced.StdErr);
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
        // Cannot-fail shims, called directly (DllImport) and through a LibraryImport stub, log themselves; the guest
        // calls GetCurrentProcessId once, so one line shows that no adapter logs it a second time.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(log, @"trace:env kernel32\.GetCurrentProcessId\(\) ret=\d+ err=0"));
        Assert.Matches(@"trace:env kernel32\.GetCurrentThreadId\(\) ret=\d+ err=0", log);
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
        foreach (var verb in new[] { "analyze", "rewrite", "run", "cache" })
            Assert.Contains(verb, help.StdOut);
        var runHelp = ApiBridgeCli.Run(["run", "--help"]);
        foreach (var option in new[] { "--trace", "--trace-file", "--cache-dir", "--prefix", "--isolate" })
            Assert.Contains(option, runHelp.StdOut);
        var cleanHelp = ApiBridgeCli.Run(["cache", "clean", "--help"]);
        foreach (var option in new[] { "--older-than", "--all", "--cache-dir" })
            Assert.Contains(option, cleanHelp.StdOut);
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

    // ---- the run cache: list, clean, the cap, and the prefix check ----------------------------------------------

    /// <summary>A copy of WinTimeGuest that is its own cache entry (copies keep file times, so one file's time is moved).</summary>
    private static string DistinctApp(string scratchName, int minutes)
    {
        var guest = WinTimeGuest.CopyApp(scratchName);
        File.SetLastWriteTimeUtc(Path.Combine(Path.GetDirectoryName(guest)!, WinTimeGuest.Name + ".deps.json"), DateTime.UtcNow.AddMinutes(minutes));
        return guest;
    }

    private static string EntryOf(string cache, string guest) =>
        Directory.GetDirectories(cache).Single(folder => File.ReadAllText(Path.Combine(folder, ".apibridge-entry")).Contains(guest));

    [Fact]
    public void Cache_list_shows_each_entry_with_its_guest_size_last_use_and_whether_it_is_in_use()
    {
        var cache = RepoPaths.ScratchFolder("list-cache");
        var first = DistinctApp("list-app-1", 1);
        var second = DistinctApp("list-app-2", 2);
        Assert.Equal(0, ApiBridgeCli.Run(["run", "--cache-dir", cache, first]).ExitCode);
        Assert.Equal(0, ApiBridgeCli.Run(["run", "--cache-dir", cache, second]).ExitCode);

        var list = ApiBridgeCli.Run(["cache", "list", "--cache-dir", cache]);
        var fromVariable = ApiBridgeCli.Run(["cache", "list"], environment: new Dictionary<string, string?> { ["APIBRIDGE_CACHE"] = cache });
        var empty = ApiBridgeCli.Run(["cache", "list", "--cache-dir", RepoPaths.ScratchFolder("list-empty-cache")]);

        Assert.Equal(0, list.ExitCode);
        var lines = list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("LAST USED", lines[0]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d +\d+\.\d [KM]iB  no +" + System.Text.RegularExpressions.Regex.Escape(second) + "$", lines[1]); // most recent first
        Assert.EndsWith(first, lines[2]);
        Assert.Matches(@"^2 entries, \d+\.\d MiB in " + System.Text.RegularExpressions.Regex.Escape(cache) + @" \(cap 2\.0 GiB\)$", lines[3]);
        Assert.Equal(list.StdOut, fromVariable.StdOut);
        Assert.StartsWith("0 entries, 0 B", empty.StdOut);
    }

    [Fact]
    public void Cache_clean_removes_entries_by_age_or_all_and_refuses_a_duration_it_cannot_read()
    {
        var cache = RepoPaths.ScratchFolder("clean-cache");
        var stale = DistinctApp("clean-app-stale", 1);
        var fresh = DistinctApp("clean-app-fresh", 2);
        Assert.Equal(0, ApiBridgeCli.Run(["run", "--cache-dir", cache, stale]).ExitCode);
        Assert.Equal(0, ApiBridgeCli.Run(["run", "--cache-dir", cache, fresh]).ExitCode);
        File.SetLastWriteTimeUtc(Path.Combine(EntryOf(cache, stale), ".apibridge-used"), DateTime.UtcNow.AddDays(-8)); // last run 8 days ago

        var badDuration = ApiBridgeCli.Run(["cache", "clean", "--cache-dir", cache, "--older-than", "7x"]);
        var week = ApiBridgeCli.Run(["cache", "clean", "--cache-dir", cache, "--older-than", "7d"]);
        var entriesAfterWeek = Directory.GetDirectories(cache).Length;
        var all = ApiBridgeCli.Run(["cache", "clean", "--cache-dir", cache, "--all"]);

        Assert.Equal(2, badDuration.ExitCode);
        Assert.Equal("apibridge: --older-than 7x: not a duration (7d, 12h, 30m, 45s, 2w)", badDuration.StdErr.Trim());
        Assert.Equal(0, week.ExitCode);
        Assert.Contains($"removed {stale} (", week.StdOut);
        Assert.DoesNotContain(fresh, week.StdOut);
        Assert.Equal(1, entriesAfterWeek);
        Assert.Equal(0, all.ExitCode);
        Assert.Contains($"removed {fresh} (", all.StdOut);
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }

    [Fact]
    public void The_cap_evicts_the_least_recently_used_entry_but_never_one_a_running_guest_uses()
    {
        var cache = RepoPaths.ScratchFolder("cap-cache");
        var busy = DistinctApp("cap-app-busy", 1);
        var older = DistinctApp("cap-app-older", 2);
        var newer = DistinctApp("cap-app-newer", 3);
        var added = DistinctApp("cap-app-added", 4);

        // The busy guest waits for a line on stdin; apibridge execs into it, so the guest itself holds its entry.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { ApiBridgeCli.Dll, "run", "--cache-dir", cache, busy, "--stdin" })
            start.ArgumentList.Add(argument);
        using var running = Process.Start(start)!;
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!ApiBridgeCli.Run(["cache", "list", "--cache-dir", cache]).StdOut.Contains("yes     " + busy))
            {
                Assert.True(DateTime.UtcNow < deadline && !running.HasExited, "the busy guest never showed as in use");
                Thread.Sleep(200);
            }
            Assert.Equal(0, ApiBridgeCli.Run(["run", "--cache-dir", cache, older]).ExitCode);
            Assert.Equal(0, ApiBridgeCli.Run(["run", "--cache-dir", cache, newer]).ExitCode);
            var entrySize = Directory.GetFiles(EntryOf(cache, busy), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

            // Room for three and a half entries: the busy one is the least recently used (its run started first) but is
            // kept; the older idle one goes, and then the cache fits.
            var run = ApiBridgeCli.Run(["run", "-v", "--cache-dir", cache, added],
                environment: new Dictionary<string, string?> { ["APIBRIDGE_CACHE_MAX"] = (entrySize * 7 / 2).ToString() });

            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"apibridge: evicted {older} (", run.StdErr);
            Assert.Contains($"apibridge: kept {busy} (", run.StdErr);
            Assert.DoesNotContain(newer, run.StdErr);
            var left = ApiBridgeCli.Run(["cache", "list", "--cache-dir", cache]).StdOut;
            Assert.DoesNotContain(older, left);
            Assert.Contains(newer, left);
            Assert.Contains(added, left);
            Assert.Contains("yes     " + busy, left);
        }
        finally
        {
            running.StandardInput.WriteLine("done");
            running.StandardInput.Close();
            if (!running.WaitForExit(60_000))
                running.Kill(entireProcessTree: true);
        }
        Assert.Equal(0, running.ExitCode);
        Assert.Contains("no      " + busy, ApiBridgeCli.Run(["cache", "list", "--cache-dir", cache]).StdOut); // the lock ended with the guest
    }

    [Fact]
    public void A_bad_cache_cap_is_one_line_and_exit_2()
    {
        var run = ApiBridgeCli.Run(["run", "--cache-dir", RepoPaths.ScratchFolder("badcap-cache"), WinTimeGuest.Dll],
            environment: new Dictionary<string, string?> { ["APIBRIDGE_CACHE_MAX"] = "2 gigs" });
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("apibridge: APIBRIDGE_CACHE_MAX=2 gigs: not a size (500M, 2G, 1.5G, 0 = unlimited)", run.StdErr.Trim());
        Assert.Empty(run.StdOut);
    }

    [Theory]
    [InlineData("managed CLI")]
    [InlineData("native launcher")]
    public void A_cache_hit_updates_the_entrys_last_use(string front)
    {
        var cache = RepoPaths.ScratchFolder(front == "native launcher" ? "lastuse-native-cache" : "lastuse-cache");
        // Each installation keys the cache by its own files: the launcher's miss goes to the managed CLI beside it.
        ProcessResult Run() => front == "native launcher"
            ? NativeLauncher.Run(["run", "-v", "--cache-dir", cache, WinTimeGuest.Dll])
            : ApiBridgeCli.Run(["run", "-v", "--cache-dir", cache, WinTimeGuest.Dll]);
        Assert.Contains("apibridge: rewrote", Run().StdErr);
        var stamp = Path.Combine(Assert.Single(Directory.GetDirectories(cache)), ".apibridge-used");
        File.SetLastWriteTimeUtc(stamp, DateTime.UtcNow.AddDays(-30));

        var hit = Run();

        Assert.Contains("apibridge: reusing", hit.StdErr);
        Assert.Equal(front == "native launcher", hit.StdErr.Contains("(native start)"));
        Assert.True(File.GetLastWriteTimeUtc(stamp) > DateTime.UtcNow.AddMinutes(-5), "the hit did not touch the entry's stamp");
    }

    [Theory]
    [InlineData("below a file")]
    [InlineData("in sysfs")]
    public void An_unusable_prefix_is_one_line_naming_it_and_exit_2_before_the_guest_starts(string where)
    {
        // Root in CI may write anywhere permissions alone guard: these fail for root too.
        if (!OperatingSystem.IsLinux())
            return;
        var scratch = RepoPaths.ScratchFolder("bad-prefix");
        File.WriteAllText(Path.Combine(scratch, "file.txt"), "not a folder");
        var prefix = where == "below a file" ? Path.Combine(scratch, "file.txt", "prefix") : "/sys/apibridge-e2e-prefix";

        var run = ApiBridgeCli.Run(["run", "--cache-dir", RepoPaths.ScratchFolder("bad-prefix-cache"), "--prefix", prefix, WinTimeGuest.Dll]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StdErr.Trim().Split('\n'));
        Assert.StartsWith($"apibridge: the prefix {prefix} ", line);
        Assert.DoesNotContain("WinTimeGuest: start", run.StdOut); // the guest never ran
    }
}
