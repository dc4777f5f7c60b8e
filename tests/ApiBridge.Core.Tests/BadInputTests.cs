using ApiBridge.Core.Analysis;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Core.Tests;

/// <summary>Input ApiBridge refuses: one clear message, nothing written, the input untouched.</summary>
[Collection(RewrittenVariantsCollection.Name)]
public sealed class BadInputTests(RewrittenVariants guest)
{
    [Fact]
    public void Missing_input()
    {
        var error = Refused(Path.Combine(TempFolder.Create("missing"), "nope.dll"));
        Assert.Contains("no such file or folder", error);
    }

    [Fact]
    public void Not_a_dotnet_assembly()
    {
        var folder = TempFolder.Create("text");
        var path = Path.Combine(folder, "notes.dll");
        File.WriteAllText(path, "this is not a PE file");
        Assert.Contains("not a .NET assembly", Refused(path));
    }

    [Fact]
    public void Truncated_assembly()
    {
        var folder = TempFolder.Create("truncated");
        var path = Path.Combine(folder, "Broken.dll");
        var bytes = File.ReadAllBytes(BuildPaths.Variants);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        var error = Refused(path);
        Assert.Contains("Broken.dll", error);
    }

    [Fact]
    public void Reference_assembly()
    {
        var folder = TempFolder.Create("ref");
        var path = Path.Combine(folder, "DeclarationVariants.dll");
        File.Copy(BuildPaths.VariantsReferenceAssembly, path);
        Assert.Contains("reference assembly", Refused(path));
    }

    [Fact]
    public void Reference_assembly_that_declares_its_own_marker_attribute()
    {
        // The SDK's System.Runtime reference defines ReferenceAssemblyAttribute itself (a TypeDef, not a TypeRef).
        var packs = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref");
        var reference = Directory.GetFiles(packs, "System.Runtime.dll", SearchOption.AllDirectories).First(f => f.Contains($"{Path.DirectorySeparatorChar}ref{Path.DirectorySeparatorChar}"));
        var path = Path.Combine(TempFolder.Create("sdk-ref"), "System.Runtime.dll");
        File.Copy(reference, path);
        Assert.Contains("a reference assembly", Refused(path));
    }

    [Fact]
    public void Assembly_cut_to_3000_bytes_is_reported_as_truncated_with_the_size_it_should_have()
    {
        var path = Path.Combine(TempFolder.Create("cut"), "Cut.dll");
        var bytes = File.ReadAllBytes(BuildPaths.Variants);
        File.WriteAllBytes(path, bytes[..3000]);
        Assert.Contains("truncated: 3,000 bytes of the", Refused(path));
    }

    [Fact]
    public void Native_elf_binary_named_without_an_extension()
    {
        var path = Path.Combine(TempFolder.Create("elf"), "tool");
        File.WriteAllBytes(path, [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[600]]);
        Assert.Contains("a native ELF binary", Refused(path));
    }

    [Fact]
    public void Empty_file()
    {
        var path = Path.Combine(TempFolder.Create("empty"), "Empty.dll");
        File.WriteAllBytes(path, []);
        Assert.Contains("an empty file", Refused(path));
    }

    [Fact]
    public void Folder_of_only_unusable_assemblies_names_each_and_what_is_wrong()
    {
        var folder = TempFolder.Create("all-bad");
        File.WriteAllText(Path.Combine(folder, "notes.dll"), "text, not code");
        File.WriteAllBytes(Path.Combine(folder, "Cut.dll"), File.ReadAllBytes(BuildPaths.Variants)[..3000]);
        File.Copy(BuildPaths.VariantsReferenceAssembly, Path.Combine(folder, "Ref.dll"));
        var error = Refused(folder);
        Assert.Contains("no .NET assembly that can be rewritten", error);
        Assert.Contains("notes.dll is a text file", error);
        Assert.Contains("Cut.dll is truncated", error);
        Assert.Contains("Ref.dll is a reference assembly", error);
    }

