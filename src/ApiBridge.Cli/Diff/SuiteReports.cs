using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ApiBridge.Cli.Diff;

/// <summary>A suite's report in the three forms of <see cref="DiffReports"/>: per case, then the totals.</summary>
internal static class SuiteReports
{
    public static string Text(IReadOnlyList<CaseOutcome> outcomes, string suite, bool colour)
    {
        var text = new StringBuilder();
        foreach (var outcome in outcomes)
        {
            text.Append($"case {outcome.Case.Name}: {outcome.Verdict}\n");
            if (outcome.Error is { } error)
                text.Append("  ").Append(error).Append('\n');
            else if (outcome.Result!.Verdict != DiffResult.SameVerdict)
                foreach (var line in DiffReports.Text(outcome.Result, outcome.Case.Guest, colour).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    text.Append("  ").Append(line).Append('\n');
        }
        text.Append(Summary(outcomes, suite)).Append('\n');
        return text.ToString();
    }

    public static string Summary(IReadOnlyList<CaseOutcome> outcomes, string suite)
    {
        int Count(string verdict) => outcomes.Count(o => o.Verdict == verdict);
        return $"suite {suite}: {outcomes.Count} case(s): {Count(DiffResult.SameVerdict)} same, {Count(DiffResult.DifferentVerdict)} different, "
            + $"{Count(DiffResult.FlakyVerdict)} flaky, {Count(CaseOutcome.ErrorVerdict)} could not run";
    }

    public static string Json(IReadOnlyList<CaseOutcome> outcomes, string suite)
    {
        int Count(string verdict) => outcomes.Count(o => o.Verdict == verdict);
        var document = new JsonObject
        {
            ["schemaVersion"] = DiffReports.SchemaVersion,
            ["suite"] = suite,
            ["cases"] = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Case.Name,
                ["verdict"] = o.Verdict,
                ["error"] = o.Error,
                ["report"] = o.Result is null ? null : DiffReports.JsonObjectOf(o.Result, o.Case.Guest, o.Case.Arguments),
            }).ToArray()),
            ["total"] = new JsonObject
            {
                ["cases"] = outcomes.Count,
                ["same"] = Count(DiffResult.SameVerdict),
                ["different"] = Count(DiffResult.DifferentVerdict),
                ["flaky"] = Count(DiffResult.FlakyVerdict),
                ["error"] = Count(CaseOutcome.ErrorVerdict),
            },
        };
        return DiffReports.Serialize(document);
    }

    /// <summary>One JUnit test suite per case (a case that could not run: one errored test case).</summary>
    public static string JUnit(IReadOnlyList<CaseOutcome> outcomes) =>
        DiffReports.JUnitDocument(outcomes.Select(o => o.Result is { } result
            ? DiffReports.JUnitSuite(result, o.Case.Name)
            : new XElement("testsuite", new XAttribute("name", $"apibridge diff {o.Case.Name}"), new XAttribute("tests", 1), new XAttribute("errors", 1),
                new XElement("testcase", new XAttribute("classname", $"apibridge.diff.{o.Case.Name}"), new XAttribute("name", "run"),
                    new XElement("error", new XAttribute("message", o.Error!))))));
}
