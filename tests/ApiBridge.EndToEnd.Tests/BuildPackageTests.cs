using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// The ApiBridge.Build package as a user meets it: packed from this repository into a local feed, referenced by a
/// fresh <c>dotnet new console</c> project whose code is Windows-first. <c>dotnet build</c> shows analyze's findings as
/// diagnostics at the call and leaves a rewritten, runnable output (and a no-change build rewrites nothing);
/// <c>ApiBridgeFailOnUnbound</c> fails the build; <c>dotnet publish -r win-x64</c> with <c>ApiBridgeTarget=linux-x64</c>
/// gives a folder that runs on Linux by its apphost with no dotnet on PATH.
/// </summary>
public sealed class BuildPackageTests : IDisposable
{
    private const string App = "PortMe";
    private const string Program = """
        using System.Runtime.InteropServices;

        Console.WriteLine($"IsWindows: {OperatingSystem.IsWindows()}");
        Console.WriteLine($"separator: {Path.DirectorySeparatorChar}");
        Console.WriteLine($"ticking: {Native.GetTickCount64() > 0}");
        if (args.Length > 0)
            Native.GetSystemPowerStatus(out _); // line 7: no shim

        static class Native
        {
            [DllImport("kernel32")]
            public static extern ulong GetTickCount64();

            [DllImport("kernel32")]
            public static extern int GetSystemPowerStatus(out long status);
        }
        """;

    // A version of its own per run: NuGet keeps a package version it has seen in the global packages folder for good.
    private readonly string version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}";
    private readonly string scratch = RepoPaths.ScratchFolder("build-package");

    public void Dispose()
    {
        var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "apibridge.build", version);
        if (Directory.Exists(cached))
            Directory.Delete(cached, recursive: true);
    }

    [Fact]
    public void A_fresh_console_project_on_the_package_builds_publishes_and_runs_bridged()
    {
        var feed = Path.Combine(scratch, "feed");
        var pack = DotNet.Run(["pack", Path.Combine(RepoPaths.Root, "src", "ApiBridge.Build"), "-c", RepoPaths.Configuration, "--no-build",
            "-o", feed, $"-p:Version={version}", "--nologo"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, pack.Describe());

        var project = Path.Combine(scratch, App);
        var create = DotNet.Run(["new", "console", "-n", App, "-o", project, "--no-restore"], timeout: TimeSpan.FromMinutes(3));
        Assert.True(create.ExitCode == 0, create.Describe());
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        var csproj = Path.Combine(project, App + ".csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("</Project>",
            $"  <ItemGroup>\n    <PackageReference Include=\"ApiBridge.Build\" Version=\"{version}\" />\n  </ItemGroup>\n</Project>"));

        // Build: the finding at its line, the output rewritten (the guest sees Windows).
        var build = Build(project, []);
        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.Matches(@"Program\.cs\(7,\d+\): warning APB001: no shim for kernel32!GetSystemPowerStatus", build.StdOut);
        Assert.Contains("ApiBridge: rewrote PortMe.dll", build.StdOut);
        var output = Path.Combine(project, "bin", "Debug", RepoPaths.GuestTargetFramework, App + ".dll");
        AssertBridged(DotNet.Run([output], timeout: TimeSpan.FromMinutes(2)));

        // A no-change build does not rewrite, yet reports the findings again (from obj/…/apibridge/findings.txt), once;
        // what runs is still the rewritten app.
        var again = Build(project, []);
        Assert.True(again.ExitCode == 0, again.Describe());
        Assert.DoesNotContain("ApiBridge: rewrote", again.StdOut);
        AssertFindingOnce(again, "warning");
        AssertBridged(DotNet.Run([output], timeout: TimeSpan.FromMinutes(2)));

        // ApiBridgeFailOnUnbound: the finding is an error, and stays one on a no-change build of the same settings.
        var strict = Build(project, ["-p:ApiBridgeFailOnUnbound=true"]);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("ApiBridge: rewrote PortMe.dll", strict.StdOut);
        AssertFindingOnce(strict, "error");
        var strictAgain = Build(project, ["-p:ApiBridgeFailOnUnbound=true"]);
        Assert.NotEqual(0, strictAgain.ExitCode);
        Assert.DoesNotContain("ApiBridge: rewrote", strictAgain.StdOut);
        AssertFindingOnce(strictAgain, "error");

        // Publish for Windows, retargeted to Linux: runs by its apphost alone.
        var publishFolder = Path.Combine(scratch, "publish");
        var publish = DotNet.Run(["publish", project, "-r", "win-x64", "--self-contained", "-p:ApiBridgeTarget=linux-x64", "-o", publishFolder, "--nologo"],
            timeout: TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, publish.Describe());
        Assert.Contains("ApiBridge: rewrote the publish folder for linux-x64", publish.StdOut);
        Assert.False(File.Exists(Path.Combine(publishFolder, "coreclr.dll")), "the Windows runtime is gone");
        AssertBridged(ProcessRunner.Run(Path.Combine(publishFolder, App), [], timeout: TimeSpan.FromMinutes(2),
            environment: new Dictionary<string, string?> { ["PATH"] = "/nonexistent", ["DOTNET_ROOT"] = null },
            removeEnvironmentPrefixes: DotNet.HostOnlyVariablePrefixes));
    }

    [Fact]
    public void Packing_the_repository_gives_the_tool_and_the_build_package_and_nothing_else()
    {
        // Guest apps, the native launcher, the libraries the two packages carry inside them: none is a package.
        var feed = Path.Combine(scratch, "repository-feed");
        var pack = DotNet.Run(["pack", Path.Combine(RepoPaths.Root, "ApiBridge.sln"), "-c", RepoPaths.Configuration, "--no-build",
            "-o", feed, $"-p:Version={version}", "--nologo"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, pack.Describe());
        Assert.Equal([$"ApiBridge.Build.{version}.nupkg", $"ApiBridge.Tool.{version}.nupkg"],
            Directory.GetFiles(feed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
    }

    private static ProcessResult Build(string project, string[] options) =>
        DotNet.Run(["build", project, "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. options], timeout: TimeSpan.FromMinutes(5));

    // The console logger repeats diagnostics in its end-of-build summary: one line at the call plus that repeat, no more.
    private static void AssertFindingOnce(ProcessResult build, string severity)
    {
        var lines = build.StdOut.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l,
            $@"Program\.cs\(7,\d+\): {severity} APB001: no shim for kernel32!GetSystemPowerStatus")).ToList();
        Assert.True(lines.Count is >= 1 and <= 2, $"expected the {severity} once (and in the summary), got {lines.Count}:\n{build.Describe()}");
    }

    private static void AssertBridged(ProcessResult run)
    {
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(["IsWindows: True", @"separator: \", "ticking: True"], Transcript.Of(run).Lines);
    }
}
