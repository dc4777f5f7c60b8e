using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBridge.Core.Output;

/// <summary>
/// Adds the payload assemblies to an app's <c>*.deps.json</c>. The host builds the app's trusted assembly list
/// from that file alone: an assembly beside <c>App.dll</c> but missing from it fails to load. Each payload
/// assembly becomes a "project" library whose runtime asset is the file in the app folder.
/// </summary>
public static class DepsJsonEditor
{
    /// <summary>The edited text, or null when every payload assembly is listed already.</summary>
    public static string? AddPayload(string depsJson, IReadOnlyList<PayloadFile> payload, string sourceName)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(depsJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException error)
        {
            throw new GuestInputException($"{sourceName}: not valid JSON ({error.Message})");
        }
        if (root?["targets"] is not JsonObject targets || root["libraries"] is not JsonObject libraries)
            throw new GuestInputException($"{sourceName}: not a .deps.json file (no targets/libraries)");

        var targetName = root["runtimeTarget"]?["name"]?.GetValue<string>() ?? targets.Select(t => t.Key).FirstOrDefault();
        if (targetName is null || targets[targetName] is not JsonObject target)
            throw new GuestInputException($"{sourceName}: its runtimeTarget has no entry under targets");

        var listedFiles = ListedRuntimeFiles(target);
        var changed = false;
        foreach (var file in payload)
        {
            if (listedFiles.Contains(file.FileName))
                continue; // an earlier rewrite listed it (an app file of a payload name was refused by BridgePayload.ClaimsFile)
            var key = $"{file.AssemblyName}/{file.AssemblyVersion}";
            target[key] = new JsonObject
            {
                ["runtime"] = new JsonObject
                {
                    [file.FileName] = new JsonObject
                    {
                        ["assemblyVersion"] = file.AssemblyVersion,
                        ["fileVersion"] = file.FileVersion,
                    },
                },
            };
            libraries[key] = new JsonObject
            {
                ["type"] = "project",
                ["serviceable"] = false,
                ["sha512"] = "",
            };
            changed = true;
        }
        return changed ? root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) : null;
    }

    private static HashSet<string> ListedRuntimeFiles(JsonObject target)
    {
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, library) in target)
        {
            if (library?["runtime"] is JsonObject runtime)
            {
                foreach (var (asset, _) in runtime)
                    files.Add(Path.GetFileName(asset));
            }
        }
        return files;
    }

    /// <summary>Runtime files a self-contained app carries from its runtime pack: left exactly as they are.</summary>
    public static HashSet<string> RuntimePackFiles(string depsJson)
    {
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(depsJson);
        }
        catch (JsonException)
        {
            return files;
        }
        if (root?["targets"] is not JsonObject targets || root["libraries"] is not JsonObject libraries)
            return files;
        foreach (var (_, target) in targets)
        {
            if (target is not JsonObject entries)
                continue;
            foreach (var (name, library) in entries)
            {
                if (libraries[name]?["type"]?.GetValue<string>() != "runtimepack")
                    continue;
                foreach (var section in new[] { "runtime", "native" })
                {
                    if (library?[section] is JsonObject assets)
                    {
                        foreach (var (asset, _) in assets)
                            files.Add(Path.GetFileName(asset));
                    }
                }
            }
        }
        return files;
    }
}
