using ApiBridge.Core;

namespace ApiBridge.Cli.Diff;

/// <summary>How one case of a suite ended: compared (<see cref="Result"/>), or not run, and why (<see cref="Error"/>).</summary>
internal sealed record CaseOutcome(SuiteCase Case, DiffResult? Result, string? Error)
{
    public const string ErrorVerdict = "error";

    public string Verdict => Result?.Verdict ?? ErrorVerdict;
}

/// <summary>Runs the cases of a suite one after another; a case that cannot run is reported and the rest go on.</summary>
internal static class SuiteRunner
{
    /// <param name="shared">The command line's settings; each case adds its own arguments, stdin, environment, masks and ignores.</param>
    /// <param name="starting">Called before each case with its position, the count and its name (the progress line).</param>
    public static IReadOnlyList<CaseOutcome> Run(IReadOnlyList<SuiteCase> cases, DiffRequest shared, Action<string> progress,
        Action<int, int, string> starting, CancellationToken cancel)
    {
        var outcomes = new List<CaseOutcome>();
        for (var i = 0; i < cases.Count; i++)
        {
            var suiteCase = cases[i];
            starting(i + 1, cases.Count, suiteCase.Name);
            var environment = new Dictionary<string, string?>(shared.Environment, StringComparer.Ordinal);
            foreach (var (name, value) in suiteCase.Environment)
                environment[name] = value;
            var request = shared with
            {
                Guest = suiteCase.Guest,
                Arguments = suiteCase.Arguments,
                Environment = environment,
                StdinFile = suiteCase.Stdin ?? shared.StdinFile,
                Rules = shared.Rules with { Masks = [.. shared.Rules.Masks, .. suiteCase.Masks], Ignores = [.. shared.Rules.Ignores, .. suiteCase.Ignores] },
            };
            try
            {
                outcomes.Add(new CaseOutcome(suiteCase, DiffRunner.Run(request, line => progress($"{suiteCase.Name}: {line}"), cancel), null));
            }
            catch (Exception e) when (e is DiffUnavailableException or GuestInputException)
            {
                outcomes.Add(new CaseOutcome(suiteCase, null, e.Message));
            }
        }
        return outcomes;
    }
}
