using ApiBridge.Core.Analysis;

namespace ApiBridge.Cli.Reports;

/// <summary>
/// <c>apibridge analyze --format msbuild</c>: one line per finding in MSBuild's canonical message format
/// (<c>Native.cs(42,9): warning APB001: …</c>), which the Exec task of the ApiBridge.Build package turns into build
/// diagnostics that IDEs and CI show at the call. The findings and their codes are SARIF's (<see cref="SarifRules"/>).
/// With <c>asErrors</c> the findings are errors (<c>ApiBridgeFailOnUnbound</c>); a refusal stays a message.
/// </summary>
internal static class AnalysisMsBuildReport
{
    /// <returns>The number of findings written as errors.</returns>
    public static int Write(AnalysisReport report, TextWriter output, bool asErrors)
    {
        var root = AnalysisFindings.RootOf(report);
        var errors = 0;
        foreach (var finding in AnalysisFindings.Of(report))
        {
            var severity = finding.Rule == SarifRules.Refuses ? "message" : asErrors ? "error" : "warning";
            if (severity == "error")
                errors++;
            var origin = finding.Site is { HasSource: true } site
                ? $"{site.Document}({site.Line}{(site.Column > 0 ? "," + site.Column : "")})"
                : Path.Combine(root, finding.AssemblyPath);
            // MSBuild has no "note" category: a refusal is informational, printed as plain text (never "apibridge: …",
            // which the package's Exec reads as the CLI's own error).
            output.WriteLine(severity == "message"
                ? $"info {finding.Rule.Id}: {origin}: {finding.Message}"
                : $"{origin}: {severity} {finding.Rule.Id}: {finding.Message}");
        }
        return errors;
    }
}
