using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBridge.Core.Output;

namespace ApiBridge.Core.Retargeting;

/// <summary>
/// Makes a rewritten app folder run on another runtime identifier by itself: the source runtime pack (already left
/// out of the folder by the rewrite) is replaced by the target's, of the same version; the source apphost by the
/// target's, with the app's name patched in; <c>*.deps.json</c> names the target RID and its files; NuGet packages
/// whose RID-specific build the folder holds get the target's build from the global packages folder. Or, with
/// <c>frameworkDependent</c>, the folder names the shared framework instead of carrying a runtime.
/// </summary>
public sealed class AppRetargeter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly NuGetPackageStore store;

    public AppRetargeter(NuGetPackageStore store) => this.store = store;

    /// <param name="folder">The rewritten app (the staging folder), its runtime-pack files already left out.</param>
    /// <param name="entryAssembly">The app's entry assembly inside <paramref name="folder"/>.</param>
    /// <param name="guestPlatform">The platform the app was written for (<c>windows</c>, <c>posix</c>), when known.</param>
    public RetargetResult Retarget(string folder, string entryAssembly, TargetRuntime target, bool frameworkDependent, string? guestPlatform = null)
    {
        var appName = Path.GetFileNameWithoutExtension(entryAssembly);
        var depsPath = Path.ChangeExtension(entryAssembly, ".deps.json");
        var configPath = Path.ChangeExtension(entryAssembly, ".runtimeconfig.json");
        if (!File.Exists(configPath))
            throw new GuestInputException($"{Path.GetFileName(configPath)}: missing; --target needs an app (an entry assembly with its runtimeconfig.json)");
        var deps = File.Exists(depsPath) ? JsonObjectFile.Read(depsPath) : null;
        var sourceRid = deps is null ? null : SourceRid(deps);
        var packs = deps is null ? [] : RuntimePacks(deps);
        var selfContained = !frameworkDependent && HostRetargeting.IsSelfContained(entryAssembly);

        var added = new List<string>();
        var removed = new List<string>();
        var notes = new List<string>();
        RemoveSourceAppHosts(folder, appName, removed);

        string? runtimeVersion = packs.FirstOrDefault(p => p.Id.StartsWith("Microsoft.NETCore.App.Runtime.", StringComparison.Ordinal))?.Version;
        if (deps is not null)
        {
            if (selfContained)
                ReplaceRuntimePacks(folder, deps, packs, sourceRid, target, added);
            RenameRuntimeTarget(deps, sourceRid, target);
            RetargetPackageAssets(folder, deps, target, added, removed, notes);
            File.WriteAllText(depsPath, deps.ToJsonString(Indented));
        }
        if (!selfContained)
            HostRetargeting.MakeFrameworkDependent(folder, entryAssembly);

        var hostPack = store.Get($"Microsoft.NETCore.App.Host.{target.Rid}", runtimeVersion ?? HostVersion(), $"for the {target.Rid} apphost");
        var template = Path.Combine(hostPack, "runtimes", target.Rid, "native", target.AppHostTemplate);
        if (!File.Exists(template))
            throw new GuestInputException($"{hostPack}: has no {target.AppHostTemplate} for {target.Rid}");
        var appHost = target.AppHostFileName(appName);
        AppHostWriter.Write(template, appName + ".dll", Path.Combine(Path.GetDirectoryName(entryAssembly)!, appHost));
        added.Add(appHost);
        if (guestPlatform == Analysis.GuestPlatformDetector.Windows && !target.IsWindows)
        {
            // A Windows guest sees its program as App.exe (Environment.ProcessPath, GetModuleFileNameW) and may start
            // it again by that name: the name leads to the apphost.
            File.CreateSymbolicLink(Path.Combine(Path.GetDirectoryName(entryAssembly)!, appName + ".exe"), appHost);
            added.Add(appName + ".exe");
        }
        return new RetargetResult(target, sourceRid, selfContained, added, removed, notes) { AppHost = appHost };
    }

    // A framework-dependent app names no runtime version: its apphost comes from the runtime running ApiBridge.
    private static string HostVersion() => Environment.Version.ToString(3);

    private static string? SourceRid(JsonObject deps)
    {
        var name = deps["runtimeTarget"]?["name"]?.GetValue<string>();
        var slash = name?.IndexOf('/') ?? -1;
        return slash < 0 ? null : name![(slash + 1)..];
    }

    private sealed record RuntimePack(string Key, string Id, string Version);

    // "runtimepack.Microsoft.NETCore.App.Runtime.win-x64/10.0.12" (and ASP.NET Core's, for a web app).
    private static List<RuntimePack> RuntimePacks(JsonObject deps) =>
        (deps["libraries"] as JsonObject ?? [])
            .Where(l => l.Value?["type"]?.GetValue<string>() == "runtimepack")
            .Select(l => (l.Key, Slash: l.Key.IndexOf('/')))
            .Where(l => l.Slash > 0)
            .Select(l => new RuntimePack(l.Key, l.Key["runtimepack.".Length..l.Slash], l.Key[(l.Slash + 1)..]))
            .ToList();

    /// <summary>The source's apphost (App.exe from a Windows publish, App from a Unix one) does not run on the target.</summary>
    private static void RemoveSourceAppHosts(string folder, string appName, List<string> removed)
    {
        foreach (var name in new[] { appName + ".exe", appName })
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path) && Loading.AssemblyClassifier.Classify(path) == Loading.AssemblyKind.NotManaged)
            {
                File.Delete(path);
                removed.Add(name);
            }
        }
    }

    private void ReplaceRuntimePacks(string folder, JsonObject deps, List<RuntimePack> packs, string? sourceRid, TargetRuntime target, List<string> added)
    {
        if (sourceRid is null)
            throw new GuestInputException("the app's deps.json names no runtime identifier, yet it carries a runtime pack: cannot tell which to replace");
        var libraries = (JsonObject)deps["libraries"]!;
        var targets = (JsonObject)deps["targets"]!;
        foreach (var pack in packs)
        {
            if (!pack.Id.EndsWith("." + sourceRid, StringComparison.Ordinal))
                continue;
            var targetId = pack.Id[..^sourceRid.Length] + target.Rid;
            var packFolder = store.Get(targetId, pack.Version, $"the {target.Rid} runtime this self-contained app needs (or use --framework-dependent)");
            var files = RuntimePackFile.List(packFolder);
            foreach (var (_, node) in targets)
            {
                if (node is not JsonObject entries || entries[pack.Key] is not JsonObject library)
                    continue;
                // A trimmed publish carries only some assemblies: keep that choice; natives differ by OS, so all of the target's.
                var kept = (library["runtime"] as JsonObject)?.Select(a => Path.GetFileName(a.Key)).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var runtime = new JsonObject();
                var native = new JsonObject();
                foreach (var file in files)
                {
                    if (file.IsManaged && kept is not null && !kept.Contains(file.FileName))
                        continue;
                    File.Copy(Path.Combine(packFolder, file.PackPath), Path.Combine(folder, file.FileName), overwrite: true);
                    added.Add(file.FileName);
                    if (file.IsManaged)
                        runtime[file.FileName] = new JsonObject { ["assemblyVersion"] = file.AssemblyVersion, ["fileVersion"] = file.FileVersion };
                    else
                        native[file.FileName] = new JsonObject { ["fileVersion"] = file.FileVersion };
                }
                entries.Remove(pack.Key);
                entries[$"runtimepack.{targetId}/{pack.Version}"] = new JsonObject { ["runtime"] = runtime, ["native"] = native };
                foreach (var (_, other) in entries)
                {
                    if (other?["dependencies"] is JsonObject dependencies && dependencies.Remove("runtimepack." + pack.Id))
                        dependencies["runtimepack." + targetId] = pack.Version;
                }
            }
            var entry = libraries[pack.Key]!.DeepClone();
            libraries.Remove(pack.Key);
            libraries[$"runtimepack.{targetId}/{pack.Version}"] = entry;
        }
    }

    private static void RenameRuntimeTarget(JsonObject deps, string? sourceRid, TargetRuntime target)
    {
        if (sourceRid is null || sourceRid == target.Rid || deps["runtimeTarget"] is not JsonObject runtimeTarget)
            return;
        var oldName = runtimeTarget["name"]!.GetValue<string>();
        var newName = oldName[..^sourceRid.Length] + target.Rid;
        runtimeTarget["name"] = newName;
        // The RID fallback graph the host used to pick runtimes/<rid> assets: the target's now.
        if (deps["runtimes"] is JsonObject)
            deps["runtimes"] = new JsonObject { [target.Rid] = new JsonArray([.. target.Fallbacks.Skip(1).Select(r => (JsonNode)r!), "any", "base"]) };
        if (deps["targets"] is JsonObject targets && targets[oldName] is { } section)
        {
            targets.Remove(oldName);
            targets[newName] = section.DeepClone();
        }
    }

    private void RetargetPackageAssets(string folder, JsonObject deps, TargetRuntime target, List<string> added, List<string> removed, List<string> notes)
    {
        var libraries = deps["libraries"] as JsonObject;
        var runtimeTarget = deps["runtimeTarget"]?["name"]?.GetValue<string>();
        if (libraries is null || runtimeTarget is null || deps["targets"]?[runtimeTarget] is not JsonObject entries)
            return;
        foreach (var (key, node) in entries)
        {
            if (node is not JsonObject library || libraries[key]?["type"]?.GetValue<string>() != "package")
                continue;
            var retargeted = PackageAssetRetargeting.Retarget(folder, key, library, target, store);
            added.AddRange(retargeted.Added);
            removed.AddRange(retargeted.Removed);
            if (retargeted.Note is not null)
                notes.Add(retargeted.Note);
        }
    }
}
