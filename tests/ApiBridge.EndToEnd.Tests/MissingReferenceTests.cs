using System.Text.Json;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// An app folder that lacks an assembly its own assemblies reference (a package with no build for the platform the
/// folder was published for) is named by analyze (text, JSON, SARIF) and rewrite, instead of passing through in silence.
/// </summary>
public sealed class MissingReferenceTests
{
    private const string Name = "NativePackageGuest";

    private static string BuildOutput => Path.Combine(RepoPaths.Root, "tests", "Fixtures", Name, "bin", RepoPaths.Configuration, RepoPaths.GuestTargetFramework);

    [Fact]
    public void Analyze_and_rewrite_name_the_missing_assembly_and_who_needs_it()
    {
        var folder = Copy("missing-reference", without: "SQLitePCLRaw.core.dll");

        var text = ApiBridgeCli.Run(["analyze", folder]);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("warning: Microsoft.Data.Sqlite.dll references SQLitePCLRaw.core 2.", text.StdOut);
        Assert.Contains("neither in the app folder nor in the .NET runtime", text.StdOut);

        var json = ApiBridgeCli.Run(["analyze", folder, "--format", "json"]);
        using var document = JsonDocument.Parse(json.StdOut);
        var missing = document.RootElement.GetProperty("missingReferences").EnumerateArray().ToList();
        Assert.Equal(["Microsoft.Data.Sqlite.dll", "SQLitePCLRaw.batteries_v2.dll", "SQLitePCLRaw.provider.e_sqlite3.dll"],
            missing.Select(m => m.GetProperty("referrer").GetString()).Order(StringComparer.Ordinal));
        Assert.All(missing, m => Assert.Equal("SQLitePCLRaw.core", m.GetProperty("name").GetString()));

        var sarif = ApiBridgeCli.Run(["analyze", folder, "--format", "sarif"]);
        using var log = JsonDocument.Parse(sarif.StdOut);
        var rules = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
        Assert.Equal(3, rules.Count(r => r == "APB005"));
        // The app's calls into its own native library (SQLite's e_sqlite3) are not platform findings.
        Assert.DoesNotContain("APB001", rules);

        var output = Path.Combine(RepoPaths.ScratchFolder("missing-reference-out"), "out");
        var rewrite = ApiBridgeCli.Run(["rewrite", folder, "-o", output]);
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        Assert.Contains("warning: Microsoft.Data.Sqlite.dll references SQLitePCLRaw.core", rewrite.StdOut);
    }

    [Fact]
    public void A_complete_folder_has_no_such_warning()
    {
        var result = ApiBridgeCli.Run(["analyze", Copy("complete-reference", without: null)]);
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("warning:", result.StdOut);
    }

    private static string Copy(string scratch, string? without)
    {
        var folder = RepoPaths.ScratchFolder(scratch);
        foreach (var file in Directory.GetFiles(BuildOutput, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) == without)
                continue;
            var destination = Path.Combine(folder, Path.GetRelativePath(BuildOutput, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return folder;
    }
}
