using System.Security.Cryptography;
using ApiBridge.Core.Loading;
using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting;
using ApiBridge.Core.Verification;
using Mono.Cecil;

namespace ApiBridge.Core.Tests;

/// <summary>
/// What users of IL rewriters trip over: second rewrites, symbols, determinism, inputs left untouched, outputs
/// that appear whole or not at all, ReadyToRun and strong-named inputs, and IL that the runtime accepts.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)]
public sealed class RewriteHygieneTests(RewrittenVariants guest)
{
    [Fact]
    public void Rewriting_a_rewritten_assembly_is_a_no_op()
    {
        var again = TempFolder.NewPath("again");
        var summary = new AppRewriter(guest.Payload.Payload).Rewrite(guest.RewrittenPath, again);
        var outcome = Assert.Single(summary.Outcomes);
        Assert.Equal(RewriteAction.AlreadyRewritten, outcome.Action);
        Assert.Equal(Hash(guest.RewrittenPath), Hash(Path.Combine(again, "DeclarationVariants.dll")));
        TempFolder.Delete(again);
    }

    [Fact]
    public void Rewriting_is_deterministic()
    {
        var second = TempFolder.NewPath("second");
        new AppRewriter(guest.Payload.Payload).Rewrite(guest.InputPath, second);
        Assert.Equal(Hash(guest.RewrittenPath), Hash(Path.Combine(second, "DeclarationVariants.dll")));
        TempFolder.Delete(second);
    }

    [Fact]
    public void The_input_is_never_modified()
    {
        Assert.Equal(Hash(BuildPaths.Variants), Hash(guest.InputPath));
        Assert.Equal(Hash(Path.ChangeExtension(BuildPaths.Variants, ".pdb")), Hash(Path.ChangeExtension(guest.InputPath, ".pdb")));
    }

