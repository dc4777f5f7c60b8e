namespace ApiBridge.Core.Tests.Coverage;

/// <summary>
/// One of the conformance target lists (tests/Conformance/*-targets.md, copied from the product's shared contract
/// facts): per class, each entry point real packages import and how many assemblies import it.
/// </summary>
public sealed record TargetList(string Library, IReadOnlyList<Target> Targets)
{
    /// <summary>The classes the coverage goal counts: the file, time, process and environment services the shims provide.</summary>
    public static readonly string[] CountedClasses = ["file", "time", "process", "environment"];

    public static TargetList Read(string library, string markdownPath)
    {
        var targets = new List<Target>();
        string? section = null;
        foreach (var line in File.ReadLines(markdownPath))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                // "## file (53)": a class; any other heading (totals, appendices) ends the counted sections.
                var heading = line[3..];
                var open = heading.IndexOf(" (", StringComparison.Ordinal);
                section = open > 0 && heading.EndsWith(')') ? heading[..open] : null;
                continue;
            }
            if (section is null || !line.StartsWith("| `", StringComparison.Ordinal))
                continue;
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            targets.Add(new Target(section, cells[1].Trim('`'), int.Parse(cells[2])));
        }
        return new TargetList(library, targets);
    }
}

public sealed record Target(string Class, string EntryPoint, int Importers);
