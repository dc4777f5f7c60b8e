using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBridge.Core.Output;

/// <summary>Turns on an AppContext switch in an app's runtimeconfig.json (<c>runtimeOptions.configProperties</c>).</summary>
public static class RuntimeConfigSwitch
{
    public static void Set(string runtimeConfigPath, string name)
    {
        var config = JsonObjectFile.Read(runtimeConfigPath);
        var options = config["runtimeOptions"] as JsonObject ?? throw new GuestInputException($"{runtimeConfigPath}: no runtimeOptions");
        if (options["configProperties"] is not JsonObject properties)
            options["configProperties"] = properties = new JsonObject();
        properties[name] = true;
        File.WriteAllText(runtimeConfigPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
