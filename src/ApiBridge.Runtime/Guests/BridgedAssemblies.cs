using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ApiBridge.Runtime.Guests;

/// <summary>What a PE file is, read from its headers and metadata only: native, a .NET assembly, one ApiBridge rewrote.</summary>
public static class BridgedAssemblies
{
    public enum PeKind { Native, Assembly, BridgedAssembly, Module }

    /// <summary>The kind of the PE image in <paramref name="pe"/> (positioned at its start; left open).</summary>
    public static PeKind Classify(Stream pe)
    {
        using var reader = new PEReader(pe, PEStreamOptions.LeaveOpen);
        if (!reader.HasMetadata)
            return PeKind.Native;
        var metadata = reader.GetMetadataReader();
        if (!metadata.IsAssembly)
            return PeKind.Module;
        return HasMarker(metadata) ? PeKind.BridgedAssembly : PeKind.Assembly;
    }

    /// <summary>
    /// True for a .NET assembly file; <paramref name="rewritten"/> when ApiBridge already rewrote it. False for
    /// anything else, an unreadable file included.
    /// </summary>
    public static bool IsAssembly(string hostPath, out bool rewritten)
    {
        rewritten = false;
        try
        {
            using var stream = new FileStream(hostPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.ReadByte() != 'M' || stream.ReadByte() != 'Z')
                return false;
            stream.Position = 0;
            var kind = Classify(stream);
            rewritten = kind == PeKind.BridgedAssembly;
            return kind is PeKind.Assembly or PeKind.BridgedAssembly;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The assembly carries <see cref="BridgedAssemblyAttribute"/> (written by the rewriter).</summary>
    private static bool HasMarker(MetadataReader metadata)
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
            if (metadata.StringComparer.Equals(type.Name, nameof(BridgedAssemblyAttribute))
                && metadata.StringComparer.Equals(type.Namespace, typeof(BridgedAssemblyAttribute).Namespace!))
                return true;
        }
        return false;
    }
}
