namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished child process left behind.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed)
{
    /// <summary>Everything, for assertion messages.</summary>
    public string Describe(int maxChars = 6000) =>
        $"command: {CommandLine}\nexit code: {ExitCode} after {Elapsed.TotalSeconds:F1}s\n" +
        $"--- stdout ---\n{Clip(StdOut, maxChars)}\n--- stderr ---\n{Clip(StdErr, maxChars)}";

    private static string Clip(string text, int max) =>
        text.Length <= max ? text : text[..(max / 2)] + $"\n... ({text.Length - max} chars cut) ...\n" + text[^(max / 2)..];
}
