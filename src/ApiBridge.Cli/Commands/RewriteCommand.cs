using System.CommandLine;
using ApiBridge.Cli.Reports;
using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Commands;

/// <summary><c>apibridge rewrite &lt;assembly|folder&gt; -o &lt;folder&gt; [--force] [--target RID [--framework-dependent]] [-v]</c></summary>
internal static class RewriteCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A guest assembly, an app's .exe/.dll (its whole folder is rewritten), or a build/publish folder" };
        var output = new Option<string>("--output", "-o") { Description = "Folder to write the rewritten app to (must be outside the input)", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace a non-empty output folder (swapped in only once the new output is complete)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every file of the output and which way it went (rewritten, copied, added)" };
        var target = new Option<string?>("--target") { Description = "Make the output run on this runtime identifier by itself (linux-x64, win-x64, osx-arm64 …): its runtime pack, apphost and package builds" };
        var isolate = new Option<bool>("--isolate") { Description = "Build the app contained: no guest path leads outside the prefix wherever it is started (the ApiBridge.Isolate runtimeconfig switch)" };
        var frameworkDependent = new Option<bool>("--framework-dependent") { Description = "With --target: name the shared framework instead of carrying a runtime (run with dotnet App.dll or the apphost)" };
        var managedView = new ManagedViewOptions();
        var command = new Command("rewrite", "Write a copy of a guest whose platform API calls go to ApiBridge's shims; the input is never modified")
        {
            input,
            output,
            force,
            quiet,
            verbose,
            target,
            frameworkDependent,
            isolate,
        };
        managedView.AddTo(command);
        command.SetAction(result => CliErrors.Guard(() =>
        {
            if (result.GetValue(frameworkDependent) && result.GetValue(target) is null)
                throw new Core.GuestInputException("--framework-dependent goes with --target <rid>");
            var targetRuntime = result.GetValue(target) is { } rid ? Core.Retargeting.TargetRuntime.Parse(rid) : null;
            using var payload = BridgePayload.Locate();
            using var progress = result.GetValue(quiet) ? null : ProgressBar.ForTerminal();
            var summary = new AppRewriter(payload).Rewrite(result.GetValue(input)!, result.GetValue(output)!, new RewriteOptions
            {
                Force = result.GetValue(force),
                ManagedView = managedView.Enabled(result),
                GuestPlatform = managedView.GuestPlatform(result),
                Progress = progress,
                Target = targetRuntime,
                FrameworkDependent = result.GetValue(frameworkDependent),
                Isolate = result.GetValue(isolate),
            });
            progress?.Dispose();
            if (!result.GetValue(quiet))
                RewriteReport.Write(summary, Console.Out, result.GetValue(verbose));
            return 0;
        }));
        return command;
    }
}
