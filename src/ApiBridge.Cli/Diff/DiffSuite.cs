using System.Text.Json;
using System.Text.RegularExpressions;
using ApiBridge.Core;

namespace ApiBridge.Cli.Diff;

/// <summary>One case of a suite: a guest, its arguments, stdin and environment, and its own masks and ignores.</summary>
internal sealed record SuiteCase(string Name, string Guest, IReadOnlyList<string> Arguments, string? Stdin,
    IReadOnlyDictionary<string, string?> Environment, IReadOnlyList<Regex> Masks, IReadOnlyList<Regex> Ignores);

/// <summary>
/// <c>diff --suite FILE</c>: many cases of one or more guests in a JSON file. Paths are relative to the file.
/// <code>
/// {
///   "guest": "bin/App.exe",
///   "cases": [
///     { "name": "help", "arguments": ["--help"] },
///     { "name": "import", "guest": "other/Tool.exe", "arguments": ["import", "data.csv"], "stdin": "in.txt",
///       "env": { "LANG": "C" }, "mask": ["\\d{4}-\\d\\d-\\d\\d"], "ignore": ["C:\\users\\*\\Temp\\**"] }
///   ]
/// }
/// </code>
/// </summary>
internal static class DiffSuite
{
    public static IReadOnlyList<SuiteCase> Load(string file)
    {
        if (!File.Exists(file))
            throw new GuestInputException($"--suite {file}: no such file");
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new GuestInputException($"--suite {file}: not JSON ({e.Message})");
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string Problem(string what) => $"--suite {file}: {what}";
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array || cases.GetArrayLength() == 0)
            throw new GuestInputException(Problem("expected an object with a non-empty \"cases\" array"));
        var defaultGuest = OptionalString(root, "guest", Problem);
        var loaded = new List<SuiteCase>();
        var index = 0;
        foreach (var item in cases.EnumerateArray())
        {
            index++;
            if (item.ValueKind != JsonValueKind.Object)
                throw new GuestInputException(Problem($"case {index} is not an object"));
            var name = OptionalString(item, "name", Problem) ?? $"case {index}";
            string CaseProblem(string what) => Problem($"case \"{name}\": {what}");
            var guest = OptionalString(item, "guest", CaseProblem) ?? defaultGuest
                ?? throw new GuestInputException(CaseProblem("no \"guest\" (and no suite-wide one)"));
            var stdin = OptionalString(item, "stdin", CaseProblem) is { } input ? Path.Combine(folder, input) : null;
            if (stdin is not null && !File.Exists(stdin))
                throw new GuestInputException(CaseProblem($"stdin {stdin}: no such file"));
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (item.TryGetProperty("env", out var env))
            {
                if (env.ValueKind != JsonValueKind.Object)
                    throw new GuestInputException(CaseProblem("\"env\" must be an object of names and values"));
                foreach (var pair in env.EnumerateObject())
                    environment[pair.Name] = pair.Value.ValueKind == JsonValueKind.String ? pair.Value.GetString() : throw new GuestInputException(CaseProblem($"env {pair.Name}: not a string"));
            }
            var masks = Strings(item, "mask", CaseProblem).Select(p => ToRegex(p, CaseProblem)).ToList();
            var ignores = Strings(item, "ignore", CaseProblem).Select(GuestPathGlob.ToRegex).ToList();
            loaded.Add(new SuiteCase(name, Path.Combine(folder, guest), Strings(item, "arguments", CaseProblem), stdin, environment, masks, ignores));
        }
        if (loaded.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new GuestInputException(Problem($"two cases are named \"{twice.Key}\""));
        return loaded;
    }

    private static string? OptionalString(JsonElement element, string property, Func<string, string> problem)
    {
        if (!element.TryGetProperty(property, out var value))
            return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new GuestInputException(problem($"\"{property}\" must be a string"));
    }

    private static List<string> Strings(JsonElement element, string property, Func<string, string> problem)
    {
        if (!element.TryGetProperty(property, out var value))
            return [];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            throw new GuestInputException(problem($"\"{property}\" must be an array of strings"));
        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static Regex ToRegex(string pattern, Func<string, string> problem)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            throw new GuestInputException(problem($"mask {pattern}: not a valid regular expression"));
        }
    }
}
