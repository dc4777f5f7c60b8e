using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBridge.EndToEnd.Tests.Infrastructure;
using Json.Schema;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// <c>apibridge analyze --format sarif</c> on the SarifProbe fixture (tests/Fixtures/SarifProbe), whose Program.cs
/// marks each finding's line with <c>// finding: APB00N</c>: the log validates against SARIF 2.1.0's schema, and each
/// result sits on its marked line (from the PDB), or on the assembly when there is no PDB.
/// </summary>
public sealed class SarifReportTests
{
    private const string Name = "SarifProbe";

    private static string FixtureFolder => Path.Combine(RepoPaths.Root, "tests", "Fixtures", Name);

    private static string BuildOutput => Path.Combine(FixtureFolder, "bin", RepoPaths.Configuration, RepoPaths.GuestTargetFramework);

    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sarif", "sarif-schema-2.1.0.json"))));

    [Fact]
    public void The_log_is_valid_sarif_2_1_0()
    {
        var log = Analyze(Path.Combine(BuildOutput, Name + ".dll"));
        var errors = SchemaErrors(log);
        Assert.True(errors.Count == 0, "not valid SARIF 2.1.0:\n" + string.Join("\n", errors) + "\n" + log.ToJsonString());
        var driver = log["runs"]![0]!["tool"]!["driver"]!;
        Assert.Equal("ApiBridge", driver["name"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+\.\d+", driver["version"]!.GetValue<string>());
        Assert.Equal(["APB001", "APB002", "APB003", "APB004", "APB005"], driver["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
    }

    [Fact]
    public void The_validator_refuses_what_is_not_sarif()
    {
        // The schema check above must be able to fail: the same log without its version is not SARIF.
        var log = Analyze(Path.Combine(BuildOutput, Name + ".dll"));
        log.AsObject().Remove("version");
        Assert.NotEmpty(SchemaErrors(log));
    }

    [Fact]
    public void Each_finding_sits_on_its_source_line()
    {
        var source = File.ReadAllLines(Path.Combine(FixtureFolder, "Program.cs"));
        var expected = source
            .Select((line, index) => (Line: index + 1, Marker: line.Split("// finding: ") is [_, var rule] ? rule.Trim() : null))
            .Where(m => m.Marker is not null)
            .Select(m => $"{m.Marker} Program.cs:{m.Line}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(5, expected.Count);

        var results = Results(Analyze(Path.Combine(BuildOutput, Name + ".dll")));
        var actual = results.Select(r =>
            {
                var physical = r["locations"]![0]!["physicalLocation"]!;
                var uri = new Uri(physical["artifactLocation"]!["uri"]!.GetValue<string>());
                return $"{r["ruleId"]} {Path.GetFileName(uri.LocalPath)}:{physical["region"]!["startLine"]}";
            })
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual);
        Assert.All(results, r => Assert.Equal("SarifProbe.Program::Main", r["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!.GetValue<string>()));
        Assert.Contains(results, r => r["message"]!["text"]!.GetValue<string>().Contains("kernel32!SetLocalTime is bound but always refuses", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_pdb_results_sit_on_the_assembly_and_its_method()
    {
        var folder = RepoPaths.ScratchFolder("sarif-no-pdb");
        File.Copy(Path.Combine(BuildOutput, Name + ".dll"), Path.Combine(folder, Name + ".dll"));
        var log = Analyze(Path.Combine(folder, Name + ".dll"));
        Assert.Empty(SchemaErrors(log));
        var results = Results(log);
        Assert.Equal(5, results.Count);
        foreach (var result in results)
        {
            var physical = result["locations"]![0]!["physicalLocation"]!;
            Assert.Null(physical["region"]);
            Assert.Equal(Name + ".dll", physical["artifactLocation"]!["uri"]!.GetValue<string>());
            Assert.Equal("INPUTROOT", physical["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
            Assert.Matches(@"called from SarifProbe\.Program::Main at IL_[0-9a-f]{4}$", result["message"]!["text"]!.GetValue<string>());
        }
        var root = log["runs"]![0]!["originalUriBaseIds"]!["INPUTROOT"]!["uri"]!.GetValue<string>();
        Assert.Equal(new Uri(folder + "/").AbsoluteUri, root);
    }

    private static JsonNode Analyze(string input)
    {
        var result = ApiBridgeCli.Run(["analyze", input, "--format", "sarif"]);
        Assert.True(result.ExitCode == 0, result.Describe());
        return JsonNode.Parse(result.StdOut)!;
    }

    private static List<JsonNode> Results(JsonNode log) => log["runs"]![0]!["results"]!.AsArray().Select(r => r!).ToList();

    private static List<string> SchemaErrors(JsonNode log)
    {
        using var document = JsonDocument.Parse(log.ToJsonString());
        var evaluation = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (evaluation.IsValid)
            return [];
        return (evaluation.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")
            .ToList();
    }
}
