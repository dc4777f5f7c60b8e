using System.CommandLine;
using System.Text.RegularExpressions;
using ApiBridge.Cli.Diff;
using ApiBridge.Core;

namespace ApiBridge.Cli.Commands;

/// <summary>
/// <c>apibridge diff [options] [--] &lt;guest&gt; [&lt;arguments&gt;...]</c>: the guest on its own platform (the reference)
/// against the same guest under <c>apibridge run</c>. Exit 0 when they behave the same, 1 when they differ, 2 when
/// the input is refused or the reference cannot run here.
/// </summary>
internal static class DiffCommand
{
    public const string GeneratedUsage = "apibridge diff <guest> [<arguments>...] [options]";
    public const string Usage = "apibridge diff [options] [--] <guest> [<arguments>...]";

    public const int Different = 1;

    /// <summary>Options that take a value, so the guest is found after them (<see cref="ApiBridge.Run.Starting.RunCommandLine.Split(string[], IReadOnlyCollection{string})"/>).</summary>
    public static readonly IReadOnlyList<string> WithValue = ["--wine", "--timeout", "--env", "--stdin", "--mask", "--ignore", "--format", "--junit", "--record", "--against", "--repeat", "--suite"];

    public static Command Create(IReadOnlyList<string> guestArguments)
    {
        var guest = new Argument<string?>("guest") { Description = "The guest's .exe or .dll (a Windows guest's self-contained or framework-dependent build)", Arity = ArgumentArity.ZeroOrOne };
        var arguments = new Argument<string[]>("arguments") { Description = "Arguments for the guest on both sides: everything after <guest>", Arity = ArgumentArity.ZeroOrMore };
        var wine = new Option<string>("--wine") { Description = "Wine for the reference run of a Windows guest (default: $APIBRIDGE_WINE, /usr/lib/wine/wine64, wine64/wine on PATH)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds each side may run before it is stopped (default 120)", DefaultValueFactory = _ => 120 };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0)
                r.AddError("--timeout must be a positive number of seconds");
        });
        var env = new Option<string[]>("--env") { Description = "NAME=VALUE added to both sides' environment (repeatable)", AllowMultipleArgumentsPerToken = false };
        env.Validators.Add(r =>
        {
            foreach (var pair in r.GetValueOrDefault<string[]>() ?? [])
                if (pair.IndexOf('=') <= 0)
                    r.AddError($"--env {pair}: expected NAME=VALUE");
        });
        var stdin = new Option<string>("--stdin") { Description = "A file fed to the guest's stdin on both sides" };
        var mask = new Option<string[]>("--mask") { Description = "A regular expression whose matches (times, ids) are replaced before comparing (repeatable)" };
        mask.Validators.Add(r =>
        {
            foreach (var pattern in r.GetValueOrDefault<string[]>() ?? [])
                if (ParseRegex(pattern) is null)
                    r.AddError($"--mask {pattern}: not a valid regular expression");
        });
        var ignore = new Option<string[]>("--ignore") { Description = @"A glob of guest paths whose changes are not compared, e.g. 'C:\users\*\AppData\Local\Temp\**' (repeatable)" };
        var format = new Option<string>("--format") { Description = "text (default) or json (schema version " + DiffReports.SchemaVersion + ")", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var junit = new Option<string>("--junit") { Description = "Also write the comparison as JUnit XML (one test case per aspect) to this file" };
        var strict = new Option<bool>("--strict-newlines") { Description = "Compare line endings too (by default \\r\\n and \\n are the same)" };
        var record = new Option<string>("--record") { Description = "Run only the reference and keep it in this (new or empty) folder, for --against on a machine without Wine" };
        var against = new Option<string>("--against") { Description = "Compare the bridged run with a reference recorded by --record (its arguments, --env and --stdin are repeated)" };
        var repeat = new Option<int>("--repeat") { Description = "Run each side this many times: differences the reference's own runs show too are reported as flaky, not different", DefaultValueFactory = _ => 1 };
        repeat.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
                r.AddError("--repeat must be a number of runs from 1 to 100");
        });
        var suite = new Option<string>("--suite") { Description = "Run the cases of a JSON suite file (guest, arguments, stdin, env, masks per case) instead of one guest" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Say on stderr how long each side took" };
        var command = new Command("diff", "Run a guest on its own platform (Wine for a Windows guest) and under apibridge run, and compare exit code, output and the files it changed")
        {
            guest, arguments, wine, timeout, env, stdin, mask, ignore, format, junit, strict, record, against, repeat, suite, verbose,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(record) is not null && r.GetValue(against) is not null)
                r.AddError("--record and --against cannot be used together: record on a machine with the reference, compare on another");
            if (r.GetValue(suite) is not null && (r.GetValue(guest) is not null || r.GetValue(record) is not null || r.GetValue(against) is not null))
                r.AddError("--suite names its guests itself: give no <guest>, --record or --against with it");
            else if (r.GetValue(suite) is null && r.GetValue(guest) is null)
                r.AddError("a <guest> to compare (or --suite FILE) is needed");
        });
        command.SetAction(result => CliErrors.Guard(() =>
        {
            var guestPath = result.GetValue(guest) ?? "";
            var suiteFile = result.GetValue(suite);
            var cases = suiteFile is null ? null : DiffSuite.Load(suiteFile);
            var stdinFile = result.GetValue(stdin);
            if (stdinFile is not null && !File.Exists(stdinFile))
                throw new GuestInputException($"--stdin {stdinFile}: no such file");
            var environment = (result.GetValue(env) ?? []).ToDictionary(p => p[..p.IndexOf('=')], p => (string?)p[(p.IndexOf('=') + 1)..], StringComparer.Ordinal);
            var rules = new CompareRules(
                (result.GetValue(mask) ?? []).Select(p => ParseRegex(p)!).ToList(),
                (result.GetValue(ignore) ?? []).Select(GuestPathGlob.ToRegex).ToList(),
                result.GetValue(strict));
            var request = new DiffRequest(guestPath, guestArguments, environment, stdinFile, TimeSpan.FromSeconds(result.GetValue(timeout)), rules,
                result.GetValue(wine), result.GetValue(record), result.GetValue(against), result.GetValue(repeat));
            var isVerbose = result.GetValue(verbose);
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // Stop both sides and clear up their folders, then end as interrupted.
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            Action<string> progress = line => { if (isVerbose) Console.Error.WriteLine($"apibridge: {line}"); };
            DiffResult outcome;
            try
            {
                if (request.Record is not null)
                {
                    var recorded = DiffRunner.Record(request, progress, cancel.Token);
                    Console.Out.WriteLine($"recorded: {guestPath} under {recorded.Side.Name} (exit {recorded.Outcome.ExitCode}, {recorded.Changes.Count} file change(s)) in {request.Record}");
                    return 0;
                }
                if (cases is not null)
                    return RunSuite(cases, suiteFile!, request, progress, result.GetValue(format)!, result.GetValue(junit), cancel.Token);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                outcome = DiffRunner.Run(request, progress, cancel.Token);
                // The split -v reports: the guest's runs, and what diff itself added (prefix copies, snapshots, comparing).
                var own = clock.Elapsed - outcome.RunsElapsed;
                progress($"diff took {clock.Elapsed.TotalSeconds:0.00} s: the guest's runs {outcome.RunsElapsed.TotalSeconds:0.00} s, its own work {own.TotalSeconds:0.00} s ({own / clock.Elapsed:P0}: {OwnWork.Describe()})");
            }
            catch (DiffUnavailableException unavailable)
            {
                throw new GuestInputException($"cannot compare: {unavailable.Message}");
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("apibridge: diff interrupted");
                return 130;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            if (result.GetValue(junit) is { } junitFile)
                File.WriteAllText(junitFile, DiffReports.JUnit(outcome, guestPath));
            Console.Out.Write(result.GetValue(format) == "json"
                ? DiffReports.Json(outcome, guestPath, guestArguments)
                : DiffReports.Text(outcome, guestPath, colour: !Console.IsOutputRedirected));
            return outcome.Verdict == DiffResult.DifferentVerdict ? Different : 0;
        }));
        return command;
    }

    private static int RunSuite(IReadOnlyList<SuiteCase> cases, string suiteFile, DiffRequest shared, Action<string> progress, string format,
        string? junitFile, CancellationToken cancel)
    {
        // A progress line on a terminal, rewritten in place; nothing when stderr is a file or a pipe.
        var terminal = !Console.IsErrorRedirected;
        var outcomes = SuiteRunner.Run(cases, shared, progress, (index, count, name) =>
        {
            if (terminal)
                Console.Error.Write($"\r\u001b[K[{index}/{count}] {name}");
        }, cancel);
        if (terminal)
            Console.Error.Write("\r\u001b[K");
        if (junitFile is not null)
            File.WriteAllText(junitFile, SuiteReports.JUnit(outcomes));
        Console.Out.Write(format == "json" ? SuiteReports.Json(outcomes, suiteFile) : SuiteReports.Text(outcomes, suiteFile, colour: !Console.IsOutputRedirected));
        return outcomes.Any(o => o.Verdict == CaseOutcome.ErrorVerdict) ? CliErrors.BadInput
            : outcomes.Any(o => o.Verdict == DiffResult.DifferentVerdict) ? Different : 0;
    }

    private static Regex? ParseRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
