using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ApiBridge.Core.Binding;

namespace ApiBridge.Core.Loading;

/// <summary>
/// Tells, from the metadata tables alone (System.Reflection.Metadata, no Cecil), whether an assembly can have
/// anything to rewrite: a P/Invoke into a real library, a reference to a Windows-only managed type the shims
/// replace, or ApiBridge's marker. Most assemblies of a publish folder have none and are copied as they are, which
/// is what keeps a folder rewrite near the cost of reading the few that matter.
/// </summary>
public static class RewriteProbe
{
    /// <param name="managedView">Count references to the platform-dependent BCL types the managed view rewrites.</param>
    public static bool MayNeedRewrite(string path, ShimCatalog catalog, bool managedView = false)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            return HasPlatformImport(metadata) || ReferencesRedirectedType(metadata, catalog) || HasMarker(metadata)
                || (managedView && ReferencesAny(metadata, catalog.ManagedView.AllTypes));
        }
        catch (Exception error) when (error is BadImageFormatException or InvalidOperationException or ArgumentException)
        {
            return true; // let the full reader say what is wrong with it
        }
    }

    private static bool HasPlatformImport(MetadataReader metadata)
    {
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            if ((method.Attributes & MethodAttributes.PinvokeImpl) == 0)
                continue;
            var import = method.GetImport();
            if (import.Module.IsNil || !metadata.StringComparer.Equals(metadata.GetModuleReference(import.Module).Name, Analysis.LibraryName.QCall))
                return true;
        }
        return false;
    }

    private static bool ReferencesRedirectedType(MetadataReader metadata, ShimCatalog catalog) =>
        catalog.TypeRedirects.Count > 0 && ReferencesAny(metadata, catalog.TypeRedirects.ContainsKey);

    private static bool ReferencesAny(MetadataReader metadata, IReadOnlySet<string> types) =>
        types.Count > 0 && ReferencesAny(metadata, types.Contains);

    private static bool ReferencesAny(MetadataReader metadata, Func<string, bool> isListed)
    {
        foreach (var handle in metadata.TypeReferences)
        {
            var reference = metadata.GetTypeReference(handle);
            var name = metadata.GetString(reference.Name);
            var ns = metadata.GetString(reference.Namespace);
            if (isListed(ns.Length == 0 ? name : ns + "." + name))
                return true;
        }
        return false;
    }

    // The same attribute GuestAssembly.MarkerAttribute names: ApiBridge.Runtime.BridgedAssemblyAttribute.
    private static bool HasMarker(MetadataReader metadata) =>
        MetadataAttributes.AssemblyHas(metadata, "ApiBridge.Runtime", "BridgedAssemblyAttribute");
}
