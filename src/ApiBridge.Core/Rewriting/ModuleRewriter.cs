using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using ApiBridge.Core.Loading;
using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting.Members;
using ApiBridge.Core.Rewriting.Native;
using ApiBridge.Core.Rewriting.Processes;
using ApiBridge.Core.Rewriting.References;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Rewriting;

/// <summary>
/// Rewrites one guest module: turns every bound P/Invoke into its adapter, marks the assembly, and writes it
/// (with symbols in step) to a temporary file that is moved into place only when complete.
/// </summary>
public sealed class ModuleRewriter
{
    private readonly BridgePayload payload;

    public ModuleRewriter(BridgePayload payload) => this.payload = payload;

    /// <param name="guestPlatform">The app's platform (<c>windows</c>/<c>posix</c>); null when it is not known (a lone library).</param>
    /// <param name="managedView">Rewrite the platform-dependent BCL calls too (the guest's managed view).</param>
    public RewriteOutcome Rewrite(GuestAssembly guest, IReadOnlyList<ImportBinding> bindings, string outputPath, string? guestPlatform = null, bool managedView = false)
    {
        var bound = bindings.Where(b => b.Status == ImportStatus.Bound).ToList();
        var notes = new List<string>();
        if (guest.IsAlreadyRewritten)
        {
            FileCopy.WithSymbols(guest.Path, outputPath);
            return new RewriteOutcome(guest.Path, outputPath, RewriteAction.AlreadyRewritten, 0, notes);
        }
        var managedApis = ManagedApiUse.Find(guest.Module, payload.Catalog);
        var platform = guestPlatform ?? ImportPlatform(bindings, managedApis.Count > 0);
        var members = managedView ? new MemberVisitor(guest.Module, payload.Catalog.ManagedView, platform) : null;
        // Native libraries the bridge does not shim get host paths only with the managed view: without it the guest
        // keeps host semantics, and its paths are host paths already.
        var translator = managedView ? payload.Catalog.ManagedView.Translator(platform) : null;
        var nativePaths = translator is not null && NativePathRule.Applies(bindings);
        if (bound.Count == 0 && managedApis.Count == 0 && members?.Applies() != true && !nativePaths)
        {
            FileCopy.WithSymbols(guest.Path, outputPath);
            return new RewriteOutcome(guest.Path, outputPath, RewriteAction.Copied, 0, notes);
        }

        var module = guest.Module;
        // The managed view first, so the visitor walks the guest's own code and not the adapters made below.
        var nativeCalls = nativePaths ? NativePathRule.Survey(bindings) : Array.Empty<NativePathCall>(); // sites found in the unmodified module
        // Before the managed view and the adapters: it reads the guest's own calls of its fork, exec and set-up calls.
        var forkSites = bound.Count > 0 ? ForkExecRule.Rewrite(module, bindings, payload.Catalog) : Array.Empty<ForkSite>();
        var memberUses = members?.Rewrite() ?? Array.Empty<ManagedMemberUse>();
        if (bound.Count == 0 && managedApis.Count == 0 && memberUses.All(u => u.Status == ManagedMemberStatus.Host) && !nativePaths)
        {
            FileCopy.WithSymbols(guest.Path, outputPath);
            return new RewriteOutcome(guest.Path, outputPath, RewriteAction.Copied, 0, notes);
        }
        var runtime = new RuntimeApi(payload.Runtime, module);
        foreach (var binding in bound)
            binding.Plan!.Apply(runtime);
        DirectCallSites.Rewrite(module, bound);
        if (managedApis.Count > 0)
            new ReferenceVisitor(managedApis.Select(u => new TypeRedirectRule(u.Redirect))).Rewrite(module);
        if (nativePaths)
            NativePathRule.Rewrite(module, bindings, translator!);
        AddMarker(module, platform);
        PrepareImageForWriting(guest, notes);
        if (guest.SymbolNote is not null)
            notes.Add(guest.SymbolNote);
        Write(module, outputPath);
        return new RewriteOutcome(guest.Path, outputPath, RewriteAction.Rewritten, bound.Count, notes)
        {
            RedirectedTypes = managedApis.Select(u => u.ReplacedType).ToList(),
            ManagedMembers = memberUses,
            NativePathCalls = nativeCalls,
            ForkSites = forkSites,
        };
    }

