using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// <c>apibridge rewrite --target</c>: a bundled Windows guest published self-contained for win-x64, retargeted to
/// linux-x64, runs by its own apphost with no <c>dotnet</c> anywhere on PATH and behaves as it does under
/// <c>apibridge run</c>; PosixGuest published for linux-x64, retargeted to win-x64, runs by its .exe under Wine as it
/// does natively on Linux.
/// </summary>
public sealed class RetargetTests
{
    // No dotnet on PATH and no DOTNET_ROOT: only the app's own runtime can start it.
    private static readonly string NoDotnetPath = "/nonexistent";

    [Theory]
    [InlineData("WinTimeGuest")]
    [InlineData("WinFileGuest")]
    [InlineData("WinRegistryGuest")]
    [InlineData("WinManagedGuest")]
    [InlineData("WinProcessGuest")]
    [InlineData("WinConsoleGuest")]
    [InlineData("WinSyncGuest")]
    public void A_windows_publish_retargeted_to_linux_runs_by_its_apphost_as_under_apibridge_run(string guest)
    {
        var publish = WinX64Publish.Folder(guest);
        _ = WinX64Publish.Exe(guest);
        var scratch = RepoPaths.ScratchFolder("retarget-" + guest);
        var output = Path.Combine(scratch, "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", publish, "-o", output, "--target", "linux-x64"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        Assert.Contains("Retargeted from win-x64 to linux-x64 (self-contained", rewrite.StdOut);
        Assert.Equal(guest, new FileInfo(Path.Combine(output, guest + ".exe")).LinkTarget); // the Windows apphost is left out; its name leads to the Linux one
        Assert.False(File.Exists(Path.Combine(output, "coreclr.dll")), "the Windows runtime is left out");
        Assert.True(File.Exists(Path.Combine(output, "libcoreclr.so")), "the Linux runtime is added");

        var reference = ApiBridgeCli.Run(["run", "--cache-dir", Path.Combine(scratch, "cache"), Path.Combine(publish, guest + ".exe")], timeout: TimeSpan.FromMinutes(3),
            workingDirectory: Directory.CreateDirectory(Path.Combine(scratch, "cwd-run")).FullName,
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = Path.Combine(scratch, "prefix-run") });
        var retargeted = ProcessRunner.Run(Path.Combine(output, guest), [], timeout: TimeSpan.FromMinutes(3),
            workingDirectory: Directory.CreateDirectory(Path.Combine(scratch, "cwd-apphost")).FullName,
            environment: new Dictionary<string, string?>
            {
                ["APIBRIDGE_PREFIX"] = Path.Combine(scratch, "prefix-apphost"),
                ["PATH"] = NoDotnetPath,
                ["DOTNET_ROOT"] = null,
            },
            removeEnvironmentPrefixes: DotNet.HostOnlyVariablePrefixes);
        Assert.Equal(reference.ExitCode, retargeted.ExitCode);
        TranscriptAssert.Equal(Transcript.Of(Normalize(reference.StdOut, "cwd-run", "prefix-run", publish)),
            Transcript.Of(Normalize(retargeted.StdOut, "cwd-apphost", "prefix-apphost", output)), "apibridge run", "retargeted apphost", retargeted.Describe());
    }

