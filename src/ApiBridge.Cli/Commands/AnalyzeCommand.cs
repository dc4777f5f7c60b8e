using System.CommandLine;
using ApiBridge.Cli.Reports;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Output;

namespace ApiBridge.Cli.Commands;

/// <summary><c>apibridge analyze &lt;assembly|folder&gt; [--format text|json|sarif|msbuild]</c></summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A guest assembly, an app's .exe/.dll, or a build/publish folder" };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text (for people), json (stable, documented schema) sarif (SARIF 2.1.0, for code scanning) or msbuild (one canonical diagnostic line per finding)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "msbuild");
        var findingsAsErrors = new Option<bool>("--findings-as-errors") { Description = "With --format msbuild: findings are errors, and the exit code is 1 when there is one" };
        var command = new Command("analyze", "List every platform API use (P/Invokes into kernel32, advapi32, libc …) and whether ApiBridge binds it")
        {
            input,
            format,
            findingsAsErrors,
        };
        var managedView = new ManagedViewOptions();
        managedView.AddTo(command);
        command.SetAction(result => CliErrors.Guard(() =>
        {
            using var payload = BridgePayload.Locate();
            AnalysisReport report;
            using (var progress = ProgressBar.ForTerminal())
                report = new Analyzer(payload).Analyze(result.GetValue(input)!, managedView.Enabled(result), managedView.GuestPlatform(result), progress);
            switch (result.GetValue(format))
            {
                case "json":
                {
                    using var stdout = Console.OpenStandardOutput();
                    AnalysisJsonReport.Write(report, stdout);
                    break;
                }
                case "sarif":
                {
                    using var stdout = Console.OpenStandardOutput();
                    AnalysisSarifReport.Write(report, stdout);
                    break;
                }
                case "msbuild":
                    if (AnalysisMsBuildReport.Write(report, Console.Out, result.GetValue(findingsAsErrors)) > 0)
                        return 1;
                    break;
                default:
                    AnalysisTextReport.Write(report, Console.Out);
                    break;
            }
            return 0;
        }));
        return command;
    }
}
