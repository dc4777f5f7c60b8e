using ApiBridge.Core.Loading;
using ApiBridge.Core.Rewriting;
using ApiBridge.Run.Cache;
using Mono.Cecil;

namespace ApiBridge.Core.Tests;

/// <summary>
/// A plugin a bridged app loads by path gets a run-cache entry of its own (`apibridge resolve --plugin`): rewritten with
/// its host app's platform whatever its own P/Invokes suggest, keyed apart from an app entry of the same files and per
/// platform, made once and then reused. A library is what `run` refuses, and exactly what a plugin is.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)]
public sealed class PluginCacheTests(RewrittenVariants guest)
{
    [Fact]
    public void A_plugin_is_rewritten_once_into_its_own_entry_with_the_host_apps_platform()
    {
        var cache = new RewriteCache(guest.Payload.Payload, TempFolder.NewPath("plugin-cache"));
        var plugin = BuildPaths.IsolatedVariants(); // a lone library: `run` refuses it

        string windowsCopy;
        using (var first = cache.GetOrRewritePlugin(plugin, "windows"))
        {
            Assert.False(first.Reused);
            Assert.StartsWith(Path.Combine(cache.Directory, "DeclarationVariants-"), first.Folder);
            Assert.Equal(Path.Combine(first.Folder, "DeclarationVariants.dll"), first.AssemblyPath);
            Assert.Equal("windows", RecordedPlatform(first.AssemblyPath));
            windowsCopy = first.AssemblyPath;
        }
        using (var again = cache.GetOrRewritePlugin(plugin, "windows"))
        {
            Assert.True(again.Reused);
            Assert.Equal(windowsCopy, again.AssemblyPath);
        }
        // The same file loaded by a Linux app is another rewrite: the platform is part of the key.
        using (var posix = cache.GetOrRewritePlugin(plugin, "posix"))
        {
            Assert.False(posix.Reused);
            Assert.NotEqual(windowsCopy, posix.AssemblyPath);
            Assert.Equal("posix", RecordedPlatform(posix.AssemblyPath));
        }
        Assert.True(File.ReadAllBytes(plugin).AsSpan().SequenceEqual(File.ReadAllBytes(BuildPaths.Variants)), "the plugin itself was changed");
    }

    [Fact]
    public void A_plugin_key_differs_from_an_app_key_of_the_same_files()
    {
        var layout = GuestLayout.Locate(BuildPaths.IsolatedVariants())!;
        var tool = Path.GetDirectoryName(typeof(PluginCacheTests).Assembly.Location)!;
        var app = CacheKey.Compute(tool, layout);
        Assert.Equal(app, CacheKey.Compute(tool, layout, variant: null)); // apps keep the keys existing entries have
        Assert.NotEqual(app, CacheKey.Compute(tool, layout, "plugin windows"));
        Assert.NotEqual(CacheKey.Compute(tool, layout, "plugin windows"), CacheKey.Compute(tool, layout, "plugin posix"));
    }

    [Fact]
    public void A_folder_or_an_unknown_platform_is_refused_before_anything_is_cached()
    {
        var folder = TempFolder.NewPath("plugin-refused");
        var cache = new RewriteCache(guest.Payload.Payload, folder);
        var plugin = BuildPaths.IsolatedVariants();

        Assert.Contains("not a guest platform", Assert.Throws<GuestInputException>(() => cache.GetOrRewritePlugin(plugin, "macos")).Message);
        Assert.Contains("not a folder", Assert.Throws<GuestInputException>(() => cache.GetOrRewritePlugin(Path.GetDirectoryName(plugin)!, "windows")).Message);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(), "a refused plugin left a cache entry");
    }

    private static string RecordedPlatform(string assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly);
        var marker = module.Assembly.CustomAttributes.Single(a => a.AttributeType.Name == "BridgedAssemblyAttribute");
        return (string)marker.ConstructorArguments[1].Value;
    }
}
