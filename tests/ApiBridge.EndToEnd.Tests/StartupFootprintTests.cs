using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// What a bridged guest loads to start (issue 17): a one-line guest that calls kernel32's GetTickCount64 and
/// GetCurrentProcessId loads the bridge's runtime and its kernel32 shims, and nothing of the container or logging
/// the bridge ships — those load only when asked for (tracing on, a host that configures services).
/// </summary>
public sealed class StartupFootprintTests
{
    private static string TinyGuestBuild => Path.Combine(RepoPaths.Root, "tests", "Fixtures", "TinyGuest", "bin", RepoPaths.Configuration, RepoPaths.ToolTargetFramework);

    [Fact]
    public void A_one_line_guest_loads_the_runtime_and_its_shims_only()
    {
        var guest = Rewritten("footprint-default");

        var run = DotNet.Run([guest, "loaded"], environment: new Dictionary<string, string?> { ["APIBRIDGE_TRACE"] = null });

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("ticks positive, pid matches", run.StdOut);
        Assert.Equal(["ApiBridge.Runtime", "ApiBridge.Shims.Win32", "TinyGuest"], Loaded(run.StdOut));
    }

    [Fact]
    public void Tracing_loads_the_logger_when_it_is_turned_on()
    {
        var guest = Rewritten("footprint-traced");

        var run = DotNet.Run([guest, "loaded"], environment: new Dictionary<string, string?> { ["APIBRIDGE_TRACE"] = "+time" });

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("trace:time kernel32.GetTickCount64()", run.StdErr);
        Assert.Contains("ApiBridge.Vendor.Serilog", Loaded(run.StdOut));
        Assert.DoesNotContain("ApiBridge.Vendor.Microsoft.Extensions.DependencyInjection", Loaded(run.StdOut));
    }

    private static string Rewritten(string scratch)
    {
        var output = Path.Combine(RepoPaths.ScratchFolder(scratch), "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", TinyGuestBuild, "-o", output]);
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        return Path.Combine(output, "TinyGuest.dll");
    }

    private static List<string> Loaded(string stdout) =>
        stdout.Split('\n').Where(l => l.StartsWith("loaded: ", StringComparison.Ordinal)).Select(l => l["loaded: ".Length..].Trim()).ToList();
}
