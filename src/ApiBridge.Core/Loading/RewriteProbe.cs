using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using ApiBridge.Core.Rewriting.Native;

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
                || (managedView && UsesManagedViewMember(metadata, catalog.ManagedView.ProbeMembers));
        }
        catch (Exception error) when (error is BadImageFormatException or InvalidOperationException or ArgumentException)
        {
            return true; // let the full reader say what is wrong with it
        }
    }

    /// <summary>
    /// A P/Invoke the rewrite may change: into a library the shims cover (kernel32, advapi32, libc …), or into another
    /// library with a parameter the native-path rule would translate (<see cref="NativePathParameters"/>). Imports
    /// into the runtime's own libraries and other native libraries without a path parameter are left as they are.
    /// </summary>
    private static bool HasPlatformImport(MetadataReader metadata)
    {
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            if ((method.Attributes & MethodAttributes.PinvokeImpl) == 0)
                continue;
            var import = method.GetImport();
            if (import.Module.IsNil)
                return true; // let the full read say what it is
            var declared = metadata.GetString(metadata.GetModuleReference(import.Module).Name);
            if (LibraryName.IsQCall(declared))
                continue;
            var (library, family) = LibraryName.Normalize(declared);
            if (family != PlatformFamily.Other)
                return true;
            var entryPoint = import.Name.IsNil ? metadata.GetString(method.Name) : metadata.GetString(import.Name);
            if (NativePathParameters.MayHavePath(library, entryPoint, ParameterNames(metadata, method)))
                return true;
        }
        return false;
    }

    private static IEnumerable<string> ParameterNames(MetadataReader metadata, MethodDefinition method)
    {
        foreach (var handle in method.GetParameters())
        {
            var parameter = metadata.GetParameter(handle);
            if (parameter.SequenceNumber > 0)
                yield return metadata.GetString(parameter.Name);
        }
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

    /// <summary>
    /// Whether the assembly names a member the managed view may replace: a member reference on a handled type whose
    /// name a shim replaces (or any member of a path-surface type). Most assemblies name Environment or OperatingSystem
    /// only for members the view leaves alone (ProcessorCount, CurrentManagedThreadId …) and need no Cecil read.
    /// </summary>
    private static bool UsesManagedViewMember(MetadataReader metadata, IReadOnlyDictionary<string, IReadOnlySet<string>?> probeMembers)
    {
        Dictionary<TypeReferenceHandle, IReadOnlySet<string>>? handled = null;
        foreach (var handle in metadata.TypeReferences)
        {
            var reference = metadata.GetTypeReference(handle);
            var name = metadata.GetString(reference.Name);
            var ns = metadata.GetString(reference.Namespace);
            if (!probeMembers.TryGetValue(ns.Length == 0 ? name : ns + "." + name, out var names))
                continue;
            if (names is null)
                return true;
            (handled ??= new())[handle] = names;
        }
        if (handled is null)
            return false;
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference || !handled.TryGetValue((TypeReferenceHandle)member.Parent, out var names))
                continue;
            var memberName = metadata.GetString(member.Name);
            if (names.Contains(member.GetKind() == MemberReferenceKind.Field ? "get_" + memberName : memberName))
                return true;
        }
        return false;
    }

    // The same attribute GuestAssembly.MarkerAttribute names: ApiBridge.Runtime.BridgedAssemblyAttribute.
    private static bool HasMarker(MetadataReader metadata) =>
        MetadataAttributes.AssemblyHas(metadata, "ApiBridge.Runtime", "BridgedAssemblyAttribute");
}
