using System.Text;
using System.Text.Json.Nodes;
using ApiBridge.Core.Retargeting;

namespace ApiBridge.Core.Tests;

/// <summary>The parts of <c>rewrite --target</c> that need no runtime pack: RIDs, apphost patching, package builds.</summary>
public sealed class RetargetingTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("apibridge-retarget-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Theory]
    [InlineData("linux-x64", "linux", false, "linux-x64 linux unix")]
    [InlineData("win-x64", "win", true, "win-x64 win")]
    [InlineData("osx-arm64", "osx", false, "osx-arm64 osx unix")]
    [InlineData("linux-musl-x64", "linux-musl", false, "linux-musl-x64 linux-musl linux-x64 linux unix")]
    public void Runtime_identifiers_know_their_system_and_fallbacks(string rid, string os, bool windows, string fallbacks)
    {
        var target = TargetRuntime.Parse(rid);
        Assert.Equal(os, target.Os);
        Assert.Equal(windows, target.IsWindows);
        Assert.Equal(fallbacks, string.Join(' ', target.Fallbacks));
        Assert.Equal(windows ? "App.exe" : "App", target.AppHostFileName("App"));
    }

    [Theory]
    [InlineData("beos-x64")]
    [InlineData("linux")]
    [InlineData("win-mips")]
    [InlineData("")]
    public void Unknown_runtime_identifiers_are_refused_with_the_accepted_ones(string rid)
    {
        var error = Assert.Throws<GuestInputException>(() => TargetRuntime.Parse(rid));
        Assert.Contains("linux-x64", error.Message);
        Assert.Contains("win-x64", error.Message);
    }

    [Fact]
    public void The_app_name_replaces_the_placeholder_zero_padded()
    {
        var host = Host(AppHostWriter.Placeholder);
        var patched = AppHostWriter.Patch(host, "My App.dll");
        var at = IndexOf(patched, "My App.dll");
        Assert.Equal(IndexOf(host, AppHostWriter.Placeholder), at);
        Assert.All(patched.AsSpan(at + 10, 1024 - 10).ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(host.Length, patched.Length);
        Assert.Equal(host[..at], patched[..at]); // nothing else moves
        Assert.Equal(-1, IndexOf(patched, AppHostWriter.Placeholder));
        // A name patched in before can be replaced in turn (diff renames its cached host that way).
        Assert.True(IndexOf(AppHostWriter.Patch(patched, "Other.dll", "My App.dll"), "Other.dll") == at);
    }

    [Fact]
    public void A_name_longer_than_the_slot_or_a_host_without_one_is_refused()
    {
        Assert.Throws<GuestInputException>(() => AppHostWriter.Patch(Host(AppHostWriter.Placeholder), new string('a', 1024) + ".dll"));
        Assert.Throws<InvalidOperationException>(() => AppHostWriter.Patch(Host("no placeholder here"), "App.dll"));
    }

    [Fact]
    public void A_native_build_for_the_source_is_swapped_for_the_targets()
    {
        var store = Store(("Native.Lib", "1.0.0", ["runtimes/win-x64/native/lib.dll", "runtimes/linux-x64/native/liblib.so", "runtimes/osx/native/liblib.dylib"]));
        var app = App(["lib.dll"]);
        var library = Library(native: ["runtimes/win-x64/native/lib.dll"]);

        var outcome = PackageAssetRetargeting.Retarget(app, "Native.Lib/1.0.0", library, TargetRuntime.Parse("linux-x64"), store);

        Assert.Null(outcome.Note);
        Assert.Equal(["liblib.so"], outcome.Added);
        Assert.Equal(["lib.dll"], outcome.Removed);
        Assert.False(File.Exists(Path.Combine(app, "lib.dll")));
        Assert.Equal("runtimes/linux-x64/native/liblib.so", File.ReadAllText(Path.Combine(app, "liblib.so")));
        Assert.Equal(["runtimes/linux-x64/native/liblib.so"], ((JsonObject)library["native"]!).Select(a => a.Key));
    }

    [Fact]
    public void A_managed_build_for_windows_falls_back_to_the_unix_or_portable_build()
    {
        var store = Store(
            ("Unix.Aware", "2.0.0", ["runtimes/win/lib/net8.0/Unix.Aware.dll", "runtimes/unix/lib/net8.0/Unix.Aware.dll", "lib/net8.0/Unix.Aware.dll"]),
            ("Portable", "3.0.0", ["runtimes/win/lib/net8.0/Portable.dll", "lib/net8.0/Portable.dll"]));
        var app = App(["Unix.Aware.dll", "Portable.dll"]);
        var unixAware = Library(runtime: ["runtimes/win/lib/net8.0/Unix.Aware.dll"]);
        var portable = Library(runtime: ["runtimes/win/lib/net8.0/Portable.dll"]);
        var linux = TargetRuntime.Parse("linux-x64");

        PackageAssetRetargeting.Retarget(app, "Unix.Aware/2.0.0", unixAware, linux, store);
        PackageAssetRetargeting.Retarget(app, "Portable/3.0.0", portable, linux, store);

        Assert.Equal("runtimes/unix/lib/net8.0/Unix.Aware.dll", File.ReadAllText(Path.Combine(app, "Unix.Aware.dll")));
        Assert.Equal("lib/net8.0/Portable.dll", File.ReadAllText(Path.Combine(app, "Portable.dll")));
        Assert.Equal("runtimes/unix/lib/net8.0/Unix.Aware.dll", ((JsonObject)unixAware["runtime"]!).Single().Key);
        Assert.Equal("1.2.3.4", unixAware["runtime"]!["runtimes/unix/lib/net8.0/Unix.Aware.dll"]!["assemblyVersion"]!.GetValue<string>());
    }

    [Fact]
    public void A_package_with_no_build_for_the_target_keeps_the_sources_and_says_so()
    {
        var store = Store(("Win.Only", "1.0.0", ["runtimes/win/lib/net8.0/Win.Only.dll"]));
        var app = App(["Win.Only.dll"]);
        var library = Library(runtime: ["runtimes/win/lib/net8.0/Win.Only.dll"]);

        var outcome = PackageAssetRetargeting.Retarget(app, "Win.Only/1.0.0", library, TargetRuntime.Parse("linux-x64"), store);

        Assert.Empty(outcome.Added);
        Assert.Empty(outcome.Removed);
        Assert.Contains("no linux-x64 build of Win.Only.dll", outcome.Note);
        Assert.Equal("app's own", File.ReadAllText(Path.Combine(app, "Win.Only.dll")));
    }

    [Fact]
    public void A_package_missing_from_the_global_folder_is_named_with_what_to_do()
    {
        var store = Store();
        var app = App(["lib.dll"]);
        var library = Library(native: ["runtimes/win-x64/native/lib.dll"]);

        var outcome = PackageAssetRetargeting.Retarget(app, "Native.Lib/1.0.0", library, TargetRuntime.Parse("linux-x64"), store);

        Assert.Contains("Native.Lib 1.0.0: this folder holds its win-x64 build only; restore the package", outcome.Note);
        Assert.Contains("or publish the app for linux-x64", outcome.Note);
        Assert.True(File.Exists(Path.Combine(app, "lib.dll")));
    }

    [Fact]
    public void Builds_that_already_suit_the_target_are_left_alone()
    {
        var app = App(["liblib.so"]);
        var library = Library(native: ["runtimes/linux-x64/native/liblib.so"], runtime: ["lib/net8.0/Any.dll"]);
        var before = library.ToJsonString();
        var outcome = PackageAssetRetargeting.Retarget(app, "Native.Lib/1.0.0", library, TargetRuntime.Parse("linux-x64"), Store());
        Assert.Null(outcome.Note);
        Assert.Empty(outcome.Added);
        Assert.Equal(before, library.ToJsonString());
    }

    // A global packages folder holding the given packages; each file's content is its path in the package.
    private NuGetPackageStore Store(params (string Id, string Version, string[] Files)[] packages)
    {
        var root = Path.Combine(scratch, "packages");
        Directory.CreateDirectory(root);
        foreach (var (id, version, files) in packages)
        {
            var folder = Path.Combine(root, id.ToLowerInvariant(), version);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, ".nupkg.metadata"), "{}");
            foreach (var file in files)
            {
                var path = Path.Combine(folder, file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file);
            }
        }
        return new NuGetPackageStore(root, dotnet: () => throw new InvalidOperationException("no restore in these tests"));
    }

    private string App(string[] files)
    {
        var app = Path.Combine(scratch, "app");
        Directory.CreateDirectory(app);
        foreach (var file in files)
            File.WriteAllText(Path.Combine(app, file), "app's own");
        return app;
    }

    private static JsonObject Library(string[]? runtime = null, string[]? native = null)
    {
        var library = new JsonObject();
        if (runtime is not null)
            library["runtime"] = new JsonObject(runtime.Select(r => KeyValuePair.Create(r, (JsonNode?)new JsonObject { ["assemblyVersion"] = "1.2.3.4", ["fileVersion"] = "1.2.3.4" })));
        if (native is not null)
            library["native"] = new JsonObject(native.Select(n => KeyValuePair.Create(n, (JsonNode?)new JsonObject { ["fileVersion"] = "0.0.0.0" })));
        return library;
    }

    private static byte[] Host(string slot)
    {
        var bytes = new byte[4096];
        Random.Shared.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = bytes[i] == 0 ? (byte)1 : bytes[i];
        var text = Encoding.UTF8.GetBytes(slot + "\0");
        text.CopyTo(bytes, 1000);
        bytes.AsSpan(1000 + text.Length, 1024 - text.Length).Clear();
        return bytes;
    }

    private static int IndexOf(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle));
}
