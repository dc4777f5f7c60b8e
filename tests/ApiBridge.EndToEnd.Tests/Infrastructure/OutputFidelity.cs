using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a rewrite may change in an app folder, checked file by file: every file of the input is in the output with the
/// same bytes, except the assemblies the CLI reports as rewritten (and their PDBs) and the <c>*.deps.json</c> files,
/// whose only change may be entries the bridge adds for its own payload; every file the output has beyond the input is
/// a payload assembly (named ApiBridge.*).
/// </summary>
public static class OutputFidelity
{
    public const string PayloadPrefix = "ApiBridge.";

    /// <summary>The input-relative paths the CLI's rewrite report names as rewritten.</summary>
    public static HashSet<string> RewrittenFiles(ProcessResult rewrite) =>
        Regex.Matches(rewrite.StdOut, @"^(\S+): rewritten", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public static void AssertOnlyBridgeChanges(string input, string output, ISet<string> rewritten)
    {
        var problems = new List<string>();
        var expectedChanged = rewritten.Concat(rewritten.Select(r => Path.ChangeExtension(r, ".pdb"))).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(input, file);
            var copy = Path.Combine(output, relative);
            if (!File.Exists(copy))
                problems.Add($"{relative}: missing from the output");
            else if (relative.EndsWith(".deps.json", StringComparison.Ordinal))
                problems.AddRange(DepsJsonProblems(relative, File.ReadAllText(file), File.ReadAllText(copy)));
            else if (!expectedChanged.Contains(relative) && !File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(copy)))
                problems.Add($"{relative}: differs from the input, and is not a rewritten assembly");
        }
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(output, file);
            if (!File.Exists(Path.Combine(input, relative)) && !(Path.GetDirectoryName(relative) == "" && relative.StartsWith(PayloadPrefix, StringComparison.Ordinal)))
                problems.Add($"{relative}: added to the output, and not a payload assembly");
        }
        foreach (var relative in rewritten)
        {
            if (!File.Exists(Path.Combine(input, relative)))
                problems.Add($"{relative}: reported as rewritten but not a file of the input");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The output's deps.json must be the input's plus "project" entries for ApiBridge.* assemblies.</summary>
    private static IEnumerable<string> DepsJsonProblems(string name, string inputText, string outputText)
    {
        var input = JsonNode.Parse(inputText)!;
        var output = JsonNode.Parse(outputText)!;
        var added = new List<string>();
        foreach (var section in new[] { "libraries" }.Concat(((JsonObject)output["targets"]!).Select(t => "targets/" + t.Key)))
        {
            var outputEntries = (JsonObject)Walk(output, section)!;
            var inputEntries = Walk(input, section) as JsonObject;
            foreach (var key in outputEntries.Select(e => e.Key).ToList())
            {
                if (inputEntries?.ContainsKey(key) == true)
                    continue;
                if (!key.StartsWith(PayloadPrefix, StringComparison.Ordinal))
                {
                    yield return $"{name}: {section} gained {key}, which is not a payload assembly";
                    continue;
                }
                if (section.StartsWith("targets/", StringComparison.Ordinal)
                    && outputEntries[key]?["runtime"] is JsonObject runtime
                    && runtime.Any(a => !a.Key.StartsWith(PayloadPrefix, StringComparison.Ordinal) || a.Key.Contains('/')))
                    yield return $"{name}: {section}/{key} lists a runtime file that is not a payload file beside the app";
                outputEntries.Remove(key);
                added.Add(key);
            }
        }
        if (!JsonNode.DeepEquals(input, output))
            yield return $"{name}: an entry of the app's own was changed (beyond the added {string.Join(", ", added)})";
    }

    private static JsonNode? Walk(JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('/', 2))
            node = node?[part];
        return node;
    }
}
