using System.Diagnostics;
using System.Security;

namespace ApiBridge.Core.Retargeting;

/// <summary>
/// Packages a retarget needs (a runtime pack, a host pack) from the NuGet global packages folder, restored there from
/// the user's configured feeds when missing (a throw-away project with a <c>PackageDownload</c>, the way the SDK gets
/// packs for a self-contained publish). Offline, a missing package is a clear error that names it.
/// </summary>
public sealed class NuGetPackageStore
{
    private readonly Func<string> dotnet;

    /// <param name="packagesFolder">The global packages folder (default: <see cref="DefaultPackagesFolder"/>).</param>
    /// <param name="dotnet">The dotnet host that restores (default: the one running the bridge).</param>
    public NuGetPackageStore(string? packagesFolder = null, Func<string>? dotnet = null)
    {
        PackagesFolder = packagesFolder ?? DefaultPackagesFolder;
        this.dotnet = dotnet ?? Runtime.DotnetHost.Find;
    }

    public string PackagesFolder { get; }

    /// <summary>$NUGET_PACKAGES, or ~/.nuget/packages as NuGet defaults to.</summary>
    public static string DefaultPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The extracted package's folder, or null when the global packages folder does not hold it.</summary>
    public string? Find(string id, string version)
    {
        var folder = Path.Combine(PackagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant());
        // NuGet writes the .nupkg.metadata last: a folder without it is an extraction that did not finish.
        return File.Exists(Path.Combine(folder, ".nupkg.metadata")) ? folder : null;
    }

    /// <summary>The package's folder, restored first if needed.</summary>
    /// <param name="why">Says what the package is for, in the error when it cannot be had.</param>
    public string Get(string id, string version, string why)
    {
        if (Find(id, version) is { } found)
            return found;
        var failure = Restore(id, version);
        return Find(id, version)
            ?? throw new GuestInputException($"cannot get the NuGet package {id} {version}, {why}: {failure ?? "the restore did not extract it"} "
                + "(offline? the package comes from the feeds in your NuGet configuration, or put it in the global packages folder "
                + PackagesFolder + ")");
    }

    /// <returns>Why the restore failed, or null when it succeeded.</returns>
    private string? Restore(string id, string version)
    {
        var project = Path.Combine(Path.GetTempPath(), "apibridge-packs-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(project);
        try
        {
            File.WriteAllText(Path.Combine(project, "Packs.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageDownload Include="{SecurityElement.Escape(id)}" Version="[{SecurityElement.Escape(version)}]" />
                  </ItemGroup>
                </Project>
                """);
            var start = new ProcessStartInfo(dotnet(), ["restore", project, "--nologo", "-v", "q", "--packages", PackagesFolder])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                WorkingDirectory = project,
            };
            // Started from inside an SDK build (the MSBuild package, a test host), these would point the child at that build's MSBuild.
            foreach (var variable in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath" })
                start.Environment.Remove(variable);
            using var restore = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            restore.StandardInput.Close();
            var stdout = restore.StandardOutput.ReadToEndAsync();
            var stderr = restore.StandardError.ReadToEndAsync();
            if (!restore.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                restore.Kill(entireProcessTree: true);
                return "the restore took more than 10 minutes";
            }
            if (restore.ExitCode == 0)
                return null;
            var output = stdout.Result + stderr.Result;
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"dotnet restore exited with {restore.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return $"cannot start dotnet ({error.Message})";
        }
        finally
        {
            try { Directory.Delete(project, recursive: true); } catch (IOException) { } // a temp folder: best effort
        }
    }
}
