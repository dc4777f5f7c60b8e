using System.Reflection.Metadata;

namespace ApiBridge.Core.Loading;

/// <summary>Custom-attribute look-ups on raw metadata (System.Reflection.Metadata), for the checks made before Cecil reads a file.</summary>
public static class MetadataAttributes
{
    /// <summary>
    /// True when the assembly carries an attribute of the named type, matched through its constructor's type: a type
    /// reference usually, a type definition when the assembly defines the attribute itself (the reference build of
    /// System.Runtime declares ReferenceAssemblyAttribute and marks itself with it).
    /// </summary>
    public static bool AssemblyHas(MetadataReader metadata, string ns, string name)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (AttributeType(metadata, attribute.Constructor) is var (typeNamespace, typeName)
                && metadata.StringComparer.Equals(typeName, name) && metadata.StringComparer.Equals(typeNamespace, ns))
                return true;
        }
        return false;
    }

    private static (StringHandle Namespace, StringHandle Name)? AttributeType(MetadataReader metadata, EntityHandle constructor)
    {
        switch (constructor.Kind)
        {
            case HandleKind.MemberReference:
                var reference = metadata.GetMemberReference((MemberReferenceHandle)constructor);
                if (reference.Parent.Kind != HandleKind.TypeReference)
                    return null;
                var type = metadata.GetTypeReference((TypeReferenceHandle)reference.Parent);
                return (type.Namespace, type.Name);
            case HandleKind.MethodDefinition:
                var definition = metadata.GetTypeDefinition(metadata.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType());
                return (definition.Namespace, definition.Name);
            default:
                return null;
        }
    }
}
