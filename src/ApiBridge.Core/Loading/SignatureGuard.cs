using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ApiBridge.Core.Loading;

/// <summary>
/// Decodes every signature of an assembly with System.Reflection.Metadata before Cecil reads it, and refuses values
/// no valid image has but that make Cecil allocate without bound: a generic parameter number past 65535 (Cecil fills
/// its generic context up to that index: a <c>!!1000000000</c> in a corrupt blob took gigabytes and minutes, found by
/// fuzzing) or an array rank past 32. A blob SRM cannot decode is refused too. Costs a small fraction of the read.
/// </summary>
public static class SignatureGuard
{
    /// <summary>GenericParam.Number is a 2-byte column.</summary>
    public const int MaxGenericParameterNumber = ushort.MaxValue;

    /// <summary>The runtime's limit on array rank.</summary>
    public const int MaxArrayRank = 32;

    /// <summary>Throws <see cref="BadImageFormatException"/> for a signature Cecil must not be given.</summary>
    public static void Check(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        CheckDebugDirectory(pe, stream.Length);
        Check(pe.GetMetadataReader());
    }

    /// <summary>
    /// Cecil reads every debug directory entry's data whole, at the size the entry claims: a corrupt entry (fuzzing
    /// found one) kept it reading for good. Each entry's data must lie inside the file, and the directory itself hold
    /// a sane number of entries.
    /// </summary>
    private static void CheckDebugDirectory(PEReader pe, long fileLength)
    {
        var directory = pe.PEHeaders.PEHeader?.DebugTableDirectory ?? default;
        if (directory.Size == 0)
            return;
        const int EntrySize = 28, MaxEntries = 64;
        if (directory.Size < 0 || directory.Size / EntrySize > MaxEntries)
            throw new BadImageFormatException($"a debug directory of {directory.Size} bytes");
        foreach (var entry in pe.ReadDebugDirectory())
        {
            if (entry.DataSize < 0 || entry.DataPointer < 0 || (long)entry.DataPointer + entry.DataSize > fileLength)
                throw new BadImageFormatException($"a debug directory entry of {entry.DataSize} bytes at {entry.DataPointer} in a file of {fileLength}");
        }
    }

    public static void Check(MetadataReader metadata)
    {
        var decoder = new SignatureDecoder<byte, object?>(Provider.Instance, metadata, genericContext: null);
        foreach (var handle in metadata.MethodDefinitions)
        {
            var blob = metadata.GetBlobReader(metadata.GetMethodDefinition(handle).Signature);
            decoder.DecodeMethodSignature(ref blob);
        }
        foreach (var handle in metadata.FieldDefinitions)
        {
            var blob = metadata.GetBlobReader(metadata.GetFieldDefinition(handle).Signature);
            decoder.DecodeFieldSignature(ref blob);
        }
        foreach (var handle in metadata.PropertyDefinitions)
        {
            var blob = metadata.GetBlobReader(metadata.GetPropertyDefinition(handle).Signature);
            decoder.DecodeMethodSignature(ref blob);
        }
        foreach (var handle in metadata.MemberReferences)
        {
            var reference = metadata.GetMemberReference(handle);
            var blob = metadata.GetBlobReader(reference.Signature);
            if (reference.GetKind() == MemberReferenceKind.Method)
                decoder.DecodeMethodSignature(ref blob);
            else
                decoder.DecodeFieldSignature(ref blob);
        }
        for (var row = 1; row <= metadata.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var blob = metadata.GetBlobReader(metadata.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row)).Signature);
            decoder.DecodeType(ref blob);
        }
        for (var row = 1; row <= metadata.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var blob = metadata.GetBlobReader(metadata.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row)).Signature);
            decoder.DecodeMethodSpecificationSignature(ref blob);
        }
        for (var row = 1; row <= metadata.GetTableRowCount(TableIndex.StandAloneSig); row++)
        {
            var signature = metadata.GetStandaloneSignature(MetadataTokens.StandaloneSignatureHandle(row));
            var blob = metadata.GetBlobReader(signature.Signature);
            if (signature.GetKind() == StandaloneSignatureKind.LocalVariables)
                decoder.DecodeLocalSignature(ref blob);
            else
                decoder.DecodeMethodSignature(ref blob);
        }
    }

    private sealed class Provider : ISignatureTypeProvider<byte, object?>
    {
        public static readonly Provider Instance = new();

        public byte GetGenericMethodParameter(object? genericContext, int index) => CheckGenericParameter(index);

        public byte GetGenericTypeParameter(object? genericContext, int index) => CheckGenericParameter(index);

        private static byte CheckGenericParameter(int index) =>
            index is < 0 or > MaxGenericParameterNumber ? throw new BadImageFormatException($"generic parameter number {index} in a signature") : (byte)0;

        public byte GetArrayType(byte elementType, ArrayShape shape) =>
            shape.Rank is < 1 or > MaxArrayRank ? throw new BadImageFormatException($"array rank {shape.Rank} in a signature") : (byte)0;

        public byte GetByReferenceType(byte elementType) => 0;
        public byte GetFunctionPointerType(MethodSignature<byte> signature) => 0;
        public byte GetGenericInstantiation(byte genericType, ImmutableArray<byte> typeArguments) => 0;
        public byte GetModifiedType(byte modifier, byte unmodifiedType, bool isRequired) => 0;
        public byte GetPinnedType(byte elementType) => 0;
        public byte GetPointerType(byte elementType) => 0;
        public byte GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
        public byte GetSZArrayType(byte elementType) => 0;
        public byte GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => 0;
        public byte GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;
        public byte GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => 0;
    }
}
