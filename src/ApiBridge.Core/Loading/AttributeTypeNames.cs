using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace ApiBridge.Core.Loading;

/// <summary>
/// Whether an assembly's custom attributes can name a type in a <c>typeof(...)</c> argument: such a type is
/// serialized as its name (UTF-8) in the attribute's blob, so a blob heap without the name has no such argument.
/// Searching the heap's bytes costs next to nothing; having Cecil decode every attribute of every member to find
/// out resolves the framework assemblies of each enum argument and made the decoded attributes be re-encoded on
/// write, a large part of a folder rewrite.
/// </summary>
public static class AttributeTypeNames
{
    /// <param name="path">The assembly's file; null or absent answers true (nothing to rule out).</param>
    /// <param name="typeFullNames">Cecil full names (nested types as <c>Outer/Inner</c>).</param>
    public static bool MayName(string? path, IReadOnlyCollection<string> typeFullNames)
    {
        if (typeFullNames.Count == 0)
            return false;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            return true;
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var heap = pe.GetMetadata().GetContent(metadata.GetHeapMetadataOffset(HeapIndex.Blob), metadata.GetHeapSize(HeapIndex.Blob)).AsSpan();
            foreach (var name in typeFullNames)
            {
                // A nested type is serialized Outer+Inner: its outermost type's name is in the blob either way.
                var outermost = name.Split('/')[0];
                if (heap.IndexOf(Encoding.UTF8.GetBytes(outermost)) >= 0)
                    return true;
            }
            return false;
        }
        catch (Exception error) when (error is BadImageFormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return true; // let the full walk decide
        }
    }
}
