using System.Text.Json.Nodes;

namespace ApiBridge.Core.Retargeting;

/// <summary>
/// One NuGet package of a RID-specific publish whose <c>runtimes/&lt;rid&gt;/…</c> build is for the source OS (a
/// <c>runtimes/win/lib</c> assembly, a <c>runtimes/win-x64/native</c> DLL): its files are swapped for the build that
/// suits the target, found in the package in the global packages folder (the target's own RID folder, else a more
/// general one, else the package's RID-less <c>lib/</c>). A package with no build for the target keeps the source's,
/// which the bridge carries: that is the point for a package of raw libc or kernel32 bindings.
/// </summary>
public static class PackageAssetRetargeting
{
    public sealed record Outcome(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, string? Note);

    private static readonly Outcome Nothing = new([], [], null);

    /// <param name="key">The library's deps.json key, <c>Id/Version</c>.</param>
    /// <param name="library">Its entry under the app's runtime target (edited in place).</param>
    public static Outcome Retarget(string folder, string key, JsonObject library, TargetRuntime target, NuGetPackageStore store)
    {
        var foreign = ForeignAssets(library, target).ToList();
        if (foreign.Count == 0)
            return Nothing;
        var slash = key.IndexOf('/');
        var (id, version) = (key[..slash], key[(slash + 1)..]);
        var sourceRid = foreign[0].Rid;
        if (store.Find(id, version) is not { } package)
        {
            return new Outcome([], [], $"{id} {version}: this folder holds its {sourceRid} build only; restore the package ({id} {version}) into "
                + $"{store.PackagesFolder} so its {target.Rid} build can be taken, or publish the app for {target.Rid}");
        }

        var added = new List<string>();
        var removed = new List<string>();
        var kept = new List<string>();
        foreach (var section in new[] { "runtime", "native" })
        {
            if (library[section] is not JsonObject assets)
                continue;
            var replacement = new JsonObject();
            foreach (var (path, value) in assets.ToList())
            {
                var asset = foreign.FirstOrDefault(a => a.Path == path);
                if (asset is null)
                {
                    replacement[path] = value?.DeepClone();
                    continue;
                }
                var found = section == "runtime" ? ManagedBuild(package, asset, target) : NativeBuilds(package, target);
                if (found.Count == 0)
                {
                    replacement[path] = value?.DeepClone();
                    kept.Add(Path.GetFileName(path));
                    continue;
                }
                removed.Add(RemoveFile(folder, path));
                foreach (var packagePath in found)
                {
                    if (replacement.ContainsKey(packagePath))
                        continue; // a native folder is taken once, for the first of the source's native files
                    var fileName = Path.GetFileName(packagePath);
                    File.Copy(Path.Combine(package, packagePath), Path.Combine(folder, fileName), overwrite: true);
                    added.Add(fileName);
                    replacement[packagePath] = section == "runtime" ? value?.DeepClone() : new JsonObject { ["fileVersion"] = "0.0.0.0" };
                }
            }
            library[section] = replacement;
        }
        var note = kept.Count == 0 ? null
            : $"{id} {version}: no {target.Rid} build of {string.Join(", ", kept)} in the package; the {sourceRid} build is kept (the bridge carries its platform calls)";
        return new Outcome(added, removed, note);
    }

    private sealed record ForeignAsset(string Path, string Rid, string? Framework);

    // runtimes/<rid>/lib/<tfm>/<file> or runtimes/<rid>/native/<file>, for a RID that does not run on the target.
    private static IEnumerable<ForeignAsset> ForeignAssets(JsonObject library, TargetRuntime target)
    {
        foreach (var section in new[] { "runtime", "native" })
        {
            if (library[section] is not JsonObject assets)
                continue;
            foreach (var (path, _) in assets)
            {
                var parts = path.Split('/');
                if (parts.Length < 4 || parts[0] != "runtimes" || target.Fallbacks.Contains(parts[1]))
                    continue;
                yield return new ForeignAsset(path, parts[1], parts[2] == "lib" && parts.Length >= 5 ? parts[3] : null);
            }
        }
    }

    private static List<string> ManagedBuild(string package, ForeignAsset asset, TargetRuntime target)
    {
        var file = Path.GetFileName(asset.Path);
        if (asset.Framework is null)
            return [];
        var candidates = target.Fallbacks.Select(rid => $"runtimes/{rid}/lib/{asset.Framework}/{file}").Append($"lib/{asset.Framework}/{file}");
        return candidates.Where(c => File.Exists(Path.Combine(package, c))).Take(1).ToList();
    }

    private static List<string> NativeBuilds(string package, TargetRuntime target)
    {
        foreach (var rid in target.Fallbacks)
        {
            var native = Path.Combine(package, "runtimes", rid, "native");
            if (Directory.Exists(native) && Directory.EnumerateFiles(native).Any())
                return Directory.EnumerateFiles(native).Order(StringComparer.Ordinal).Select(f => $"runtimes/{rid}/native/{Path.GetFileName(f)}").ToList();
        }
        return [];
    }

    // A RID-specific publish puts assets beside the app; a portable one keeps the package's runtimes/ layout.
    private static string RemoveFile(string folder, string assetPath)
    {
        var flat = Path.Combine(folder, Path.GetFileName(assetPath));
        var nested = Path.Combine(folder, assetPath.Replace('/', Path.DirectorySeparatorChar));
        var path = File.Exists(flat) ? flat : nested;
        File.Delete(path);
        return Path.GetRelativePath(folder, path);
    }
}
