using ApiBridge.Core.Loading;
using ApiBridge.Core.Output;

namespace ApiBridge.Core.Analysis;

/// <summary>Lists every platform import of an input and binds each against the shim catalog, without writing anything.</summary>
public sealed class Analyzer
{
    private readonly BridgePayload payload;

    public Analyzer(BridgePayload payload) => this.payload = payload;

    /// <param name="managedView">Also list the platform-dependent BCL members used (the managed view).</param>
    /// <param name="guestPlatform">The app's platform; null detects it as <c>rewrite</c> does.</param>
    /// <param name="progress">Told after each assembly (a folder's analysis can take a while).</param>
    public AnalysisReport Analyze(string inputPath, bool managedView = true, string? guestPlatform = null, IProgress<AnalysisProgress>? progress = null)
    {
        var input = GuestInput.Resolve(inputPath);
        // A named assembly is analyzed alone, even when it is an app's entry point (rewrite and run take its whole folder).
        var surveyed = GuestFile.Survey(input, payload.ClaimsFile);
        var files = surveyed
            .Where(f => input.EntryAssembly is null || string.Equals(f.Path, input.EntryAssembly, StringComparison.Ordinal))
            .ToList();
        using var resolver = CachingAssemblyResolver.ForApp(input.Root);
        var platform = managedView ? guestPlatform ?? GuestPlatformDetector.Detect(input) : null;
        var assemblies = new List<AssemblyAnalysis>();
        var managed = files.Where(f => f.Kind is not null && f.Kind != AssemblyKind.NotManaged).ToList();
        foreach (var file in managed)
        {
            progress?.Report(new AnalysisProgress(assemblies.Count, managed.Count, file.Path));
            if (!file.IsCandidate)
            {
                assemblies.Add(new AssemblyAnalysis(file.RelativePath, file.Kind!.Value, false, file.LeaveAloneReason, Array.Empty<Binding.ImportBinding>(), Array.Empty<ManagedApiUse>()));
                continue;
            }
            if (input.IsAppFolder && !RewriteProbe.MayNeedRewrite(file.Path, payload.Catalog, managedView))
            {
                // Nothing platform-bound in its metadata tables: no need to read it with Cecil.
                assemblies.Add(new AssemblyAnalysis(file.RelativePath, file.Kind!.Value, false, null, Array.Empty<Binding.ImportBinding>(), Array.Empty<ManagedApiUse>()));
                continue;
            }
            assemblies.Add(CorruptInput.Guard(file.Path, () =>
            {
                using var guest = GuestAssembly.Open(file.Path, resolver, file.Kind);
                var bindings = guest.Bind(payload.Catalog);
                foreach (var binding in bindings)
                    _ = binding.Import.Sites; // located now: the PDB's reader closes with the module
                return new AssemblyAnalysis(file.RelativePath, guest.Kind, guest.IsAlreadyRewritten, null, bindings,
                    ManagedApiUse.Find(guest.Module, payload.Catalog))
                {
                    ManagedMembers = platform is null || guest.IsAlreadyRewritten
                        ? Array.Empty<Rewriting.Members.ManagedMemberUse>()
                        : new Rewriting.Members.MemberVisitor(guest.Module, payload.Catalog.ManagedView, platform).Survey(),
                    // What a rewrite would translate: only with the managed view and a translator for the platform.
                    NativePathCalls = platform is null || guest.IsAlreadyRewritten || payload.Catalog.ManagedView.Translator(platform) is null
                        ? Array.Empty<Rewriting.Native.NativePathCall>()
                        : Rewriting.Native.NativePathRule.Survey(bindings),
                    ForkSites = guest.IsAlreadyRewritten ? Array.Empty<Rewriting.Processes.ForkSite>() : Rewriting.Processes.ForkExecRule.Survey(bindings, payload.Catalog),
                };
            }));
        }
        progress?.Report(new AnalysisProgress(managed.Count, managed.Count, input.Root));
        return new AnalysisReport(input.EntryAssembly ?? input.Root, assemblies)
        {
            GuestPlatform = platform,
            MissingReferences = MissingReferences.Find(input, surveyed, payload.Files.Select(f => f.FileName)),
        };
    }
}

/// <summary>How far an analysis is: assemblies done of all, and the one being read.</summary>
public sealed record AnalysisProgress(int Completed, int Total, string Current);
