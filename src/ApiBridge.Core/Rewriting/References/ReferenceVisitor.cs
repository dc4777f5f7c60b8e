using Mono.Cecil;

namespace ApiBridge.Core.Rewriting.References;

/// <summary>
/// Walks every type reference of a module once — the module's TypeRef table (which signatures, member references,
/// locals and generic arguments share) and the type names serialized in custom attributes (<c>typeof(...)</c>) —
/// and hands each to the rule for its type, if any.
/// </summary>
public sealed class ReferenceVisitor
{
    private readonly Dictionary<string, IReferenceRule> rules;

    public ReferenceVisitor(IEnumerable<IReferenceRule> rules)
    {
        this.rules = rules.ToDictionary(r => r.TargetType, StringComparer.Ordinal);
    }

    /// <summary>References the rules would rewrite, by target type (for analysis).</summary>
    /// <param name="attributes">Also look into custom attribute arguments; false when the caller knows none names a target
    /// (see <see cref="Loading.AttributeTypeNames"/>): decoding every attribute is the costly part of the walk.</param>
    public IReadOnlyList<TypeReference> Find(ModuleDefinition module, bool attributes = true) =>
        (attributes ? AllTypeReferences(module) : module.GetTypeReferences()).Where(r => rules.ContainsKey(r.FullName)).Distinct().ToList();

    /// <summary>Applies the rules; returns how many references were rewritten.</summary>
    public int Rewrite(ModuleDefinition module)
    {
        var targets = Find(module);
        foreach (var reference in targets)
            rules[reference.FullName].Apply(reference, module);
        return targets.Count;
    }

    private static IEnumerable<TypeReference> AllTypeReferences(ModuleDefinition module)
    {
        foreach (var reference in module.GetTypeReferences())
            yield return reference;
        foreach (var provider in AttributeProviders(module))
        {
            if (!provider.HasCustomAttributes)
                continue;
            foreach (var attribute in provider.CustomAttributes)
            {
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)).Concat(attribute.Fields.Select(f => f.Argument)))
                {
                    foreach (var type in TypesIn(argument))
                        yield return type;
                }
            }
        }
    }

    private static IEnumerable<TypeReference> TypesIn(CustomAttributeArgument argument)
    {
        if (argument.Value is TypeReference type && type is not TypeDefinition)
            yield return type.GetElementType();
        if (argument.Value is CustomAttributeArgument boxed)
        {
            foreach (var inner in TypesIn(boxed))
                yield return inner;
        }
        if (argument.Value is CustomAttributeArgument[] array)
        {
            foreach (var inner in array.SelectMany(TypesIn))
                yield return inner;
        }
    }

    private static IEnumerable<ICustomAttributeProvider> AttributeProviders(ModuleDefinition module)
    {
        yield return module.Assembly;
        yield return module;
        foreach (var type in module.GetTypes())
        {
            yield return type;
            foreach (var method in type.Methods)
            {
                yield return method;
                foreach (var parameter in method.Parameters)
                    yield return parameter;
                yield return method.MethodReturnType;
            }
            foreach (var field in type.Fields)
                yield return field;
            foreach (var property in type.Properties)
                yield return property;
            foreach (var @event in type.Events)
                yield return @event;
        }
    }
}
