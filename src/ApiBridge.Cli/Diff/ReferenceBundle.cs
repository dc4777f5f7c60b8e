using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBridge.Cli.Diff;

/// <summary>
/// A recorded reference run (<c>diff --record DIR</c>), compared later with a bridged run (<c>diff --against DIR</c>)
/// on a machine that cannot run the reference itself (no Wine). <c>DIR/reference.json</c> holds what was run (the
/// guest's name and SHA-256, arguments, environment additions, stdin's SHA-256) and what it did (exit code, streams,
/// file changes with the text of text files, registry changes); a copy of stdin sits beside it as <c>DIR/stdin</c>.
/// </summary>
internal static class ReferenceBundle
{
    public const int SchemaVersion = 1;
    private const string FileName = "reference.json";
    private const string StdinCopy = "stdin";

    /// <summary>What a bridged run must repeat for the comparison to mean anything.</summary>
    internal sealed record Recorded(string GuestName, string GuestSha256, IReadOnlyList<string> Arguments,
        IReadOnlyDictionary<string, string?> Environment, string? StdinFile, SideResult Reference);

    /// <summary>The SHA-256 of the guest's entry assembly (the .dll beside an .exe): what identifies a build.</summary>
    public static string GuestHash(string guest)
    {
        var dll = Path.ChangeExtension(guest, ".dll");
        using var stream = File.OpenRead(File.Exists(dll) ? dll : guest);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Refuses a --record folder that holds something, before the reference runs.</summary>
    public static void CheckCanRecord(string folder)
    {
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
            throw new DiffUnavailableException($"--record {folder}: not a new or empty folder");
    }

    public static void Save(string folder, DiffRequest request, string guest, SideResult reference)
    {
        CheckCanRecord(folder);
        var staging = folder.TrimEnd(Path.DirectorySeparatorChar) + ".recording-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            if (request.StdinFile is not null)
                File.Copy(request.StdinFile, Path.Combine(staging, StdinCopy));
            var document = new JsonObject
            {
                ["schemaVersion"] = SchemaVersion,
                ["guest"] = Path.GetFileName(guest),
                ["guestSha256"] = GuestHash(guest),
                ["arguments"] = new JsonArray(request.Arguments.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
                ["environment"] = new JsonObject(request.Environment.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
                ["stdinSha256"] = request.StdinFile is null ? null : Sha256(request.StdinFile),
                ["host"] = reference.Side.Name,
                ["exitCode"] = reference.Outcome.ExitCode,
                ["seconds"] = Math.Round(reference.Outcome.Elapsed.TotalSeconds, 3),
                ["stdout"] = reference.Outcome.StdOut,
                ["stderr"] = reference.Outcome.StdErr,
                ["files"] = new JsonArray(reference.Changes.Select(c => (JsonNode)new JsonObject
                {
                    ["path"] = c.GuestPath,
                    ["kind"] = c.Kind,
                    ["size"] = c.After?.Size,
                    ["sha256"] = c.After?.Sha256,
                    ["text"] = c.After?.Text,
                }).ToArray()),
                ["registry"] = reference.RegistryChanges,
            };
            File.WriteAllText(Path.Combine(staging, FileName), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            // Whole or not at all: the bundle appears under its name only once it is complete.
            if (Directory.Exists(folder))
                Directory.Delete(folder);
            Directory.Move(staging, folder);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Reads a bundle and checks it was recorded from this build of the guest.</summary>
    public static Recorded Load(string folder, string guest)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
            throw new DiffUnavailableException($"--against {folder}: no recorded reference run there (no {FileName}; make one with diff --record)");
        JsonNode root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file)) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new DiffUnavailableException($"--against {folder}: {FileName} is not a recorded run ({e.Message})");
        }
        try
        {
            var version = (int)root["schemaVersion"]!;
            if (version != SchemaVersion)
                throw new DiffUnavailableException($"--against {folder}: recorded with bundle schema {version}; this apibridge reads {SchemaVersion}");
            var name = (string)root["guest"]!;
            var hash = (string)root["guestSha256"]!;
            var actual = GuestHash(guest);
            if (!string.Equals(hash, actual, StringComparison.Ordinal))
                throw new DiffUnavailableException($"--against {folder}: recorded from another build of the guest ({name}, sha256 {hash[..12]}…; {Path.GetFileName(guest)} is {actual[..12]}…)");
            var stdin = Path.Combine(folder, StdinCopy);
            var side = new DiffSide((string)root["host"]! + " (recorded)", "", [], new Dictionary<string, string?>(), [], null, () => { });
            var outcome = new ProcessOutcome((int)root["exitCode"]!, (string)root["stdout"]!, (string)root["stderr"]!,
                TimeSpan.FromSeconds((double)root["seconds"]!), TimedOut: false);
            var changes = root["files"]!.AsArray().Select(f => new FileChange((string)f!["path"]!, (string)f["kind"]!, null,
                f["sha256"] is null ? null : new FileState((long)f["size"]!, (string)f["sha256"]!, (string?)f["text"]))).ToList();
            return new Recorded(name, hash,
                root["arguments"]!.AsArray().Select(a => (string)a!).ToList(),
                root["environment"]!.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal),
                File.Exists(stdin) ? stdin : null,
                new SideResult(side, outcome, changes, (string?)root["registry"]));
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or JsonException)
        {
            throw new DiffUnavailableException($"--against {folder}: {FileName} is incomplete or damaged ({e.Message})");
        }
    }

    /// <summary>Refuses a bridged run that would not repeat the recorded one (other arguments, environment or input).</summary>
    public static void CheckSameRun(Recorded recorded, DiffRequest request, string folder)
    {
        if (!recorded.Arguments.SequenceEqual(request.Arguments))
            throw new DiffUnavailableException($"--against {folder}: recorded with the arguments [{string.Join(", ", recorded.Arguments)}], not [{string.Join(", ", request.Arguments)}]");
        var given = request.Environment.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}");
        var then = recorded.Environment.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}");
        if (!given.SequenceEqual(then))
            throw new DiffUnavailableException($"--against {folder}: recorded with --env {string.Join(" ", then)}, not {string.Join(" ", given)}");
        if (request.StdinFile is not null && (recorded.StdinFile is null || Sha256(request.StdinFile) != Sha256(recorded.StdinFile)))
            throw new DiffUnavailableException($"--against {folder}: recorded with {(recorded.StdinFile is null ? "no --stdin" : "another --stdin file")}");
    }

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
