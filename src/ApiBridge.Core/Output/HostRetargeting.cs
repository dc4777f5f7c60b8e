using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBridge.Core.Output;

/// <summary>
/// Turns a rewritten self-contained app (a win-x64 publish folder, say) into a framework-dependent one that the
/// host's <c>dotnet</c> starts: the runtime-pack files are left out, the runtime-pack library is taken out of
/// <c>*.deps.json</c>, and <c>runtimeconfig.json</c> names the shared framework instead of carrying its own. This is
/// what lets <c>apibridge run App.exe</c> start a Windows publish folder on Linux, as <c>wine App.exe</c> would.
/// </summary>
public static class HostRetargeting
{
    /// <summary>True when the app folder's entry carries its own runtime (a self-contained publish).</summary>
    public static bool IsSelfContained(string entryAssembly)
    {
        var config = Path.ChangeExtension(entryAssembly, ".runtimeconfig.json");
        if (!File.Exists(config))
            return false;
        try
        {
            return JsonNode.Parse(File.ReadAllText(config))?["runtimeOptions"]?["includedFrameworks"] is JsonArray;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Rewrites the entry's runtimeconfig.json and every deps.json of <paramref name="folder"/> for the shared framework.</summary>
    public static void MakeFrameworkDependent(string folder, string entryAssembly)
    {
        var configPath = Path.ChangeExtension(entryAssembly, ".runtimeconfig.json");
        var config = JsonObjectFile.Read(configPath);
        var options = config["runtimeOptions"] as JsonObject
            ?? throw new GuestInputException($"{configPath}: no runtimeOptions");
        if (options["includedFrameworks"] is not JsonArray included)
            return;
        var frameworks = new JsonArray();
        foreach (var framework in included.OfType<JsonObject>())
        {
            var name = framework["name"]?.GetValue<string>();
            var version = framework["version"]?.GetValue<string>();
            if (name is null || version is null)
                continue;
            // The version the app was built for, rolling forward to the newest patch the host has.
            var parts = version.Split('.');
            frameworks.Add(new JsonObject { ["name"] = name, ["version"] = parts.Length >= 2 ? $"{parts[0]}.{parts[1]}.0" : version });
        }
        options.Remove("includedFrameworks");
        options["frameworks"] = frameworks;
        File.WriteAllText(configPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        foreach (var depsPath in Directory.GetFiles(folder, "*.deps.json"))
        {
            var deps = JsonObjectFile.Read(depsPath);
            if (deps["libraries"] is not JsonObject libraries || deps["targets"] is not JsonObject targets)
                continue;
            var runtimePacks = libraries.Where(l => l.Value?["type"]?.GetValue<string>() == "runtimepack").Select(l => l.Key).ToList();
            foreach (var pack in runtimePacks)
            {
                libraries.Remove(pack);
                foreach (var (_, target) in targets)
                    (target as JsonObject)?.Remove(pack);
            }
            File.WriteAllText(depsPath, deps.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}
