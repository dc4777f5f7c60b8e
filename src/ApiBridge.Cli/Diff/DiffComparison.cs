using System.Text.RegularExpressions;

namespace ApiBridge.Cli.Diff;

/// <summary>How the two runs are compared (the command's options).</summary>
internal sealed record CompareRules(IReadOnlyList<Regex> Masks, IReadOnlyList<Regex> Ignores, bool StrictNewlines)
{
    public const string Masked = "<masked>";

    /// <summary>Text as compared: line endings made \n (unless strict), then every mask's matches replaced.</summary>
    public string Normalize(string text)
    {
        if (!StrictNewlines)
            text = text.Replace("\r\n", "\n");
        foreach (var mask in Masks)
            text = mask.Replace(text, Masked);
        return text;
    }

    public bool IsIgnored(string guestPath) => Ignores.Any(glob => glob.IsMatch(guestPath));
}

/// <summary>One compared aspect (exit code, stdout, stderr, files): the same or not, and how it differs.</summary>
internal sealed record Aspect(string Name, bool Same, string Reference, string Bridged, string? Difference);

/// <summary>One file either side changed, as each side left it.</summary>
internal sealed record FileComparison(string GuestPath, FileChange? Reference, FileChange? Bridged, bool Same, string? Difference);

/// <summary>The comparison of a reference run and a bridged run of one guest.</summary>
internal sealed record DiffResult(SideResult Reference, SideResult Bridged, IReadOnlyList<Aspect> Aspects, IReadOnlyList<FileComparison> Files)
{
    public const string SameVerdict = "same";
    public const string DifferentVerdict = "different";
    public const string FlakyVerdict = "flaky";

    /// <summary>Aspects in which the reference's own repeated runs (<c>--repeat</c>) did not agree.</summary>
    public IReadOnlySet<string> Flaky { get; init; } = new HashSet<string>();

    /// <summary>How long the guest's runs took, all of them (the rest of a diff's time is its own work).</summary>
    public TimeSpan RunsElapsed { get; init; }

    public bool Same => Aspects.All(a => a.Same);

    /// <summary><c>same</c>; <c>flaky</c> when every difference is in an aspect the reference itself varies in;
    /// else <c>different</c>.</summary>
    public string Verdict => Same ? SameVerdict
        : Aspects.Where(a => !a.Same).All(a => Flaky.Contains(a.Name)) ? FlakyVerdict
        : DifferentVerdict;
}

internal static class DiffComparison
{
    public static DiffResult Compare(SideResult reference, SideResult bridged, CompareRules rules)
    {
        var referenceExit = ExitText(reference.Outcome);
        var bridgedExit = ExitText(bridged.Outcome);
        var files = CompareFiles(reference.Changes, bridged.Changes, rules);
        var aspects = new List<Aspect>
        {
            new("exit code", referenceExit == bridgedExit, referenceExit, bridgedExit, referenceExit == bridgedExit ? null : $"-{referenceExit}\n+{bridgedExit}\n"),
            Text("stdout", reference.Outcome.StdOut, bridged.Outcome.StdOut, rules),
            Text("stderr", reference.Outcome.StdErr, bridged.Outcome.StdErr, rules),
            FilesAspect(files),
        };
        // Registry changes, for a Windows guest: .reg text, compared like a text file (masks apply).
        if (reference.RegistryChanges is not null && bridged.RegistryChanges is not null)
            aspects.Add(Text("registry", reference.RegistryChanges, bridged.RegistryChanges, rules));
        return new DiffResult(reference, bridged, aspects, files);
    }

    private static string ExitText(ProcessOutcome outcome) => outcome.TimedOut ? "timed out" : outcome.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Aspect Text(string name, string reference, string bridged, CompareRules rules)
    {
        var left = rules.Normalize(reference);
        var right = rules.Normalize(bridged);
        return new Aspect(name, left == right, left, right, left == right ? null : LineDiff.Unified(left, right));
    }

    private static IReadOnlyList<FileComparison> CompareFiles(IReadOnlyList<FileChange> reference, IReadOnlyList<FileChange> bridged, CompareRules rules)
    {
        var left = reference.Where(c => !rules.IsIgnored(c.GuestPath)).ToDictionary(c => c.GuestPath, StringComparer.Ordinal);
        var right = bridged.Where(c => !rules.IsIgnored(c.GuestPath)).ToDictionary(c => c.GuestPath, StringComparer.Ordinal);
        var paths = left.Keys.Union(right.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var compared = new List<FileComparison>();
        foreach (var path in paths)
        {
            left.TryGetValue(path, out var a);
            right.TryGetValue(path, out var b);
            var (same, difference) = CompareOne(a, b, rules);
            compared.Add(new FileComparison(path, a, b, same, difference));
        }
        return compared;
    }

    private static (bool Same, string? Difference) CompareOne(FileChange? a, FileChange? b, CompareRules rules)
    {
        if (a is null || b is null)
            return (false, $"{(a is null ? "not changed" : a.Kind)} by the reference, {(b is null ? "not changed" : b.Kind)} by the bridged run");
        if (a.Kind != b.Kind)
            return (false, $"{a.Kind} by the reference, {b.Kind} by the bridged run");
        if (a.After is null || b.After is null || a.After.Sha256 == b.After.Sha256)
            return (true, null);
        if (a.After.Text is { } leftText && b.After.Text is { } rightText)
        {
            var left = rules.Normalize(leftText);
            var right = rules.Normalize(rightText);
            return left == right ? (true, null) : (false, LineDiff.Unified(left, right));
        }
        return (false, $"-{a.After.Size} bytes, sha256 {a.After.Sha256}\n+{b.After.Size} bytes, sha256 {b.After.Sha256}\n");
    }

    private static Aspect FilesAspect(IReadOnlyList<FileComparison> files)
    {
        string Describe(Func<FileComparison, FileChange?> side) =>
            string.Join('\n', files.Select(f => side(f) is { } change ? $"{change.Kind} {change.GuestPath}" : null).Where(l => l is not null));
        var differing = files.Where(f => !f.Same).ToList();
        var difference = differing.Count == 0 ? null
            : string.Concat(differing.Select(f => $"{f.GuestPath}: {(f.Difference!.Contains('\n') ? "\n" + Indent(f.Difference) : f.Difference + "\n")}"));
        return new Aspect("files", differing.Count == 0, Describe(f => f.Reference), Describe(f => f.Bridged), difference);
    }

    private static string Indent(string text) => string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));
}
