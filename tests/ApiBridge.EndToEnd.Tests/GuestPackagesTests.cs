using System.Diagnostics;
using System.Reflection;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// The bridge is invisible to the guest's dependency graph: apps that ship newer and older versions of every package
/// the bridge's runtime loads (Serilog, Serilog.Sinks.Console/File, Microsoft.Extensions.DependencyInjection and its
/// abstractions; tests/Fixtures/PackageGuests) are rewritten, run with `dotnet` on Linux and through their apphost under
/// Wine (the Windows host), and get their own versions, with the
/// bridge's relay tracing (its own Serilog) on and off; no file of theirs is replaced; and an app file that would
/// clash with the payload is refused.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GuestPackagesTests
{
    private static readonly string[] Packages =
        ["Serilog", "Serilog.Sinks.Console", "Serilog.Sinks.File", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.DependencyInjection.Abstractions"];

    public static TheoryData<string, string[]> Guests => new()
    {
        // Package versions as in the fixtures' csproj files, in the order of Packages.
        { "PackageGuestNewer", ["4.4.0", "6.1.1", "7.0.0", "10.0.0", "10.0.0"] },
        { "PackageGuestOlder", ["3.1.1", "5.0.1", "5.0.0", "6.0.0", "6.0.0"] },
    };

    [Theory]
    [MemberData(nameof(Guests))]
    public void A_guest_keeps_its_own_package_versions_beside_the_bridge(string guest, string[] versions)
    {
        var input = FixtureOutput(guest);
        var output = Path.Combine(RepoPaths.ScratchFolder("packages-" + guest), "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", input, "-o", output]);
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());

        // What the guest must print: the identity and package version of the files it ships, which the bridge left alone.
        var expected = Packages.Select((package, i) =>
        {
            var file = Path.Combine(input, package + ".dll");
            var name = AssemblyName.GetAssemblyName(file);
            Assert.StartsWith(versions[i], FileVersionInfo.GetVersionInfo(file).ProductVersion);
            return $"package {name.Name} {name.Version} ({versions[i]}";
        }).ToList();

        var traceFile = Path.Combine(Path.GetDirectoryName(output)!, "relay.log");
        foreach (var environment in new Dictionary<string, string?>[]
                 {
                     new(),
                     new() { ["APIBRIDGE_TRACE"] = "+time" }, // the bridge's Serilog and its console sink
                     new() { ["APIBRIDGE_TRACE"] = "+time", ["APIBRIDGE_TRACE_FILE"] = traceFile }, // and its file sink
                 })
        {
            var run = DotNet.Run([Path.Combine(output, guest + ".dll")], environment: environment);
            var context = string.Join(" ", environment.Select(v => $"{v.Key}={v.Value}")) + "\n" + run.Describe();
            Assert.True(run.ExitCode == 0, context);
            var printed = run.StdOut.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("package ", StringComparison.Ordinal)).ToList();
            Assert.Equal(expected.Count, printed.Count);
            for (var i = 0; i < expected.Count; i++)
                Assert.True(printed[i].StartsWith(expected[i], StringComparison.Ordinal), $"expected {expected[i]}…, got {printed[i]}\n{context}");
            Assert.Contains("guest log: hello from the guest's container", run.StdOut);
            Assert.Contains("guest log file: GetTickCount64 > 0: true", run.StdOut);
            if (environment.Count == 1)
                Assert.Contains("trace:time kernel32.GetTickCount64() ret=", run.StdErr);
        }
        Assert.Contains("trace:time kernel32.GetTickCount64() ret=", File.ReadAllText(traceFile));

        OutputFidelity.AssertOnlyBridgeChanges(input, output, OutputFidelity.RewrittenFiles(rewrite));
    }

    /// <summary>
    /// The other host: the app published self-contained for win-x64, rewritten, and started under Wine through its own
    /// apphost, where the shims pass through to Windows. Its own package versions load there too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Guests))]
    public void A_rewritten_win_x64_publish_keeps_its_package_versions_under_wine(string guest, string[] versions)
    {
        var project = Path.Combine(RepoPaths.Root, "tests", "Fixtures", "PackageGuests", guest.Replace("PackageGuest", ""), guest + ".csproj");
        var published = Path.GetDirectoryName(WinX64Publish.Exe(guest, project))!;
        var output = Path.Combine(RepoPaths.ScratchFolder("packages-wine-" + guest), "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", published, "-o", output]);
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());

        var run = WineHost.Instance.Run(Path.Combine(output, guest + ".exe"), []);

        Assert.True(run.ExitCode == 0, run.Describe());
        var printed = run.StdOut.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("package ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Packages.Length, printed.Count);
        for (var i = 0; i < Packages.Length; i++)
            Assert.True(printed[i].StartsWith($"package {Packages[i]} ", StringComparison.Ordinal) && printed[i].Contains($"({versions[i]}", StringComparison.Ordinal),
                $"expected {Packages[i]} ({versions[i]}…), got {printed[i]}\n{run.Describe()}");
        Assert.Contains("guest log: hello from the guest's container", run.StdOut);
        Assert.Contains("guest log file: GetTickCount64 > 0: true", run.StdOut);
        OutputFidelity.AssertOnlyBridgeChanges(published, output, OutputFidelity.RewrittenFiles(rewrite));
    }

    [Theory]
    [InlineData("PackageGuestNewer")]
    [InlineData("WinFileGuest")]
    public void A_rewrite_changes_no_file_of_the_app_but_the_rewritten_assemblies_and_the_added_deps_entries(string guest)
    {
        var input = guest == "WinFileGuest" ? RepoPaths.GuestBuildOutput(guest) : FixtureOutput(guest);
        var output = Path.Combine(RepoPaths.ScratchFolder("fidelity-" + guest), "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", input, "-o", output]);
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        var rewritten = OutputFidelity.RewrittenFiles(rewrite);
        Assert.Contains(guest + ".dll", rewritten);
        OutputFidelity.AssertOnlyBridgeChanges(input, output, rewritten);
    }

    [Theory]
    [InlineData("ApiBridge.Runtime.dll", "not a .NET assembly")]
    [InlineData("ApiBridge.Vendor.Serilog.dll", "assembly Serilog")]
    public void An_app_file_named_like_a_payload_file_is_refused(string fileName, string what)
    {
        var app = RepoPaths.ScratchFolder("clash-" + fileName);
        foreach (var file in Directory.GetFiles(FixtureOutput("PackageGuestNewer")))
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        if (what.StartsWith("assembly", StringComparison.Ordinal))
            File.Copy(Path.Combine(app, "Serilog.dll"), Path.Combine(app, fileName));
        else
            File.WriteAllText(Path.Combine(app, fileName), "not an assembly");
        var output = Path.Combine(Path.GetDirectoryName(app)!, "clash-out");
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);

        var rewrite = ApiBridgeCli.Run(["rewrite", app, "-o", output]);

        Assert.True(rewrite.ExitCode == 2, rewrite.Describe());
        var line = Assert.Single(rewrite.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Path.Combine(app, fileName), line);
        Assert.Contains(what, line);
        Assert.False(Directory.Exists(output));
    }

    private static string FixtureOutput(string name) =>
        Path.Combine(RepoPaths.Root, "tests", "Fixtures", "PackageGuests", name.Replace("PackageGuest", ""), "bin", RepoPaths.Configuration, RepoPaths.GuestTargetFramework);
}