    [Fact]
    public void Portable_pdb_stays_in_step_with_the_rewritten_il()
    {
        var pdb = Path.ChangeExtension(guest.RewrittenPath, ".pdb");
        Assert.True(File.Exists(pdb));
        using var module = ModuleDefinition.ReadModule(guest.RewrittenPath, new ReaderParameters { ReadSymbols = true });
        Assert.True(module.HasSymbols);
        var caller = module.GetType("DeclarationVariants.Callers").Methods.Single(m => m.Name == "AddThreeTimes");
        var points = module.SymbolReader.Read(caller).SequencePoints;
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.EndsWith("Callers.cs", p.Document.Url));
    }

    [Fact]
    public void An_embedded_pdb_is_rewritten_in_step_and_stays_embedded()
    {
        // The same guest with its PDB inside the image, as Microsoft's own packages ship (such an assembly once failed
        // to rewrite: Cecil's embedded-PDB writer wants a file name, and the rewrite writes to memory).
        var input = TempFolder.NewPath("embedded-in");
        Directory.CreateDirectory(input);
        var embedded = Path.Combine(input, "DeclarationVariants.dll");
        using (var original = ModuleDefinition.ReadModule(BuildPaths.Variants, new ReaderParameters { ReadSymbols = true }))
            original.Write(embedded, new WriterParameters { WriteSymbols = true, SymbolWriterProvider = new Mono.Cecil.Cil.EmbeddedPortablePdbWriterProvider() });
        var output = TempFolder.NewPath("embedded-out");

        var summary = new AppRewriter(guest.Payload.Payload).Rewrite(embedded, output);

        Assert.Equal(RewriteAction.Rewritten, Assert.Single(summary.Outcomes).Action);
        var rewritten = Path.Combine(output, "DeclarationVariants.dll");
        Assert.False(File.Exists(Path.ChangeExtension(rewritten, ".pdb")));
        using var module = ModuleDefinition.ReadModule(rewritten, new ReaderParameters { ReadSymbols = true });
        Assert.IsType<Mono.Cecil.Cil.EmbeddedPortablePdbReader>(module.SymbolReader);
        var caller = module.GetType("DeclarationVariants.Callers").Methods.Single(m => m.Name == "AddThreeTimes");
        var points = module.SymbolReader.Read(caller).SequencePoints;
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.EndsWith("Callers.cs", p.Document.Url));
        TempFolder.Delete(input);
        TempFolder.Delete(output);
    }

    [Fact]
    public void The_output_carries_the_marker_and_the_payload()
    {
        using var module = ModuleDefinition.ReadModule(guest.RewrittenPath);
        var marker = Assert.Single(module.Assembly.CustomAttributes, a => a.AttributeType.FullName == GuestAssembly.MarkerAttribute);
        Assert.Equal("windows", marker.ConstructorArguments[1].Value);
        // One tracing flag per bound function, set once by a class constructor (the JIT folds them to constants).
        var flags = module.GetType("<ApiBridge>RelayFlags");
        Assert.Contains(flags.Fields, f => f.Name == "test:AbtAdd" && f.IsStatic && f.IsInitOnly);
        Assert.Single(flags.Methods, m => m.IsConstructor && m.IsStatic);
        foreach (var file in guest.Payload.Payload.Files)
            Assert.True(File.Exists(Path.Combine(guest.OutputFolder, file.FileName)), file.FileName);
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(guest.OutputFolder)!, ".apibridge-staging-*"));
    }

    [Fact]
    public void Every_rewritten_body_passes_the_checker_and_every_method_compiles()
    {
        // A lone library's own dependencies stay where they were: resolve them from the input's folder.
        var inputFolder = Path.GetDirectoryName(guest.InputPath)!;
        using var resolver = new CachingAssemblyResolver(new[] { guest.OutputFolder, inputFolder, CachingAssemblyResolver.FrameworkDirectory });
        using var module = ModuleDefinition.ReadModule(guest.RewrittenPath, new ReaderParameters { AssemblyResolver = resolver });
        var problems = module.GetTypes().SelectMany(t => t.Methods).SelectMany(m => BodyChecker.Check(m).Select(p => $"{m.FullName}: {p}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(MethodCompiler.CompileAll(guest.RewrittenPath, new[] { guest.OutputFolder, inputFolder }));
    }

    [Fact]
    public void The_checker_catches_unbalanced_stacks_and_bad_branches()
    {
        using var module = ModuleDefinition.ReadModule(guest.InputPath);
        var method = module.GetType("DeclarationVariants.Callers").Methods.Single(m => m.Name == "AddThreeTimes");
        var il = method.Body.GetILProcessor();
        il.InsertBefore(method.Body.Instructions.Last(), il.Create(Mono.Cecil.Cil.OpCodes.Ldc_I4_0));
        Assert.Contains(BodyChecker.Check(method, resolveOperands: false), p => p.Contains("ret with 2 values"));
    }

    [Fact]
    public void ReadyToRun_strong_named_framework_assemblies_become_il_only_and_say_so()
    {
        var source = Path.Combine(BuildPaths.WinX64RuntimePack, "Microsoft.VisualBasic.Core.dll");
        Assert.Equal(AssemblyKind.ReadyToRun, AssemblyClassifier.Classify(source));
        var input = TempFolder.Create("r2r-in");
        File.Copy(source, Path.Combine(input, "Microsoft.VisualBasic.Core.dll"));
        var output = TempFolder.NewPath("r2r-out");
        using var payload = new TestPayload("ApiBridge.Shims.Win32");

        var summary = new AppRewriter(payload.Payload).Rewrite(Path.Combine(input, "Microsoft.VisualBasic.Core.dll"), output);

        var outcome = Assert.Single(summary.Outcomes);
        Assert.Equal(RewriteAction.Rewritten, outcome.Action);
        Assert.Contains(outcome.Notes, n => n.Contains("ReadyToRun"));
        Assert.Contains(outcome.Notes, n => n.Contains("strong-name signature removed"));
        var written = Path.Combine(output, "Microsoft.VisualBasic.Core.dll");
        Assert.Equal(AssemblyKind.IlOnly, AssemblyClassifier.Classify(written));
        using var module = ModuleDefinition.ReadModule(written);
        Assert.True(module.Assembly.Name.HasPublicKey); // identity kept
        var getLocalTime = module.GetTypes().SelectMany(t => t.Methods).Single(m => m.Name == "GetLocalTime");
        Assert.False(getLocalTime.IsPInvokeImpl);
        Assert.Empty(BodyChecker.Check(getLocalTime));
        TempFolder.Delete(input);
        TempFolder.Delete(output);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
