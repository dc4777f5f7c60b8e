using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBridge.Core.Output;

/// <summary>An app's JSON configuration file (runtimeconfig.json, deps.json) read as an object; a bad one is the user's input error.</summary>
public static class JsonObjectFile
{
    public static JsonObject Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new GuestInputException($"{path}: not a JSON object");
        }
        catch (JsonException error)
        {
            throw new GuestInputException($"{path}: not valid JSON ({error.Message})");
        }
    }
}
