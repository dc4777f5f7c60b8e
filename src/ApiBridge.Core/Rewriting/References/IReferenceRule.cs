using Mono.Cecil;

namespace ApiBridge.Core.Rewriting.References;

/// <summary>
/// One rewrite of references to a managed API, applied by <see cref="ReferenceVisitor"/> to every type reference
/// of a guest module. Rules are small and separate, one per redirected API, so another Windows-only managed API
/// is added by writing one more rule (or, for a plain type swap, one more <c>[ShimType]</c> in a shim assembly).
/// </summary>
public interface IReferenceRule
{
    /// <summary>Full name of the type the rule rewrites references to.</summary>
    string TargetType { get; }

    /// <summary>Rewrites <paramref name="reference"/> in place (every signature, member reference and generic argument sharing it follows).</summary>
    void Apply(TypeReference reference, ModuleDefinition module);
}
