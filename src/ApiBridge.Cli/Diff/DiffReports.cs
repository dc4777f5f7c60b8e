using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ApiBridge.Cli.Diff;

/// <summary>The three forms of a comparison: readable text, versioned JSON, JUnit XML (one test case per aspect).</summary>
internal static class DiffReports
{
    /// <summary>The JSON form's version; fields are only added within a version.</summary>
    public const int SchemaVersion = 1;

    public static string Verdict(DiffResult result, string guest) => result.Verdict switch
    {
        DiffResult.SameVerdict => $"same: {guest} behaves the same under {result.Bridged.Side.Name} as under {result.Reference.Side.Name}",
        DiffResult.FlakyVerdict => $"flaky: {Differing(result)} differ, but the reference's own runs differ there too ({result.Reference.Side.Name} vs {result.Bridged.Side.Name})",
        _ => $"different: {Differing(result)} ({result.Reference.Side.Name} vs {result.Bridged.Side.Name})"
            + (result.Flaky.Count > 0 ? $"; the reference itself varies in {string.Join(", ", result.Flaky)}" : ""),
    };

    private static string Differing(DiffResult result) => string.Join(", ", result.Aspects.Where(a => !a.Same).Select(a => a.Name));

    public static string Text(DiffResult result, string guest, bool colour)
    {
        var text = new StringBuilder();
        foreach (var aspect in result.Aspects)
        {
            text.Append(aspect.Same ? "  same      " : "  differs   ").Append(aspect.Name).Append('\n');
            if (aspect.Difference is null)
                continue;
            text.Append($"--- {result.Reference.Side.Name}\n+++ {result.Bridged.Side.Name}\n");
            foreach (var line in aspect.Difference.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                text.Append(Colour(line, colour)).Append('\n');
        }
        text.Append(Verdict(result, guest)).Append('\n');
        return text.ToString();
    }

    // Removed lines red, added lines green, on a terminal.
    private static string Colour(string line, bool colour) =>
        !colour || line.Length == 0 || line[0] is not ('-' or '+') ? line
        : (line[0] == '-' ? "\u001b[31m" : "\u001b[32m") + line + "\u001b[0m";

    public static string Json(DiffResult result, string guest, IReadOnlyList<string> arguments) => Serialize(JsonObjectOf(result, guest, arguments));

    public static string Serialize(JsonNode document) =>
        document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    public static JsonObject JsonObjectOf(DiffResult result, string guest, IReadOnlyList<string> arguments)
    {
        JsonObject Side(SideResult side) => new()
        {
            ["host"] = side.Side.Name,
            ["exitCode"] = side.Outcome.TimedOut ? null : side.Outcome.ExitCode,
            ["timedOut"] = side.Outcome.TimedOut,
            ["seconds"] = Math.Round(side.Outcome.Elapsed.TotalSeconds, 3),
        };
        JsonObject? Change(FileChange? change) => change is null ? null : new JsonObject
        {
            ["kind"] = change.Kind,
            ["size"] = change.After?.Size,
            ["sha256"] = change.After?.Sha256,
        };
        var document = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["guest"] = guest,
            ["arguments"] = new JsonArray(arguments.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["verdict"] = result.Verdict,
            ["flaky"] = new JsonArray(result.Flaky.Order(StringComparer.Ordinal).Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["reference"] = Side(result.Reference),
            ["bridged"] = Side(result.Bridged),
            ["aspects"] = new JsonArray(result.Aspects.Select(a => (JsonNode)new JsonObject
            {
                ["name"] = a.Name,
                ["same"] = a.Same,
                ["reference"] = a.Reference,
                ["bridged"] = a.Bridged,
                ["difference"] = a.Difference,
            }).ToArray()),
            ["files"] = new JsonArray(result.Files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.GuestPath,
                ["same"] = f.Same,
                ["reference"] = Change(f.Reference),
                ["bridged"] = Change(f.Bridged),
                ["difference"] = f.Difference,
            }).ToArray()),
        };
        return document;
    }

    public static string JUnit(DiffResult result, string guest) => JUnitDocument([JUnitSuite(result, Path.GetFileName(guest))]);

    public static string JUnitDocument(IEnumerable<XElement> suites) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + new XElement("testsuites", suites) + "\n";

    /// <summary>One comparison as a JUnit test suite named after <paramref name="name"/>: a test case per aspect.</summary>
    public static XElement JUnitSuite(DiffResult result, string name)
    {
        var failures = result.Aspects.Count(a => !a.Same && !result.Flaky.Contains(a.Name));
        var seconds = (result.Reference.Outcome.Elapsed + result.Bridged.Outcome.Elapsed).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var suite = new XElement("testsuite",
            new XAttribute("name", $"apibridge diff {name}"),
            new XAttribute("tests", result.Aspects.Count),
            new XAttribute("failures", failures),
            new XAttribute("time", seconds),
            result.Aspects.Select(a => new XElement("testcase",
                new XAttribute("classname", $"apibridge.diff.{name}"),
                new XAttribute("name", a.Name),
                a.Same ? null
                : result.Flaky.Contains(a.Name) ? new XElement("skipped", new XAttribute("message", $"{a.Name} varies between the reference's own runs"))
                : new XElement("failure",
                    new XAttribute("message", $"{a.Name} differs between {result.Reference.Side.Name} and {result.Bridged.Side.Name}"),
                    a.Difference))));
        return suite;
    }
}
