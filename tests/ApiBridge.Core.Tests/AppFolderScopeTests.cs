using System.Security.Cryptography;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Core.Tests;

/// <summary>
/// An app folder is what its deps.json lists plus the files beside its entry assembly: a nested app (the win-x64/ that
/// `dotnet publish -r` leaves in a build folder) and stray subfolders are copied byte for byte, never rewritten, and
/// the summary counts every file it copied.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)]
public sealed class AppFolderScopeTests(RewrittenVariants guest)
{
    private const string DepsJson = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v8.0" },
          "targets": {
            ".NETCoreApp,Version=v8.0": {
              "App/1.0.0": { "dependencies": { "Native.Helper": "1.0.0" }, "runtime": { "App.dll": {} } },
              "Native.Helper/1.0.0": {
                "runtimeTargets": { "runtimes/win/lib/net8.0/Native.Helper.dll": { "rid": "win", "assetType": "runtime" } },
                "resources": { "lib/net8.0/de/Native.Helper.resources.dll": { "locale": "de" } }
              }
            }
          },
          "libraries": {
            "App/1.0.0": { "type": "project", "serviceable": false, "sha512": "" },
            "Native.Helper/1.0.0": { "type": "package", "serviceable": true, "sha512": "" }
          }
        }
        """;

    [Fact]
    public void Only_the_apps_own_assemblies_are_rewritten_and_the_rest_is_copied_byte_for_byte()
    {
        var app = MakeApp();
        var output = TempFolder.NewPath("scoped-out");

        var summary = new AppRewriter(guest.Payload.Payload).Rewrite(app, output);

        var rewritten = summary.Outcomes.Where(o => o.Action == RewriteAction.Rewritten)
            .Select(o => Path.GetRelativePath(output, o.OutputPath).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["App.dll", "de/Native.Helper.resources.dll", "runtimes/win/lib/net8.0/Native.Helper.dll"], rewritten);
        foreach (var untouched in new[] { "win-x64/App.dll", "win-x64/deep/App.dll", "plugins/Plugin.dll" })
            Assert.Equal(Hash(Path.Combine(app, untouched)), Hash(Path.Combine(output, untouched)));
        Assert.NotEqual(Hash(Path.Combine(app, "App.dll")), Hash(Path.Combine(output, "App.dll")));
    }

    [Fact]
    public void The_summary_names_each_set_aside_folder_and_counts_every_copied_file()
    {
        var app = MakeApp();
        var output = TempFolder.NewPath("scoped-out");

        var summary = new AppRewriter(guest.Payload.Payload).Rewrite(app, output);

        var nested = Assert.Single(summary.SetAside, s => s.RelativeFolder == "win-x64/");
        Assert.Contains("nested app", nested.Reason);
        Assert.Equal(4, nested.Files); // App.dll, App.deps.json, deep/App.dll, deep/notes.txt
        var plugins = Assert.Single(summary.SetAside, s => s.RelativeFolder == "plugins/");
        Assert.Contains("not listed in App.deps.json", plugins.Reason);
        Assert.Equal(2, summary.SetAside.Count);
        Assert.Equal(0, summary.AssembliesCopied);
        // App.deps.json, App.runtimeconfig.json, the nested app's 4 files and the plugin.
        Assert.Equal(7, summary.OtherFilesCopied);
        var outputFiles = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Length;
        Assert.Equal(outputFiles, summary.Outcomes.Count + summary.OtherFilesCopied + summary.PayloadFiles.Count
            + Directory.GetFiles(output, "*.pdb", SearchOption.AllDirectories).Length);
        Assert.Equal(Path.Combine(output, "App.dll"), summary.EntryAssembly); // the folder's only app, for the hint
    }

    [Fact]
    public void Without_a_deps_json_only_the_files_beside_the_entry_assembly_are_the_apps()
    {
        var app = MakeApp();
        File.Delete(Path.Combine(app, "App.deps.json"));
        var output = TempFolder.NewPath("scoped-out");

        var summary = new AppRewriter(guest.Payload.Payload).Rewrite(Path.Combine(app, "App.dll"), output);

        Assert.Equal(["App.dll"], summary.Outcomes.Where(o => o.Action == RewriteAction.Rewritten).Select(o => Path.GetFileName(o.OutputPath)));
        Assert.Contains(summary.SetAside, s => s.RelativeFolder == "runtimes/" && s.Reason.Contains("no deps.json"));
        Assert.Equal(Hash(Path.Combine(app, "runtimes/win/lib/net8.0/Native.Helper.dll")), Hash(Path.Combine(output, "runtimes/win/lib/net8.0/Native.Helper.dll")));
    }

    [Fact]
    public void The_run_cache_leaves_nested_apps_out_but_keeps_other_folders()
    {
        var app = MakeApp();
        var output = TempFolder.NewPath("scoped-out");

        new AppRewriter(guest.Payload.Payload).Rewrite(app, output, new RewriteOptions { OmitNestedApps = true });

        Assert.False(Directory.Exists(Path.Combine(output, "win-x64")), "a nested app was copied into the run cache");
        Assert.True(File.Exists(Path.Combine(output, "plugins", "Plugin.dll")), "a stray folder (data, plugins) must stay");
        Assert.True(File.Exists(Path.Combine(output, "runtimes", "win", "lib", "net8.0", "Native.Helper.dll")));
    }

    /// <summary>
    /// App.dll with a deps.json that lists a runtime-specific build and a satellite; a nested app in win-x64/ (its own
    /// deps.json) and a plugin in a folder nothing lists. Every assembly is DeclarationVariants, which has imports to bind.
    /// </summary>
    private static string MakeApp()
    {
        var app = TempFolder.Create("scoped-app");
        void Place(string relative, string? text = null)
        {
            var path = Path.Combine(app, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (text is null)
                File.Copy(BuildPaths.Variants, path);
            else
                File.WriteAllText(path, text);
        }
        Place("App.dll");
        Place("App.deps.json", DepsJson);
        Place("App.runtimeconfig.json", """{ "runtimeOptions": { "tfm": "net8.0", "framework": { "name": "Microsoft.NETCore.App", "version": "8.0.0" } } }""");
        Place("runtimes/win/lib/net8.0/Native.Helper.dll");
        Place("de/Native.Helper.resources.dll");
        Place("win-x64/App.dll");
        Place("win-x64/App.deps.json", DepsJson);
        Place("win-x64/deep/App.dll");
        Place("win-x64/deep/notes.txt", "data");
        Place("plugins/Plugin.dll");
        return app;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
