using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBridge.Run.Cache;

namespace ApiBridge.Core.Loading;

/// <summary>
/// Which files of an app folder are the app's own, and so rewritten: the files beside its entry assembly, and in
/// subfolders only what its <c>*.deps.json</c> lists (runtime-specific builds under <c>runtimes/</c>, satellite
/// assemblies under a culture folder). Anything else in a subfolder is copied as it is: a nested app (a folder with its
/// own deps.json or runtimeconfig.json, such as the <c>win-x64/</c> that <c>dotnet publish -r</c> leaves in a build
/// folder, runtime pack included) or a stray folder. The .NET host never loads either as part of the app, and
/// rewriting a runtime pack found there would cost a minute and tens of megabytes for nothing.
/// </summary>
public sealed class AppMembership
{
    private readonly string root;
    private readonly string? depsName;
    private readonly HashSet<string> listedInSubfolders;
    private readonly List<string> nestedApps;

    private AppMembership(string root, string? depsName, HashSet<string> listedInSubfolders, List<string> nestedApps)
    {
        this.root = root;
        this.depsName = depsName;
        this.listedInSubfolders = listedInSubfolders;
        this.nestedApps = nestedApps;
    }

    public static AppMembership Of(GuestLayout layout)
    {
        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? depsName = null;
        var nested = new List<string>();
        foreach (var file in layout.Files)
        {
            var relative = ForwardSlashes(layout.RelativePath(file));
            var isAppDescription = relative.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
                || relative.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase);
            if (!isAppDescription)
                continue;
            var folder = relative.LastIndexOf('/') is var slash and >= 0 ? relative[..(slash + 1)] : "";
            if (folder.Length > 0)
            {
                if (!nested.Contains(folder, StringComparer.Ordinal))
                    nested.Add(folder);
            }
            else if (relative.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase))
            {
                depsName ??= relative;
                listed.UnionWith(SubfolderAssets(File.ReadAllText(file)));
            }
        }
        // A nested app inside a nested app is reported as the outer one.
        nested.RemoveAll(inner => nested.Any(outer => outer != inner && inner.StartsWith(outer, StringComparison.Ordinal)));
        return new AppMembership(layout.Root, depsName, listed, nested);
    }

    /// <summary>Null when the file (a full path under the app folder) is the app's own; otherwise the folder it is set aside with, and why.</summary>
    public SetAsideFolder? Outside(string file)
    {
        var relative = ForwardSlashes(Path.GetRelativePath(root, file));
        var slash = relative.IndexOf('/');
        if (slash < 0)
            return null;
        if (nestedApps.FirstOrDefault(n => relative.StartsWith(n, StringComparison.Ordinal)) is { } nested)
            return new SetAsideFolder(nested, "a nested app (it has its own deps.json or runtimeconfig.json)", IsNestedApp: true);
        if (listedInSubfolders.Contains(relative))
            return null;
        var folder = relative[..(slash + 1)];
        return new SetAsideFolder(folder, depsName is null
            ? "not the app's own (the app has no deps.json, so only the files beside its entry assembly are)"
            : $"not listed in {depsName}");
    }

    /// <summary>Paths, relative to the app folder, of the assets a deps.json places in subfolders.</summary>
    public static IEnumerable<string> SubfolderAssets(string depsJson)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(depsJson);
        }
        catch (JsonException)
        {
            yield break; // a damaged deps.json lists nothing; the host refuses it anyway
        }
        if (document?["targets"] is not JsonObject targets)
            yield break;
        foreach (var (_, target) in targets)
        {
            if (target is not JsonObject libraries)
                continue;
            foreach (var (_, library) in libraries)
            {
                if (library?["runtimeTargets"] is JsonObject runtimeTargets)
                {
                    foreach (var (asset, _) in runtimeTargets)
                        yield return asset; // published at the path the package gives it: runtimes/<rid>/lib/<tfm>/X.dll
                }
                if (library?["resources"] is JsonObject resources)
                {
                    foreach (var (asset, details) in resources)
                    {
                        if (details?["locale"]?.GetValue<string>() is { Length: > 0 } locale)
                            yield return $"{locale}/{Path.GetFileName(asset)}";
                    }
                }
            }
        }
    }

    private static string ForwardSlashes(string path) => path.Replace('\\', '/');
}
