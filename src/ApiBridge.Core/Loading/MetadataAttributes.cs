using System.Reflection.Metadata;

namespace ApiBridge.Core.Loading;

/// <summary>Custom-attribute look-ups on raw metadata (System.Reflection.Metadata), for the checks made before Cecil reads a file.</summary>
public static class MetadataAttributes
{
    /// <summary>True when the assembly carries an attribute of the named type (matched through its constructor's type reference).</summary>
    public static bool AssemblyHas(MetadataReader metadata, string ns, string name)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
                continue;
            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference)
                continue;
            var type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (metadata.StringComparer.Equals(type.Name, name) && metadata.StringComparer.Equals(type.Namespace, ns))
                return true;
        }
        return false;
    }
}
