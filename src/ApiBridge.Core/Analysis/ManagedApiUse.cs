using ApiBridge.Core.Binding;
using ApiBridge.Core.Rewriting.References;
using Mono.Cecil;

namespace ApiBridge.Core.Analysis;

/// <summary>A Windows-only managed type a guest uses, the members it uses, and the shim type that replaces it.</summary>
public sealed record ManagedApiUse(string ReplacedType, IReadOnlyList<string> Members, TypeRedirect Redirect)
{
    public string ShimType => Redirect.Shim.FullName;

    /// <summary>The managed APIs of <paramref name="module"/> the catalog redirects.</summary>
    public static IReadOnlyList<ManagedApiUse> Find(ModuleDefinition module, ShimCatalog catalog)
    {
        if (catalog.TypeRedirects.Count == 0)
            return Array.Empty<ManagedApiUse>();
        var visitor = new ReferenceVisitor(catalog.TypeRedirects.Values.Select(r => new TypeRedirectRule(r)));
        var attributes = Loading.AttributeTypeNames.MayName(module.FileName, catalog.TypeRedirects.Keys.ToList());
        var types = visitor.Find(module, attributes).Select(t => t.FullName).Distinct().ToList();
        if (types.Count == 0)
            return Array.Empty<ManagedApiUse>();
        var members = module.GetMemberReferences()
            .Where(m => m.DeclaringType is not null && types.Contains(m.DeclaringType.GetElementType().FullName))
            .GroupBy(m => m.DeclaringType.GetElementType().FullName)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(m => m.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList());
        return types.OrderBy(t => t, StringComparer.Ordinal)
            .Select(t => new ManagedApiUse(t, members.GetValueOrDefault(t) ?? Array.Empty<string>(), catalog.TypeRedirects[t]))
            .ToList();
    }
}
