using ApiBridge.Core.Binding;
using ApiBridge.Core.Loading;

namespace ApiBridge.Core.Analysis;

/// <summary>The platform imports of one assembly and what the binder made of them.</summary>
public sealed record AssemblyAnalysis(
    string RelativePath,
    AssemblyKind Kind,
    bool AlreadyRewritten,
    string? Skipped,
    IReadOnlyList<ImportBinding> Bindings,
    IReadOnlyList<ManagedApiUse> ManagedApis)
{
    /// <summary>Platform-dependent BCL members the assembly uses and what the managed view does with each.</summary>
    public IReadOnlyList<Rewriting.Members.ManagedMemberUse> ManagedMembers { get; init; } = Array.Empty<Rewriting.Members.ManagedMemberUse>();

    /// <summary>P/Invokes into unshimmed native libraries whose path arguments a rewrite translates (managed view only).</summary>
    public IReadOnlyList<Rewriting.Native.NativePathCall> NativePathCalls { get; init; } = Array.Empty<Rewriting.Native.NativePathCall>();

    /// <summary>libc fork calls: those a rewrite turns into a spawn of the exec after them, and those it leaves (ENOSYS) with why.</summary>
    public IReadOnlyList<Rewriting.Processes.ForkSite> ForkSites { get; init; } = Array.Empty<Rewriting.Processes.ForkSite>();
}

/// <summary>The analysis of a whole input.</summary>
public sealed record AnalysisReport(string Input, IReadOnlyList<AssemblyAnalysis> Assemblies)
{
    public IEnumerable<ImportBinding> AllBindings => Assemblies.SelectMany(a => a.Bindings);

    public int Imports => AllBindings.Count();

    public int Bound => AllBindings.Count(b => b.Status == ImportStatus.Bound);

    public int NoShim => AllBindings.Count(b => b.Status == ImportStatus.NoShim);

    public int Unsupported => AllBindings.Count(b => b.Status == ImportStatus.Unsupported);

    /// <summary>Windows-only managed types used across the input, each redirected to its shim.</summary>
    public int ManagedApiUses => Assemblies.Sum(a => a.ManagedApis.Count);

    /// <summary>The guest platform whose managed view the analysis describes (null: the managed view was off).</summary>
    public string? GuestPlatform { get; init; }

    public IEnumerable<Rewriting.Members.ManagedMemberUse> AllManagedMembers => Assemblies.SelectMany(a => a.ManagedMembers);

    public IEnumerable<Rewriting.Native.NativePathCall> AllNativePathCalls => Assemblies.SelectMany(a => a.NativePathCalls);

    public IEnumerable<Rewriting.Processes.ForkSite> AllForkSites => Assemblies.SelectMany(a => a.ForkSites);

    /// <summary>References of the app's assemblies that neither the folder nor the runtime holds.</summary>
    public IReadOnlyList<MissingReference> MissingReferences { get; init; } = Array.Empty<MissingReference>();
}