    [Fact]
    public void Run_refuses_a_library_and_an_app_without_runtimeconfig_before_making_a_cache_entry()
    {
        var cache = TempFolder.NewPath("refused-cache");
        var runCache = new RewriteCache(guest.Payload.Payload, cache);

        var library = Assert.Throws<GuestInputException>(() => runCache.GetOrRewrite(BuildPaths.IsolatedVariants()));
        Assert.Contains("a library (no Main method)", library.Message);

        // This test assembly has a Main (the test SDK generates one); copied without its runtimeconfig.json, the host cannot start it.
        var program = typeof(BadInputTests).Assembly;
        Assert.NotNull(program.EntryPoint);
        var bareApp = Path.Combine(TempFolder.Create("no-config"), Path.GetFileName(program.Location));
        File.Copy(program.Location, bareApp);
        var bare = Assert.Throws<GuestInputException>(() => runCache.GetOrRewrite(bareApp));
        Assert.Contains("no ApiBridge.Core.Tests.runtimeconfig.json beside it", bare.Message);

        Assert.False(Directory.Exists(cache) && Directory.EnumerateFileSystemEntries(cache).Any(), "a refused guest left a cache entry");
    }

    [Fact]
    public void Mixed_mode_assembly()
    {
        var folder = TempFolder.Create("mixed");
        var path = Path.Combine(folder, "Mixed.dll");
        File.WriteAllBytes(path, ClearIlOnlyFlag(File.ReadAllBytes(BuildPaths.Variants)));
        Assert.Contains("mixed-mode", Refused(path));
    }

    [Fact]
    public void Output_inside_the_input_folder()
    {
        var app = TempFolder.Create("app");
        File.Copy(BuildPaths.Variants, Path.Combine(app, "DeclarationVariants.dll"));
        File.WriteAllText(Path.Combine(app, "DeclarationVariants.runtimeconfig.json"), "{}");
        var error = Assert.Throws<GuestInputException>(() => new AppRewriter(guest.Payload.Payload).Rewrite(app, Path.Combine(app, "out")));
        Assert.Contains("outside the input folder", error.Message);
        Assert.False(Directory.Exists(Path.Combine(app, "out")));
    }

    [Fact]
    public void Non_empty_output_without_force_is_refused_and_with_force_replaced_whole()
    {
        var output = TempFolder.Create("occupied");
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");
        var rewriter = new AppRewriter(guest.Payload.Payload);
        var error = Assert.Throws<GuestInputException>(() => rewriter.Rewrite(guest.InputPath, output));
        Assert.Contains("not empty", error.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "keep.txt")));

        rewriter.Rewrite(guest.InputPath, output, new RewriteOptions { Force = true });
        Assert.False(File.Exists(Path.Combine(output, "keep.txt")));
        Assert.True(File.Exists(Path.Combine(output, "DeclarationVariants.dll")));
    }

    /// <summary>Rewrite and analyze both refuse the input, and nothing appears at the output.</summary>
    private string Refused(string input)
    {
        var output = TempFolder.NewPath("refused-out");
        var rewrite = Assert.Throws<GuestInputException>(() => new AppRewriter(guest.Payload.Payload).Rewrite(input, output));
        Assert.Throws<GuestInputException>(() => new Analyzer(guest.Payload.Payload).Analyze(input));
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(output)!, ".apibridge-staging-*"));
        Assert.DoesNotContain('\n', rewrite.Message);
        return rewrite.Message;
    }

    private static byte[] ClearIlOnlyFlag(byte[] image)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(image));
        var corHeaderOffset = pe.PEHeaders.CorHeaderStartOffset;
        var flagsOffset = corHeaderOffset + 16; // cb, runtime version (2+2), metadata directory (8), then Flags
        var copy = (byte[])image.Clone();
        copy[flagsOffset] &= 0xFE; // COMIMAGE_FLAGS_ILONLY
        return copy;
    }
}
