using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ApiBridge.Core.Loading;

/// <summary>
/// Tells what a file is with System.Reflection.Metadata before Cecil touches it, so bad input gets a precise
/// message instead of a reader exception, and cheap enough to run on every file of a publish folder.
/// </summary>
public static class AssemblyClassifier
{
    public static AssemblyKind Classify(string path)
    {
        using var stream = File.OpenRead(path);
        return Classify(stream);
    }

    public static AssemblyKind Classify(Stream stream)
    {
        if (FileNature.SectionsEnd(stream) is { } end && end > stream.Length)
            return AssemblyKind.NotManaged; // truncated: PEReader reads lazily and might not notice before Cecil does
        try
        {
            using var pe = new PEReader(stream, PEStreamOptions.LeaveOpen);
            var headers = pe.PEHeaders;
            var cor = headers.CorHeader;
            if (cor is null || !pe.HasMetadata)
                return AssemblyKind.NotManaged;
            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
                return AssemblyKind.ModuleOnly;
            if (IsReferenceAssembly(metadata))
                return AssemblyKind.Reference;
            if (cor.ManagedNativeHeaderDirectory.Size > 0)
                return AssemblyKind.ReadyToRun;
            if ((cor.Flags & CorFlags.ILOnly) == 0)
                return AssemblyKind.MixedMode;
            return AssemblyKind.IlOnly;
        }
        catch (BadImageFormatException)
        {
            return AssemblyKind.NotManaged;
        }
        catch (InvalidOperationException)
        {
            return AssemblyKind.NotManaged;
        }
    }

    private static bool IsReferenceAssembly(MetadataReader metadata) =>
        MetadataAttributes.AssemblyHas(metadata, "System.Runtime.CompilerServices", "ReferenceAssemblyAttribute");
}