    [Fact]
    public void A_linux_publish_retargeted_to_windows_runs_under_wine_as_natively()
    {
        var publish = Path.GetDirectoryName(LinuxX64Publish.AppHost(PosixGuestRuns.Name))!;
        var output = Path.Combine(RepoPaths.ScratchFolder("retarget-posix"), "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", publish, "-o", output, "--target", "win-x64"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        Assert.True(File.Exists(Path.Combine(output, "coreclr.dll")), "the Windows runtime is added");
        Assert.False(File.Exists(Path.Combine(output, PosixGuestRuns.Name)), "the Linux apphost is left out");

        var bridged = WineHost.Instance.Run(Path.Combine(output, PosixGuestRuns.Name + ".exe"), []);
        var reference = PosixGuestRuns.NativeLinux;
        Assert.Equal(PosixGuestRuns.ExpectedExitCode, bridged.ExitCode);
        TranscriptAssert.Equal(Transcript.Of(reference), Transcript.Of(bridged), "native Linux", "retargeted under Wine", bridged.Describe());
    }

    [Fact]
    public void A_packages_native_build_for_windows_is_swapped_for_its_linux_build()
    {
        const string Name = "NativePackageGuest";
        var exe = WinX64Publish.Exe(Name, Path.Combine(RepoPaths.Root, "tests", "Fixtures", Name, Name + ".csproj"));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(exe)!, "e_sqlite3.dll")), "the win-x64 publish carries SQLite's Windows build");
        var scratch = RepoPaths.ScratchFolder("retarget-native-package");
        var output = Path.Combine(scratch, "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", Path.GetDirectoryName(exe)!, "-o", output, "--target", "linux-x64"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());

        Assert.False(File.Exists(Path.Combine(output, "e_sqlite3.dll")));
        Assert.True(File.Exists(Path.Combine(output, "libe_sqlite3.so")));
        var deps = File.ReadAllText(Path.Combine(output, Name + ".deps.json"));
        Assert.Contains("\"runtimes/linux-x64/native/libe_sqlite3.so\"", deps);
        Assert.DoesNotContain("win-x64", deps);
        // A scratch working folder and prefix: a native library handed a guest path it cannot use makes files in the
        // working folder (this test's runs once left C:\users\root\Temp\….db files in the repository root).
        var cwd = Directory.CreateDirectory(Path.Combine(scratch, "cwd")).FullName;
        var run = ProcessRunner.Run(Path.Combine(output, Name), [], timeout: TimeSpan.FromMinutes(2), workingDirectory: cwd,
            environment: new Dictionary<string, string?> { ["PATH"] = NoDotnetPath, ["DOTNET_ROOT"] = null, ["APIBRIDGE_PREFIX"] = Path.Combine(scratch, "prefix") },
            removeEnvironmentPrefixes: DotNet.HostOnlyVariablePrefixes);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(["users: ada,grace", "sqlite major version: 3", "database where the guest put it: True", "done"], Transcript.Of(run).Lines);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cwd));
    }

    [Fact]
    public void A_framework_dependent_retarget_runs_with_dotnet_and_with_its_apphost()
    {
        var publish = WinX64Publish.Folder("WinTimeGuest");
        _ = WinX64Publish.Exe("WinTimeGuest");
        var output = Path.Combine(RepoPaths.ScratchFolder("retarget-fdd"), "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", publish, "-o", output, "--target", "linux-x64", "--framework-dependent", "--verbose"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        Assert.False(File.Exists(Path.Combine(output, "System.Private.CoreLib.dll")), "a framework-dependent app carries no runtime");
        Assert.Matches(@"(?m)^  WinTimeGuest\.dll +rewritten \(\d+ imports bound\)$", rewrite.StdOut);
        Assert.Matches(@"(?m)^  WinTimeGuest +added: linux-x64 apphost$", rewrite.StdOut);
        Assert.Matches(@"(?m)^  WinTimeGuest\.exe +added: link to WinTimeGuest ", rewrite.StdOut);
        Assert.Matches(@"(?m)^  ApiBridge\.Runtime\.dll +added: bridge assembly$", rewrite.StdOut);
        Assert.DoesNotMatch(@"(?m)^  System\.Private\.CoreLib\.dll", rewrite.StdOut);

        var byDotnet = DotNet.Run([Path.Combine(output, "WinTimeGuest.dll")], timeout: TimeSpan.FromMinutes(2));
        var byAppHost = ProcessRunner.Run(Path.Combine(output, "WinTimeGuest"), [], timeout: TimeSpan.FromMinutes(2),
            environment: new Dictionary<string, string?> { ["DOTNET_ROOT"] = Path.GetDirectoryName(DotNet.Host) },
            removeEnvironmentPrefixes: DotNet.HostOnlyVariablePrefixes);
        Assert.True(byDotnet.ExitCode == 0, byDotnet.Describe());
        Assert.True(byAppHost.ExitCode == 0, byAppHost.Describe());
        Assert.Contains("GetTickCount64 nonzero: True", byAppHost.StdOut);
        TranscriptAssert.Equal(Transcript.Of(byDotnet), Transcript.Of(byAppHost), "dotnet App.dll", "apphost", byAppHost.Describe());
    }

    [Fact]
    public void Offline_a_runtime_pack_that_cannot_be_restored_is_named_and_nothing_is_written()
    {
        // NuGet sees only an empty local feed (this nuget.config clears every other source, the user's included: the
        // restore's throw-away project is made under TMPDIR, below it) and an empty global packages folder, so the
        // linux-x64 runtime pack is neither cached nor to be had, as on a machine without network.
        var scratch = RepoPaths.ScratchFolder("retarget-offline");
        var feed = Directory.CreateDirectory(Path.Combine(scratch, "empty-feed")).FullName;
        var packages = Directory.CreateDirectory(Path.Combine(scratch, "packages")).FullName;
        var temp = Directory.CreateDirectory(Path.Combine(scratch, "tmp")).FullName;
        File.WriteAllText(Path.Combine(scratch, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="empty" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var outputs = Directory.CreateDirectory(Path.Combine(scratch, "outputs")).FullName;
        var output = Path.Combine(outputs, "out");

        var rewrite = ApiBridgeCli.Run(["rewrite", WinX64Publish.Folder("WinTimeGuest"), "-o", output, "--target", "linux-x64"], timeout: TimeSpan.FromMinutes(5),
            environment: new Dictionary<string, string?> { ["NUGET_PACKAGES"] = packages, ["TMPDIR"] = temp });

        Assert.True(rewrite.ExitCode == 2, rewrite.Describe());
        Assert.Matches(@"cannot get the NuGet package Microsoft\.NETCore\.App\.Runtime\.linux-x64 \d+\.\d+\.\d+", rewrite.StdErr);
        Assert.Contains("offline?", rewrite.StdErr);
        Assert.DoesNotContain("   at ", rewrite.StdErr);
        Assert.Empty(Directory.GetFileSystemEntries(outputs)); // no output folder, no staging folder beside it
        Assert.Empty(Directory.GetFileSystemEntries(temp, "apibridge-packs-*")); // nor the restore's throw-away project (NuGet's own scratch may stay)
    }

    [Theory]
    [InlineData("--target", "beos-x64", "not a runtime identifier")]
    [InlineData("--framework-dependent", null, "--framework-dependent goes with --target")]
    public void Bad_retarget_options_are_refused_before_anything_is_written(string option, string? value, string message)
    {
        var output = Path.Combine(RepoPaths.ScratchFolder("retarget-bad"), "out");
        var args = new List<string> { "rewrite", RepoPaths.GuestBuildOutput("WinTimeGuest"), "-o", output, option };
        if (value is not null)
            args.Add(value);
        var result = ApiBridgeCli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_library_cannot_be_retargeted()
    {
        var output = Path.Combine(RepoPaths.ScratchFolder("retarget-lib"), "out");
        var library = Path.Combine(RepoPaths.Root, "tests", "Fixtures", "SarifProbe", "bin", RepoPaths.Configuration, RepoPaths.GuestTargetFramework, "SarifProbe.dll");
        var lone = Path.Combine(RepoPaths.ScratchFolder("retarget-lib-in"), "Lib.dll");
        File.Copy(library, lone);
        var result = ApiBridgeCli.Run(["rewrite", lone, "-o", output, "--target", "linux-x64"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--target needs an app", result.StdErr);
        Assert.False(Directory.Exists(output));
    }

    // Where each run was (its working folder, its prefix, its own folder) differs by design; the rest must not.
    private static string Normalize(string stdout, string cwd, string prefix, string appFolder) =>
        stdout.Replace(appFolder, "<app>").Replace(cwd, "<cwd>").Replace(prefix, "<prefix>");
}
