using ApiBridge.Core.Loading;
using ApiBridge.Core.Output;

namespace ApiBridge.Core.Analysis;

/// <summary>Lists every platform import of an input and binds each against the shim catalog, without writing anything.</summary>
public sealed class Analyzer
{
    private readonly BridgePayload payload;

    public Analyzer(BridgePayload payload) => this.payload = payload;

    public AnalysisReport Analyze(string inputPath)
    {
        var input = GuestInput.Resolve(inputPath);
        // A named assembly is analyzed alone, even when it is an app's entry point (rewrite and run take its whole folder).
        var files = GuestFile.Survey(input, payload.ClaimsFile)
            .Where(f => input.EntryAssembly is null || string.Equals(f.Path, input.EntryAssembly, StringComparison.Ordinal))
            .ToList();
        using var resolver = CachingAssemblyResolver.ForApp(input.Root);
        var assemblies = new List<AssemblyAnalysis>();
        foreach (var file in files.Where(f => f.Kind is not null && f.Kind != AssemblyKind.NotManaged))
        {
            if (!file.IsCandidate)
            {
                assemblies.Add(new AssemblyAnalysis(file.RelativePath, file.Kind!.Value, false, file.LeaveAloneReason, Array.Empty<Binding.ImportBinding>(), Array.Empty<ManagedApiUse>()));
                continue;
            }
            if (input.IsAppFolder && !RewriteProbe.MayNeedRewrite(file.Path, payload.Catalog))
            {
                // Nothing platform-bound in its metadata tables: no need to read it with Cecil.
                assemblies.Add(new AssemblyAnalysis(file.RelativePath, file.Kind!.Value, false, null, Array.Empty<Binding.ImportBinding>(), Array.Empty<ManagedApiUse>()));
                continue;
            }
            assemblies.Add(CorruptInput.Guard(file.Path, () =>
            {
                using var guest = GuestAssembly.Open(file.Path, resolver, file.Kind);
                return new AssemblyAnalysis(file.RelativePath, guest.Kind, guest.IsAlreadyRewritten, null, guest.Bind(payload.Catalog),
                    ManagedApiUse.Find(guest.Module, payload.Catalog));
            }));
        }
        return new AnalysisReport(input.EntryAssembly ?? input.Root, assemblies);
    }
}