    // A lone library's platform, from what it imports (Windows unless it only imports libc).
    private static string ImportPlatform(IReadOnlyList<ImportBinding> bindings, bool usesWindowsManagedApis)
    {
        var windows = usesWindowsManagedApis || bindings.Any(b => b.Import.Family == PlatformFamily.Windows);
        return windows || bindings.All(b => b.Import.Family != PlatformFamily.Posix) ? GuestPlatformDetector.Windows : GuestPlatformDetector.Posix;
    }

    private void AddMarker(ModuleDefinition module, string platform)
    {
        var marker = payload.Runtime.GetType(GuestAssembly.MarkerAttribute)
            ?? throw new InvalidOperationException("ApiBridge.Runtime has no BridgedAssemblyAttribute");
        var constructor = module.ImportReference(marker.Methods.Single(m => m.IsConstructor && !m.IsStatic));
        var attribute = new CustomAttribute(constructor);
        attribute.ConstructorArguments.Add(new CustomAttributeArgument(module.TypeSystem.String, payload.Version));
        attribute.ConstructorArguments.Add(new CustomAttributeArgument(module.TypeSystem.String, platform));
        module.Assembly.CustomAttributes.Add(attribute);
    }

    private static void PrepareImageForWriting(GuestAssembly guest, List<string> notes)
    {
        var module = guest.Module;
        if (guest.Kind == AssemblyKind.ReadyToRun)
        {
            // Cecil writes IL only; the precompiled code would be stale anyway. The runtime JIT-compiles the IL.
            module.Attributes &= ~ModuleAttributes.ILLibrary;
            module.Attributes |= ModuleAttributes.ILOnly;
            module.Architecture = TargetArchitecture.I386;
            module.Attributes &= ~(ModuleAttributes.Required32Bit | ModuleAttributes.Preferred32Bit);
            notes.Add("ReadyToRun code dropped: the rewritten assembly is IL-only and is JIT-compiled");
        }
        if ((module.Attributes & ModuleAttributes.StrongNameSigned) != 0)
        {
            module.Attributes &= ~ModuleAttributes.StrongNameSigned;
            notes.Add("strong-name signature removed (identity and public key kept; .NET does not verify strong names)");
        }
    }

    // Written to memory first: Cecil would otherwise record the temporary file's path in the debug directory,
    // making the output differ from run to run and pointing debuggers at a file that no longer exists.
    private static void Write(ModuleDefinition module, string outputPath)
    {
        var image = new MemoryStream();
        MemoryStream? symbols = null;
        var parameters = new WriterParameters { DeterministicMvid = true };
        if (module.HasSymbols && module.SymbolReader is not null)
        {
            parameters.WriteSymbols = true;
            var provider = module.SymbolReader.GetWriterProvider();
            if (provider is EmbeddedPortablePdbWriterProvider)
                provider = new EmbeddedPdbInMemory(outputPath);
            else
                parameters.SymbolStream = symbols = new MemoryStream();
            parameters.SymbolWriterProvider = provider;
        }
        module.Write(image, parameters);
        if (symbols is not null)
            FileCopy.WriteAllBytes(Path.ChangeExtension(outputPath, ".pdb"), symbols.ToArray());
        FileCopy.WriteAllBytes(outputPath, image.ToArray());
    }

    /// <summary>
    /// Cecil's embedded-PDB writer keeps the PDB inside the image, but it insists on a file name, and an image written to
    /// memory has none (an assembly with an embedded PDB failed to rewrite with "Argument null or empty: fileName").
    /// The name is only checked, never opened, so the output's own path stands in.
    /// </summary>
    private sealed class EmbeddedPdbInMemory(string outputPath) : ISymbolWriterProvider
    {
        public ISymbolWriter GetSymbolWriter(ModuleDefinition module, string fileName) =>
            new EmbeddedPortablePdbWriterProvider().GetSymbolWriter(module, string.IsNullOrEmpty(fileName) ? outputPath : fileName);

        public ISymbolWriter GetSymbolWriter(ModuleDefinition module, Stream symbolStream) =>
            new EmbeddedPortablePdbWriterProvider().GetSymbolWriter(module, symbolStream);
    }
}
