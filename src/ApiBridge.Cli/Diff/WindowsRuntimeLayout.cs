using System.Text.Json.Nodes;

namespace ApiBridge.Cli.Diff;

/// <summary>
/// Lets Wine run a framework-dependent Windows app, which needs a Windows .NET runtime that a Wine prefix does not
/// have. Once per target framework, a one-line app is published self-contained for win-x64 (the SDK restores
/// <c>Microsoft.NETCore.App.Runtime.win-x64</c> and <c>Microsoft.NETCore.App.Host.win-x64</c> from the configured
/// NuGet feeds, at the version it would use for any self-contained publish) into
/// <c>$XDG_CACHE_HOME/apibridge-diff/win-x64-runtime/&lt;tfm&gt;</c>. Each reference run then gets the guest's files
/// laid over a hard-linked copy of that runtime, a self-contained runtimeconfig with the guest's own settings, and
/// the cached apphost renamed for the guest (the app name patched into it, as the SDK patches its apphost).
/// </summary>
internal static class WindowsRuntimeLayout
{
    private const string HostName = "ApiBridgeDiffRuntimeHost";
    private const string ReadyMarker = ".apibridge-ready";

    /// <summary>The guest's app folder laid over the runtime in <paramref name="target"/>; returns the .exe to start.</summary>
    public static string Assemble(string guestDll, string target, Action<string> progress)
    {
        var guestFolder = Path.GetDirectoryName(guestDll)!;
        var name = Path.GetFileNameWithoutExtension(guestDll);
        var runtimeConfigPath = Path.Combine(guestFolder, name + ".runtimeconfig.json");
        var guestConfig = File.Exists(runtimeConfigPath) ? JsonNode.Parse(File.ReadAllText(runtimeConfigPath)) : null;
        var tfm = (string?)guestConfig?["runtimeOptions"]?["tfm"]
            ?? throw new DiffUnavailableException($"{guestDll}: no {name}.runtimeconfig.json naming its target framework, so no Windows runtime can be chosen for Wine");
        var runtime = Ensure(tfm, progress);

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(runtime))
        {
            var fileName = Path.GetFileName(file);
            if (!fileName.StartsWith(HostName + ".", StringComparison.Ordinal) && fileName != ReadyMarker)
                LinkOrCopy(file, Path.Combine(target, fileName));
        }
        CopyTree(guestFolder, target);
        // Without a deps.json the host loads every assembly in the folder: the guest's and the runtime's alike.
        File.Delete(Path.Combine(target, name + ".deps.json"));
        File.WriteAllText(Path.Combine(target, name + ".runtimeconfig.json"), SelfContainedConfig(runtime, guestConfig!));
        var exe = Path.Combine(target, name + ".exe");
        File.WriteAllBytes(exe, PatchAppName(File.ReadAllBytes(Path.Combine(runtime, HostName + ".exe")), HostName + ".dll", name + ".dll"));
        return exe;
    }

    private static string Ensure(string tfm, Action<string> progress)
    {
        var folder = Path.Combine(WinePrefixTemplate.CacheRoot(), "win-x64-runtime", tfm);
        if (File.Exists(Path.Combine(folder, ReadyMarker)))
            return folder;
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        using var gate = new FileStream(folder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        if (File.Exists(Path.Combine(folder, ReadyMarker)))
            return folder;
        progress($"publishing a win-x64 {tfm} runtime for Wine, once, into {folder}");
        var project = Path.Combine(Path.GetTempPath(), "apibridge-diff-runtime-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(project);
        try
        {
            File.WriteAllText(Path.Combine(project, HostName + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>{tfm}</TargetFramework>
                    <RuntimeIdentifier>win-x64</RuntimeIdentifier>
                    <SelfContained>true</SelfContained>
                    <UseAppHost>true</UseAppHost>
                    <ImplicitUsings>disable</ImplicitUsings>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "Program.cs"), "return 0;\n");
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            var environment = new Dictionary<string, string?> { ["MSBUILD_EXE_PATH"] = null, ["MSBuildExtensionsPath"] = null, ["MSBuildSDKsPath"] = null };
            var publish = GuestProcess.Run(Runtime.DotnetHost.Find(), ["publish", project, "-c", "Release", "-o", folder, "--nologo"],
                project, environment, null, TimeSpan.FromMinutes(10), CancellationToken.None);
            if (publish.ExitCode != 0 || !File.Exists(Path.Combine(folder, "coreclr.dll")))
                throw new DiffUnavailableException($"a framework-dependent Windows app needs a Windows .NET runtime under Wine, and publishing one for {tfm} failed "
                    + $"(Microsoft.NETCore.App.Runtime.win-x64 from the NuGet feeds; offline?): {LastError(publish.StdOut + publish.StdErr)}");
            File.WriteAllText(Path.Combine(folder, ReadyMarker), tfm + "\n");
            return folder;
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    /// <summary>The runtime's self-contained runtimeconfig (its includedFrameworks) with the guest's own settings.</summary>
    private static string SelfContainedConfig(string runtime, JsonNode guestConfig)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(runtime, HostName + ".runtimeconfig.json")))!;
        if (guestConfig["runtimeOptions"]?["configProperties"] is JsonObject properties)
            config["runtimeOptions"]!["configProperties"] = properties.DeepClone();
        return config.ToJsonString();
    }

    /// <summary>The cached host carries its own name where the SDK wrote it; the guest's name goes in its place.</summary>
    private static byte[] PatchAppName(byte[] apphost, string current, string replacement)
    {
        try
        {
            return Core.Retargeting.AppHostWriter.Patch(apphost, replacement, current);
        }
        catch (Exception error) when (error is InvalidOperationException or Core.GuestInputException)
        {
            throw new DiffUnavailableException($"cannot make an apphost for {replacement}: {error.Message}");
        }
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    private static void LinkOrCopy(string source, string destination)
    {
        if (!OperatingSystem.IsLinux() || WinePrefixTemplate.HardLink(source, destination) != 0)
            File.Copy(source, destination);
    }

    private static string LastError(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
        ?? "no output";
}
