using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// What the shim assemblies offer for the guest's managed view, per guest platform: the hand-written member shims
/// (<c>[ShimMembers]</c> classes) and the path translator the generated path wrappers call
/// (<c>[GuestPathTranslator]</c>). Read from metadata, like the export catalog.
/// </summary>
public sealed class ManagedViewCatalog
{
    public const string MembersAttribute = "ApiBridge.Runtime.Exports.ShimMembersAttribute";
    public const string TranslatorAttribute = "ApiBridge.Runtime.Exports.GuestPathTranslatorAttribute";

    // (platform, replaced type) → member key → shim
    private readonly Dictionary<(string, string), Dictionary<string, MemberShim>> members = new();
    private readonly Dictionary<string, TypeDefinition> translators = new(StringComparer.Ordinal);

    internal void Add(TypeDefinition type)
    {
        foreach (var attribute in type.CustomAttributes)
        {
            switch (attribute.AttributeType.FullName)
            {
                case MembersAttribute:
                    AddMembers(type, (string)attribute.ConstructorArguments[0].Value, (string)attribute.ConstructorArguments[1].Value, (string)attribute.ConstructorArguments[2].Value);
                    break;
                case TranslatorAttribute:
                    var platform = (string)attribute.ConstructorArguments[0].Value;
                    if (!translators.TryAdd(platform, type))
                        throw new InvalidOperationException($"two path translators for {platform} guests: {translators[platform].FullName} and {type.FullName}");
                    break;
            }
        }
    }

    /// <summary>Full names of the BCL types with member shims for a guest platform.</summary>
    public IEnumerable<string> TypesWithShims(string platform) => members.Keys.Where(k => k.Item1 == platform).Select(k => k.Item2);

    /// <summary>
    /// For the metadata-only probe: per BCL type the managed view touches (any platform), the names of the members a
    /// shim may replace (overloads share a name; a static field is matched through its <c>get_</c> name), or null for
    /// the path-surface types, any of whose members may get a path wrapper.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>?> ProbeMembers => probeMembers ??= BuildProbeMembers();

    // Built on first use, after the catalog is read; two threads asking at once build equal maps.
    private Dictionary<string, IReadOnlySet<string>?>? probeMembers;

    private Dictionary<string, IReadOnlySet<string>?> BuildProbeMembers()
    {
        var byType = new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal);
        foreach (var ((_, type), byKey) in members)
        {
            var names = byType.GetValueOrDefault(type) as HashSet<string> ?? new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in byKey.Keys)
                names.Add(MemberKeys.NameOf(key));
            byType[type] = names;
        }
        foreach (var type in PathSurface.Types)
            byType[type] = null;
        return byType;
    }

    public bool TryFind(string platform, string replacedType, string memberKey, out MemberShim shim)
    {
        shim = null!;
        return members.TryGetValue((platform, replacedType), out var byKey) && byKey.TryGetValue(memberKey, out shim!);
    }

    /// <summary>The path translator for a guest platform, or null when the shims have none.</summary>
    public TypeDefinition? Translator(string platform) => translators.GetValueOrDefault(platform);

    private void AddMembers(TypeDefinition type, string replaced, string platform, string channel)
    {
        if (!type.IsPublic || !type.IsAbstract || !type.IsSealed)
            throw new InvalidOperationException($"member shims {type.FullName} must be a public static class");
        if (!members.TryGetValue((platform, replaced), out var byKey))
            members[(platform, replaced)] = byKey = new Dictionary<string, MemberShim>(StringComparer.Ordinal);
        foreach (var method in type.Methods.Where(m => m.IsPublic && m.IsStatic && !m.IsConstructor && !m.HasGenericParameters))
        {
            var key = MemberKeys.OfShim(method, replaced);
            if (!byKey.TryAdd(key, new MemberShim(replaced, key, platform, channel, method)))
                throw new InvalidOperationException($"{replaced}::{key} is replaced twice for {platform} guests (second: {type.FullName})");
        }
    }
}
