using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Analysis;

/// <summary>One P/Invoke declaration of a guest module, as the runtime would see it.</summary>
public sealed class PlatformImport
{
    public required MethodDefinition Method { get; init; }

    /// <summary>The module name as declared (<c>KERNEL32.dll</c>).</summary>
    public required string DeclaredLibrary { get; init; }

    /// <summary>Normalized library name (<c>kernel32</c>, <c>libc</c> …).</summary>
    public required string Library { get; init; }

    public required PlatformFamily Family { get; init; }

    /// <summary>The entry point as declared (EntryPoint, or the method name).</summary>
    public required string DeclaredEntryPoint { get; init; }

    public required StringCharSet CharSet { get; init; }

    public required bool ExactSpelling { get; init; }

    public required bool SetLastError { get; init; }

    private readonly Lazy<ImportCallers> callers;

    /// <param name="callers">Who calls the import, worked out on first use: that takes the module's call graph, which
    /// decodes every method body, and a rewrite needs it only for the imports a shim is found for (most imports of a
    /// runtime pack's assemblies have none, and the whole module is then copied as it is).</param>
    internal PlatformImport(Lazy<ImportCallers> callers) => this.callers = callers;

    /// <summary>The method guests call: the declaration itself, or the <c>[LibraryImport]</c> wrapper around a generated inner P/Invoke.</summary>
    public MethodDefinition UserFacingMethod => callers.Value.UserFacingMethod;

    /// <summary>True when this is the inner P/Invoke of a <c>[LibraryImport]</c> stub (its error reaches the stub as the system error).</summary>
    public bool IsLibraryImportStub => callers.Value.IsLibraryImportStub;

    /// <summary>Instructions in the module that call (or take the address of) <see cref="UserFacingMethod"/>.</summary>
    public int CallSites => SiteInstructions.Count;

    /// <summary>The calling instructions behind <see cref="CallSites"/> (valid while the module is unmodified: the
    /// binder asks for them, through <see cref="IsLibraryImportStub"/>, before any rewrite of a bound import).</summary>
    internal IReadOnlyList<(MethodDefinition Caller, Instruction Call)> SiteInstructions => callers.Value.Sites;

    private IReadOnlyList<CallLocation>? sites;

    /// <summary>Where the calls are, with source lines when the PDB gives them (located on first use: only reports need them).</summary>
    public IReadOnlyList<CallLocation> Sites => sites ??= SiteInstructions.Select(s => CallLocation.At(s.Caller, s.Call)).ToList();

    /// <summary><c>Namespace.Type::Method</c> of the user-facing method.</summary>
    public string DisplayName => $"{UserFacingMethod.DeclaringType.FullName}::{UserFacingMethod.Name}";
}

/// <summary>Who calls a P/Invoke: the method guests call and the instructions that call it.</summary>
internal sealed record ImportCallers(MethodDefinition UserFacingMethod, bool IsLibraryImportStub, IReadOnlyList<(MethodDefinition Caller, Instruction Call)> Sites);
