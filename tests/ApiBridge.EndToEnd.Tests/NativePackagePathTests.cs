using System.Text.Json;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// A Windows app whose package brings a native library (Microsoft.Data.Sqlite → SQLite's e_sqlite3, the host's build)
/// opens a database under <c>Path.GetTempPath()</c>, a guest path (<c>C:\users\…\Temp\…</c>). The native library
/// must receive the host path in the prefix: before the native-path rule it made a file literally named
/// <c>C:\users\root\Temp\native-package-guest-….db</c> in the current folder (it once did so in this repository).
/// Every run here has a scratch working folder and prefix, so a regression cannot pollute the repository.
/// </summary>
public sealed class NativePackagePathTests
{
    private const string Name = "NativePackageGuest";

    private static string BuildOutput => Path.Combine(RepoPaths.Root, "tests", "Fixtures", Name, "bin", RepoPaths.Configuration, RepoPaths.GuestTargetFramework);

    [Fact]
    public void The_database_lands_in_the_prefix_temp_folder_and_nothing_in_the_working_folder()
    {
        var scratch = RepoPaths.ScratchFolder("native-package-path");
        var cwd = Directory.CreateDirectory(Path.Combine(scratch, "cwd")).FullName;
        var prefix = Path.Combine(scratch, "prefix");
        var run = ApiBridgeCli.Run(["run", "--cache-dir", Path.Combine(scratch, "cache"), Path.Combine(BuildOutput, Name + ".dll"), "--keep"],
            timeout: TimeSpan.FromMinutes(3), workingDirectory: cwd,
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix, ["APIBRIDGE_MANAGED_VIEW"] = null });

        Assert.True(run.ExitCode == 0, run.Describe());
        var lines = Transcript.Of(run).Lines;
        Assert.Contains("users: ada,grace", lines);
        Assert.Contains("database where the guest put it: True", lines);
        var kept = lines.Single(l => l.StartsWith("kept: ", StringComparison.Ordinal))["kept: ".Length..];
        Assert.Matches(@"^C:\\users\\[^\\]+\\Temp\\native-package-guest-[0-9a-f]{32}\.db$", kept);

        Assert.Empty(Directory.EnumerateFileSystemEntries(cwd));
        var databases = Directory.GetFiles(Path.Combine(prefix, "drive_c"), "native-package-guest-*.db", SearchOption.AllDirectories);
        var database = Assert.Single(databases);
        Assert.Equal(Path.Combine(prefix, "drive_c", "users", kept.Split('\\')[2], "Temp", kept.Split('\\')[^1]), database);
        Assert.True(new FileInfo(database).Length > 0, "SQLite wrote the database");
    }

    [Fact]
    public void Analyze_and_rewrite_name_the_sqlite_open_calls_whose_paths_are_translated()
    {
        var json = ApiBridgeCli.Run(["analyze", BuildOutput, "--format", "json"]);
        Assert.True(json.ExitCode == 0, json.Describe());
        using var document = JsonDocument.Parse(json.StdOut);
        Assert.Equal(1, document.RootElement.GetProperty("schemaVersion").GetInt32());
        var calls = document.RootElement.GetProperty("assemblies").EnumerateArray()
            .SelectMany(a => a.GetProperty("nativePathCalls").EnumerateArray().Select(c => (Assembly: a.GetProperty("path").GetString(), Call: c)))
            .ToList();
        Assert.All(calls, c => Assert.Equal("SQLitePCLRaw.provider.e_sqlite3.dll", c.Assembly));
        Assert.Equal(["sqlite3_open", "sqlite3_open_v2"], calls.Select(c => c.Call.GetProperty("entryPoint").GetString()).Order(StringComparer.Ordinal));
        Assert.All(calls, c => Assert.Equal(["filename (utf8 pointer)"], c.Call.GetProperty("parameters").EnumerateArray().Select(p => p.GetString())));
        Assert.Equal(2, document.RootElement.GetProperty("total").GetProperty("nativePathCalls").GetInt32());

        var text = ApiBridgeCli.Run(["analyze", BuildOutput]);
        Assert.Contains("native path e_sqlite3!sqlite3_open_v2(filename (utf8 pointer))", text.StdOut);
        Assert.Contains("Native path arguments: 2 imports of libraries the bridge does not shim get host paths", text.StdOut);

        var rewrite = ApiBridgeCli.Run(["rewrite", BuildOutput, "-o", Path.Combine(RepoPaths.ScratchFolder("native-package-rewrite"), "out")]);
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        Assert.Contains("SQLitePCLRaw.provider.e_sqlite3.dll: rewritten (0 imports bound), native path arguments translated: sqlite3_open, sqlite3_open_v2", rewrite.StdOut);

        // Without the managed view the guest keeps host semantics, and nothing is translated.
        var plain = ApiBridgeCli.Run(["analyze", BuildOutput, "--format", "json", "--no-managed-view"]);
        using var plainDocument = JsonDocument.Parse(plain.StdOut);
        Assert.Equal(0, plainDocument.RootElement.GetProperty("total").GetProperty("nativePathCalls").GetInt32());
    }
}
