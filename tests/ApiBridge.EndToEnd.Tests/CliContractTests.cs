using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// The CLI's contract as the README states it: usage errors exit 2 with "apibridge: " lines and a pointer to the help,
/// a trace specification is checked against the channels the shims relay on, the run usage line says that everything
/// after the guest is the guest's, and the managed registry is traced on the same channel as advapi32.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CliContractTests
{
    [Theory]
    [InlineData("no-such-verb")]
    [InlineData("rewrite only-an-input.dll")]
    [InlineData("analyze --no-such-option x.dll")]
    [InlineData("run")]
    public void Usage_errors_exit_2_with_apibridge_lines_and_where_the_usage_is(string commandLine)
    {
        var result = ApiBridgeCli.Run(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        var lines = result.StdErr.TrimEnd('\n').Split('\n');
        Assert.All(lines[..^1], line => Assert.StartsWith("apibridge: ", line));
        Assert.Matches(@"^Run 'apibridge( \w+)? --help' for usage\.$", lines[^1]);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Theory]
    [InlineData("+bogus", "unknown trace channel 'bogus'")]
    [InlineData("+file,,+env", "an empty item")]
    [InlineData("+file:", "names no function")]
    [InlineData("+all:Sleep", "names no function")]
    public void A_bad_trace_specification_is_refused_before_the_guest_starts_and_the_valid_channels_are_listed(string specification, string problem)
    {
        var cache = RepoPaths.ScratchFolder("bad-trace-cache");
        foreach (var result in new[]
                 {
                     ApiBridgeCli.Run(["run", "--cache-dir", cache, "--trace", specification, WinTimeGuest.Dll]),
                     NativeLauncher.Run(["run", "--cache-dir", cache, "--trace", specification, WinTimeGuest.Dll]),
                 })
        {
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(problem, result.StdErr);
            if (problem.StartsWith("unknown", StringComparison.Ordinal))
                Assert.Contains("(channels: all, env, file, memory, process, registry, time)", result.StdErr);
            Assert.Empty(result.StdOut); // the guest never ran
        }
        Assert.False(Directory.Exists(cache) && Directory.EnumerateFileSystemEntries(cache).Any(), "a refused run made a cache entry");
    }

    [Fact]
    public void Run_help_shows_options_before_the_guest_and_lists_the_trace_channels()
    {
        var help = ApiBridgeCli.Run(["run", "--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("  apibridge run [options] [--] <guest> [<arguments>...]\n", help.StdOut.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("[<arguments>...] [options]", help.StdOut);
        Assert.Contains("Channels: env, file, memory, process, registry, time", help.StdOut);
    }

    [Fact]
    public void The_run_hint_after_a_rewrite_quotes_a_path_with_spaces()
    {
        var output = Path.Combine(RepoPaths.ScratchFolder("hint"), "my app");
        var rewrite = ApiBridgeCli.Run(["rewrite", Path.GetDirectoryName(WinTimeGuest.Dll)!, "-o", output]);

        Assert.Equal(0, rewrite.ExitCode);
        Assert.Contains($"Run it with: dotnet '{Path.Combine(output, WinTimeGuest.Name + ".dll")}'", rewrite.StdOut);
    }

    [Fact]
    public void Managed_registry_calls_are_traced_on_the_registry_channel_like_advapi32()
    {
        var prefix = RepoPaths.ScratchFolder("registry-trace-prefix");
        var traced = ApiBridgeCli.Run(["run", "--prefix", prefix, "--trace", "+registry", RepoPaths.GuestDll(WinRegistryGuestTests.Name)]);

        Assert.Equal(0, traced.ExitCode);
        Assert.Matches(@"trace:registry RegistryKey\.CreateSubKey\(""HKEY_CURRENT_USER"",""Software\\\\ApiBridgeTest\\\\Guest\\\\Nested\\\\Deeper"",[^)]*\) ret=""HKEY_CURRENT_USER\\\\Software", traced.StdErr);
        Assert.Matches(@"trace:registry RegistryKey\.SetValue\(""HKEY_CURRENT_USER\\\\[^""]*"",""a binary"",", traced.StdErr);
        Assert.Matches(@"trace:registry RegistryKey\.DeleteSubKeyTree\(""HKEY_CURRENT_USER"",", traced.StdErr);
        Assert.Matches(@"trace:registry advapi32\.RegOpenKeyExW\(", traced.StdErr); // the P/Invoke route, on the same channel
    }
}
