using System.Net;
using System.Net.Sockets;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// `run --isolate` against the escape corpus (tests/Fixtures/EscapeGuest): a Windows guest that tries to read and write
/// outside its prefix by every route it has — System.IO with host paths, Z:, .. from the current folder, a link in the
/// prefix, libc declared or reached by function pointer, reflection, /proc/self/root, a hard link, a shell — and to use
/// TCP. Without --isolate each attempt works (so the corpus proves containment, not a broken fixture); with it each
/// fails, and the canary outside the prefix keeps its text and time. These runs need Landlock, which this machine's
/// kernel (and so CI's) has; the fallback is forced with APIBRIDGE_LANDLOCK=off.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class IsolationTests : IDisposable
{
    private const string CanaryText = "canary";
    private static readonly DateTime CanaryTime = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static readonly string[] Attempts =
    [
        "read-host-path", "read-z-drive", "read-kernel32-z", "read-dotdot", "read-link-in-prefix", "read-libc-open",
        "read-libc-pointer", "read-reflection", "read-proc-self-root", "read-hard-link", "read-shell", "read-libc-system",
        "write-host-path", "write-z-drive", "write-canary-reflection", "write-libc-open", "tcp-connect", "tcp-bind",
    ];

    private static string Guest => Path.Combine(RepoPaths.Root, "tests", "Fixtures", "EscapeGuest", "bin", RepoPaths.Configuration,
        RepoPaths.GuestTargetFramework, "EscapeGuest.dll");

    private readonly string cache = RepoPaths.ScratchFolder("isolation-cache");
    private readonly string canaries = RepoPaths.ScratchFolder("isolation-canaries");
    private readonly string prefix = RepoPaths.ScratchFolder("isolation-prefix");
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public IsolationTests()
    {
        var canary = Path.Combine(canaries, "canary.txt");
        File.WriteAllText(canary, CanaryText);
        File.SetLastWriteTimeUtc(canary, CanaryTime);
        Directory.CreateDirectory(Path.Combine(canaries, "work")); // the guest's current folder: ..\canary.txt
        Directory.CreateDirectory(Path.Combine(prefix, "drive_c"));
        Directory.CreateSymbolicLink(Path.Combine(prefix, "drive_c", "escape"), canaries); // C:\escape points out
        listener.Start(); // connections complete in the backlog; nothing needs to accept them
    }

    public void Dispose() => listener.Stop();

    [Fact]
    public void Without_isolation_every_escape_of_the_corpus_works()
    {
        var run = Run([]);

        Assert.Equal(Attempts.Select(a => $"{a}: ok"), Lines(run));
        Assert.True(File.Exists(Path.Combine(canaries, "written-host-path.txt")), run.Describe());
        Assert.True(File.Exists(Path.Combine(canaries, "written-libc.txt")), run.Describe());
        Assert.EndsWith("escaped", File.ReadAllText(Path.Combine(canaries, "canary.txt")));
    }

    [Fact]
    public void Under_strict_isolation_every_escape_fails_and_nothing_outside_the_prefix_is_read_or_changed()
    {
        var run = Run(["--isolate=strict", "-v"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"apibridge: containment: landlock ABI \d+ \(TCP bind and connect denied\)", run.StdErr);
        AssertAllDenied(run, Attempts);
        AssertCanariesUntouched(run);
        Assert.False(File.Exists(Path.Combine(prefix, "drive_c", "hard-link.txt")), run.Describe());
        Assert.False(File.Exists(Path.Combine(prefix, "drive_c", "system-copy.txt")), run.Describe());
    }

    [Fact]
    public void The_native_launchers_cache_hit_is_contained_the_same_way()
    {
        ProcessResult Launch(params string[] options) =>
            NativeLauncher.Run(["run", "--cache-dir", cache, .. options, Guest, canaries, prefix, Port.ToString()],
                workingDirectory: Path.Combine(canaries, "work"), environment: GuestEnvironment(landlock: null));
        var miss = Launch(); // the installed CLI beside the launcher fills the cache; the launcher then starts the hit itself
        Assert.Contains("read-reflection: ok", Lines(miss));
        ResetCanaries();

        var run = Launch("-v", "--isolate");

        Assert.Contains("(native start)", run.StdErr);
        Assert.Contains("apibridge: containment: landlock ABI", run.StdErr);
        AssertAllDenied(run, Attempts);
        AssertCanariesUntouched(run);
    }

    [Fact]
    public void A_child_guest_inherits_the_containment()
    {
        // The guest installed in the prefix (a contained guest can only start programs it can reach) starts itself again,
        // and the child runs the corpus.
        var installed = Path.Combine(prefix, "drive_c", "app");
        Directory.CreateDirectory(installed);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Guest)!))
            File.Copy(file, Path.Combine(installed, Path.GetFileName(file)));
        ProcessResult RunChild(params string[] options) =>
            ApiBridgeCli.Run(["run", "--cache-dir", cache, "--prefix", prefix, .. options, Path.Combine(installed, "EscapeGuest.dll"),
                    "child", canaries, prefix, Port.ToString()],
                workingDirectory: Path.Combine(canaries, "work"), environment: GuestEnvironment(landlock: null));

        var free = RunChild();
        Assert.Equal([.. Attempts.Select(a => $"{a}: ok"), "child-exit: 0"], Lines(free));
        ResetCanaries();

        var contained = RunChild("--isolate");
        Assert.Contains("child-exit: 0", Lines(contained));
        AssertAllDenied(contained, Attempts);
        AssertCanariesUntouched(contained);
    }

    [Fact]
    public void A_guest_started_as_a_child_of_run_is_contained_too()
    {
        // APIBRIDGE_NO_EXEC: run forks the guest instead of becoming it; the fork comes from the restricted thread.
        var environment = GuestEnvironment(landlock: null);
        environment["APIBRIDGE_NO_EXEC"] = "1";

        var run = ApiBridgeCli.Run(["run", "--isolate", "--cache-dir", cache, "--prefix", prefix, Guest, canaries, prefix, Port.ToString()],
            workingDirectory: Path.Combine(canaries, "work"), environment: environment);

        AssertAllDenied(run, Attempts);
        AssertCanariesUntouched(run);
    }

    [Fact]
    public void Allow_net_gives_a_contained_guest_tcp_and_nothing_else()
    {
        var run = Run(["--isolate", "--allow-net"]);

        var lines = Lines(run);
        Assert.Contains("tcp-connect: ok", lines);
        Assert.Contains("tcp-bind: ok", lines);
        AssertAllDenied(run, Attempts.Where(a => !a.StartsWith("tcp-", StringComparison.Ordinal)));
        AssertCanariesUntouched(run);
    }

    [Fact]
    public void Allow_read_only_lets_the_guest_read_a_folder_but_not_write_it()
    {
        var run = Run(["--isolate", "--allow", canaries + ":ro"]);

        var lines = Lines(run);
        // Through the host's own calls (the shims still map no drive to it): reads work, writes meet the kernel's EACCES.
        Assert.Contains("read-reflection: ok", lines);
        Assert.Contains("read-libc-pointer: ok", lines);
        Assert.Contains(lines, l => l.StartsWith("write-canary-reflection: denied (UnauthorizedAccessException", StringComparison.Ordinal));
        AssertCanariesUntouched(run);
    }

    [Fact]
    public void A_drive_mapped_into_an_allowed_folder_stays_and_a_write_the_kernel_refuses_is_ERROR_ACCESS_DENIED()
    {
        var environment = GuestEnvironment(landlock: null);
        environment["APIBRIDGE_DRIVES"] = $"D={canaries}";
        ProcessResult Drive(params string[] options) =>
            ApiBridgeCli.Run(["run", "--cache-dir", cache, "--prefix", prefix, .. options, Guest, "drive", @"D:\canary.txt"],
                workingDirectory: Path.Combine(canaries, "work"), environment: environment);

        var readOnly = Drive("--isolate", "--allow", canaries + ":ro");
        var notAllowed = Drive("--isolate");

        // The shims map D: (it leads into an allowed folder) and open the file for writing; the kernel says EACCES.
        Assert.Equal(["kernel32-read: ok (canary)", "kernel32-write: error 5"], Lines(readOnly));
        Assert.Equal(["kernel32-read: error 3", "kernel32-write: error 3"], Lines(notAllowed)); // no D: at all
        AssertCanariesUntouched(readOnly);
    }

    [Fact]
    public void A_contained_guest_still_writes_its_relay_trace_named_outside_the_prefix()
    {
        var trace = Path.Combine(RepoPaths.ScratchFolder("isolation-trace"), "trace.log");

        var run = Run(["--isolate", "--trace", "+file", "--trace-file", trace]);

        Assert.Equal(0, run.ExitCode);
        // The shared file writer needs a named mutex too (the runtime's $TMPDIR/.dotnet): without it the file stays empty.
        Assert.Contains(File.ReadLines(trace), line => line.Contains("kernel32.CreateFileW", StringComparison.Ordinal));
        AssertAllDenied(run, Attempts);
    }

    [Fact]
    public void An_allowed_path_that_does_not_exist_is_refused_in_one_line()
    {
        var run = Run(["--isolate", "--allow", Path.Combine(canaries, "missing") + ":ro"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.StdOut);
        Assert.Matches(@"^apibridge: --allow '.*missing:ro': .*missing does not exist\n$", run.StdErr);
        Assert.Empty(Directory.GetDirectories(cache)); // refused before the rewrite

        // A variable set for contained runs does not stop an uncontained one.
        var environment = GuestEnvironment(landlock: null);
        environment["APIBRIDGE_ALLOW"] = Path.Combine(canaries, "missing");
        var free = ApiBridgeCli.Run(["run", "--cache-dir", cache, "--prefix", prefix, Guest, "drive", @"C:\x.txt"], environment: environment);
        Assert.Equal(0, free.ExitCode);
    }

    [Fact]
    public void Without_landlock_isolate_warns_once_and_keeps_only_the_path_checks()
    {
        var run = Run(["--isolate", "-v"], landlock: "off");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.StdErr.Split('\n'), l => l.Contains("warning: --isolate", StringComparison.Ordinal));
        Assert.Contains("apibridge: containment: path checks only (Landlock turned off by APIBRIDGE_LANDLOCK=off)", run.StdErr);
        var lines = Lines(run);
        Assert.Contains(lines, l => l.StartsWith("read-z-drive: denied", StringComparison.Ordinal)); // the shims still refuse Z:
        Assert.Contains("read-reflection: ok", lines); // and that is all they can do
    }

    [Fact]
    public void Strict_isolation_without_landlock_refuses_to_start_the_guest()
    {
        var run = Run(["--isolate=strict"], landlock: "off");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.StdOut);
        Assert.Equal("apibridge: --isolate=strict: Landlock turned off by APIBRIDGE_LANDLOCK=off, so the kernel cannot contain the guest; "
            + "not started (plain --isolate runs it with path checks only)\n", run.StdErr);
        AssertCanariesUntouched(run);
        Assert.Empty(Directory.GetDirectories(cache)); // refused before the rewrite
    }

    [Fact]
    public void An_app_rewritten_with_isolate_keeps_the_path_checks_wherever_it_is_started()
    {
        // rewrite --isolate puts the ApiBridge.Isolate switch in the runtimeconfig; started with plain dotnet (no run,
        // so no Landlock) the shims refuse every guest path out of the prefix, and only those.
        ProcessResult Started(bool isolate)
        {
            var output = Path.Combine(RepoPaths.ScratchFolder(isolate ? "isolation-rewritten" : "isolation-rewritten-free"), "out");
            string[] options = isolate ? ["--isolate"] : [];
            var rewrite = ApiBridgeCli.Run(["rewrite", Path.GetDirectoryName(Guest)!, "-o", output, .. options]);
            Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
            var environment = GuestEnvironment(landlock: null);
            environment["APIBRIDGE_PREFIX"] = prefix;
            return DotNet.Run([Path.Combine(output, "EscapeGuest.dll"), canaries, prefix, Port.ToString()],
                workingDirectory: Path.Combine(canaries, "work"), environment: environment);
        }

        var free = Lines(Started(isolate: false));
        File.WriteAllText(Path.Combine(canaries, "canary.txt"), CanaryText); // the free run's writes got through
        var contained = Lines(Started(isolate: true));

        Assert.Contains(contained, l => l.StartsWith("read-z-drive: denied", StringComparison.Ordinal));
        Assert.Contains(contained, l => l.StartsWith("read-dotdot: denied", StringComparison.Ordinal));
        Assert.Contains("read-reflection: ok", contained); // the host's own calls: Landlock's part, which only run adds
        Assert.Contains("read-z-drive: ok", free);
    }

    private int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private ProcessResult Run(string[] options, string? landlock = null) =>
        ApiBridgeCli.Run(["run", "--cache-dir", cache, "--prefix", prefix, .. options, Guest, canaries, prefix, Port.ToString()],
            workingDirectory: Path.Combine(canaries, "work"), environment: GuestEnvironment(landlock));

    // A shell is a host program: allowed by name, so only containment can stop it.
    private static Dictionary<string, string?> GuestEnvironment(string? landlock) => new()
    {
        ["APIBRIDGE_HOST_PROGRAMS"] = "*",
        ["APIBRIDGE_LANDLOCK"] = landlock,
        ["APIBRIDGE_ISOLATE"] = null,
        ["APIBRIDGE_ALLOW"] = null,
    };

    private static string[] Lines(ProcessResult run) =>
        run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void AssertAllDenied(ProcessResult run, IEnumerable<string> attempts)
    {
        var lines = Lines(run);
        foreach (var attempt in attempts)
            Assert.True(lines.Any(l => l.StartsWith($"{attempt}: denied", StringComparison.Ordinal)), $"{attempt} was not denied\n{run.Describe()}");
    }

    private void AssertCanariesUntouched(ProcessResult run)
    {
        var canary = Path.Combine(canaries, "canary.txt");
        Assert.Equal(CanaryText, File.ReadAllText(canary));
        Assert.Equal(CanaryTime, File.GetLastWriteTimeUtc(canary));
        Assert.True(Directory.GetFiles(canaries).Length == 1, $"files appeared beside the canary\n{run.Describe()}");
    }

    private void ResetCanaries()
    {
        foreach (var file in Directory.GetFiles(canaries))
            File.Delete(file);
        var canary = Path.Combine(canaries, "canary.txt");
        File.WriteAllText(canary, CanaryText);
        File.SetLastWriteTimeUtc(canary, CanaryTime);
        File.Delete(Path.Combine(prefix, "drive_c", "hard-link.txt"));
        File.Delete(Path.Combine(prefix, "drive_c", "system-copy.txt"));
    }
}
