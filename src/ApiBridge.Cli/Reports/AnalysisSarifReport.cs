using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using ApiBridge.Core.Rewriting.Members;

namespace ApiBridge.Cli.Reports;

/// <summary>
/// <c>apibridge analyze --format sarif</c>: SARIF 2.1.0, the format GitHub code scanning and Azure DevOps ingest. One
/// rule per kind of finding; one result per call site, placed on the source line when the assembly's PDB gives it
/// (else on the assembly, with the calling method as a logical location). Bound imports that do their work are not
/// findings and are left out.
/// </summary>
internal static class AnalysisSarifReport
{
    private const string InputRoot = "INPUTROOT";

    // Sources built deterministically (the SDK's PathMap) are recorded as /_/<path in the repository>.
    private const string SourceRoot = "SRCROOT";
    private const string DeterministicPrefix = "/_/";

    public static void Write(AnalysisReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json);
        WriteBaseIds(json, report);
        json.WriteStartArray("results");
        foreach (var finding in AnalysisFindings.Of(report))
            WriteResult(json, finding);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    private static void WriteTool(Utf8JsonWriter json)
    {
        var version = typeof(AnalysisSarifReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "ApiBridge");
        json.WriteString("version", version);
        json.WriteString("semanticVersion", version.Split('+')[0]);
        json.WriteStartArray("rules");
        foreach (var rule in SarifRules.All)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Summary);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description);
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", rule.Level);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteBaseIds(Utf8JsonWriter json, AnalysisReport report)
    {
        var root = AnalysisFindings.RootOf(report);
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(InputRoot);
        json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + "/").AbsoluteUri);
        json.WriteStartObject("description");
        json.WriteString("text", "The analyzed app folder or the folder of the analyzed assembly.");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject(SourceRoot);
        json.WriteStartObject("description");
        json.WriteString("text", "The root of a deterministic build's sources (the repository).");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, AnalysisFinding finding)
    {
        var (rule, message, assemblyPath, site, method) = (finding.Rule, finding.Message, finding.AssemblyPath, finding.Site, finding.Method);
        json.WriteStartObject();
        json.WriteString("ruleId", rule.Id);
        json.WriteNumber("ruleIndex", SarifRules.All.IndexOf(rule));
        json.WriteString("level", rule.Level);
        json.WriteStartObject("message");
        json.WriteString("text", message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        if (site is { HasSource: true })
        {
            WriteSourceArtifact(json, site.Document!);
            json.WriteStartObject("region");
            json.WriteNumber("startLine", site.Line);
            if (site.Column > 0)
                json.WriteNumber("startColumn", site.Column);
            json.WriteEndObject();
        }
        else
        {
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", Uri.EscapeDataString(assemblyPath.Replace('\\', '/')).Replace("%2F", "/"));
            json.WriteString("uriBaseId", InputRoot);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        if (method is not null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", method);
            json.WriteString("kind", "function");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSourceArtifact(Utf8JsonWriter json, string document)
    {
        json.WriteStartObject("artifactLocation");
        if (document.StartsWith(DeterministicPrefix, StringComparison.Ordinal))
        {
            json.WriteString("uri", Uri.EscapeDataString(document[DeterministicPrefix.Length..]).Replace("%2F", "/"));
            json.WriteString("uriBaseId", SourceRoot);
        }
        else if (Uri.TryCreate(document, UriKind.Absolute, out var absolute) && absolute.IsFile)
            json.WriteString("uri", absolute.AbsoluteUri);
        else
            json.WriteString("uri", Uri.EscapeDataString(document.Replace('\\', '/')).Replace("%2F", "/"));
        json.WriteEndObject();
    }
}
