using ApiBridge.Run.Cache;
using ApiBridge.Run.Starting;

namespace ApiBridge.Core.Tests;

/// <summary>
/// What the managed CLI and the native launcher share for `run`: the command line split and parse, the guest layout and
/// the cache key. A key that ignored a change would start a stale rewrite; one that changed without cause would
/// rewrite on every start.
/// </summary>
public sealed class RunCacheTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("apibridge-runcache-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Plain_run_options_are_parsed_and_everything_after_the_guest_is_the_guests()
    {
        string[] args = ["run", "--trace", "+time", "--trace-file", "t.log", "--cache-dir", "c", "--prefix", "p", "--isolate", "-v",
            "guest.dll", "--isolate", "-v", "--", "x"];

        Assert.True(RunCommandLine.TryParse(args, out var options, out var guest, out var guestArguments));

        Assert.Equal("guest.dll", guest);
        Assert.Equal(["--isolate", "-v", "--", "x"], guestArguments);
        Assert.Equal(new RunOptions
        {
            TraceSpecification = "+time", TraceFilePath = "t.log", CacheDirectory = "c", PrefixFolder = "p", IsolateGuest = true, IsVerbose = true,
        }, options);
    }

    [Fact]
    public void A_double_dash_ends_runs_options()
    {
        Assert.True(RunCommandLine.TryParse(["run", "-v", "--", "g.dll", "--isolate"], out var options, out var guest, out var guestArguments));
        Assert.Equal("g.dll", guest);
        Assert.Equal(["--isolate"], guestArguments);
        Assert.Equal(new RunOptions { IsVerbose = true }, options);
    }

    [Theory]
    [InlineData("run --trace=+time g.dll")]
    [InlineData("run --help")]
    [InlineData("run -h g.dll")]
    [InlineData("run --no-such-option g.dll")]
    [InlineData("run --trace")]
    [InlineData("run")]
    [InlineData("run -- -odd.dll")] // System.CommandLine takes it for an option: its error, not a guess here
    public void Anything_but_the_plain_forms_is_left_to_the_managed_parser(string commandLine) =>
        Assert.False(RunCommandLine.TryParse(commandLine.Split(' '), out _, out _, out _));

    [Fact]
    public void The_guest_environment_carries_every_option_as_the_shims_read_it()
    {
        var environment = new RunOptions { TraceSpecification = "+file", TraceFilePath = "t.log", PrefixFolder = "p", IsolateGuest = true }
            .GuestEnvironment("/cache");

        Assert.Equal("/cache", environment["APIBRIDGE_CACHE"]);
        Assert.Equal("+file", environment["APIBRIDGE_TRACE"]);
        Assert.Equal(Path.GetFullPath("t.log"), environment["APIBRIDGE_TRACE_FILE"]);
        Assert.Equal(Path.GetFullPath("p"), environment["APIBRIDGE_PREFIX"]);
        Assert.Equal("1", environment["APIBRIDGE_ISOLATE"]);
        Assert.Single(new RunOptions().GuestEnvironment("/cache"));
    }

    [Fact]
    public void The_key_is_stable_for_an_unchanged_app_and_ignores_apibridges_own_work_folders()
    {
        var (payload, guest) = App();
        var before = Key(payload, guest);
        Directory.CreateDirectory(Path.Combine(root, "app", ".apibridge-staging-1"));
        File.WriteAllText(Path.Combine(root, "app", ".apibridge-staging-1", "x.dll"), "half written");

        Assert.Equal(before, Key(payload, guest));
    }

    [Fact]
    public void The_key_follows_the_entry_assemblys_bytes_even_at_the_same_size_and_time()
    {
        var (payload, guest) = App();
        var before = Key(payload, guest);
        var time = File.GetLastWriteTimeUtc(guest);
        var bytes = File.ReadAllBytes(guest);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(guest, bytes);
        File.SetLastWriteTimeUtc(guest, time);

        Assert.NotEqual(before, Key(payload, guest));
    }

    [Theory]
    [InlineData("app/App.runtimeconfig.json")] // another file of the app
    [InlineData("app/sub/Data.dll")]           // a file in a subfolder
    [InlineData("payload/ApiBridge.Shims.dll")] // the bridge itself
    public void The_key_follows_every_other_files_time(string relative)
    {
        var (payload, guest) = App();
        var before = Key(payload, guest);
        File.SetLastWriteTimeUtc(Path.Combine(root, relative), DateTime.UtcNow.AddMinutes(5));

        Assert.NotEqual(before, Key(payload, guest));
    }

    [Fact]
    public void A_file_added_to_the_app_changes_the_key()
    {
        var (payload, guest) = App();
        var before = Key(payload, guest);
        File.WriteAllText(Path.Combine(root, "app", "New.dll"), "new");

        Assert.NotEqual(before, Key(payload, guest));
    }

    [Fact]
    public void An_apphost_stands_for_the_assembly_beside_it_and_the_slot_mirrors_the_app()
    {
        var (payload, guest) = App();
        var apphost = Path.Combine(root, "app", "App");
        File.WriteAllBytes(apphost, [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0]);

        var layout = GuestLayout.Locate(apphost)!;
        var slot = CacheSlot.For("/cache", payload, layout);

        Assert.Equal(guest, layout.EntryAssembly);
        Assert.True(layout.IsAppFolder);
        Assert.Equal(Path.Combine(root, "app"), layout.Root);
        Assert.StartsWith("/cache/App-", slot.Folder);
        Assert.Equal(Path.Combine(slot.Folder, "App.dll"), slot.EntryAssembly);
        Assert.False(slot.IsComplete);
        Assert.Null(GuestLayout.Locate(Path.Combine(root, "missing.dll")));
    }

    private (string Payload, string Guest) App()
    {
        var payload = Directory.CreateDirectory(Path.Combine(root, "payload")).FullName;
        File.WriteAllText(Path.Combine(payload, "ApiBridge.Shims.dll"), "shims");
        var app = Directory.CreateDirectory(Path.Combine(root, "app")).FullName;
        File.Copy(typeof(RunCacheTests).Assembly.Location, Path.Combine(app, "App.dll"), overwrite: true);
        File.WriteAllText(Path.Combine(app, "App.runtimeconfig.json"), "{}");
        Directory.CreateDirectory(Path.Combine(app, "sub"));
        File.WriteAllText(Path.Combine(app, "sub", "Data.dll"), "data");
        return (payload, Path.Combine(app, "App.dll"));
    }

    private static string Key(string payload, string guest) => CacheKey.Compute(payload, GuestLayout.Locate(guest)!);
}
