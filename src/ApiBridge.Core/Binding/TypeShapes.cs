using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// Facts about CLR types as the interop marshaller sees them: blittability and native size. Computed from
/// metadata (Cecil), since the guest's types are never loaded.
/// </summary>
internal static class TypeShapes
{
    public const int PointerSize = 8;

    public static bool IsNativeInt(TypeReference type) =>
        type.MetadataType is MetadataType.IntPtr or MetadataType.UIntPtr;

    /// <summary>Pointers, function pointers and native ints: all one machine word to native code.</summary>
    public static bool IsAddress(TypeReference type) =>
        type.IsPointer || type.IsFunctionPointer || IsNativeInt(type);

    /// <summary>
    /// A shim parameter that takes an address: a native one (<see cref="IsAddress"/>) or a managed pointer
    /// (<c>ref</c>/<c>ref readonly</c>), which a guest's pointer or pinned address also fills (the JIT takes a native
    /// int where a byref goes), and a guest's own blittable byref fills without pinning.
    /// </summary>
    public static bool TakesAddress(TypeReference shimType) => IsAddress(shimType) || shimType.IsByReference;

    public static bool IsIntegral(TypeReference type) => type.MetadataType is
        MetadataType.SByte or MetadataType.Byte or MetadataType.Int16 or MetadataType.UInt16 or
        MetadataType.Int32 or MetadataType.UInt32 or MetadataType.Int64 or MetadataType.UInt64 or MetadataType.Char;

    public static bool IsFloating(TypeReference type) => type.MetadataType is MetadataType.Single or MetadataType.Double;

    /// <summary>Size in bytes of a primitive, or null for anything else.</summary>
    public static int? PrimitiveSize(TypeReference type) => type.MetadataType switch
    {
        MetadataType.Boolean or MetadataType.SByte or MetadataType.Byte => 1,
        MetadataType.Int16 or MetadataType.UInt16 or MetadataType.Char => 2,
        MetadataType.Int32 or MetadataType.UInt32 or MetadataType.Single => 4,
        MetadataType.Int64 or MetadataType.UInt64 or MetadataType.Double => 8,
        MetadataType.IntPtr or MetadataType.UIntPtr or MetadataType.Pointer or MetadataType.FunctionPointer => PointerSize,
        _ => null,
    };

    public static TypeDefinition? TryResolve(TypeReference type)
    {
        try
        {
            return type.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    public static bool IsEnum(TypeReference type, out TypeReference underlying)
    {
        underlying = type;
        if (!type.IsValueType && type.MetadataType != MetadataType.ValueType)
            return false;
        var definition = TryResolve(type);
        if (definition is null || !definition.IsEnum)
            return false;
        underlying = definition.Fields.First(f => !f.IsStatic).FieldType;
        return true;
    }

    public static bool DerivesFrom(TypeReference type, string baseFullName)
    {
        var current = TryResolve(type);
        while (current is not null)
        {
            if (current.FullName == baseFullName)
                return true;
            current = current.BaseType is null ? null : TryResolve(current.BaseType);
        }
        return false;
    }

    public static bool IsSafeHandle(TypeReference type) =>
        !type.IsValueType && !type.IsArray && DerivesFrom(type, "System.Runtime.InteropServices.SafeHandle");

    public static bool IsDelegate(TypeReference type) =>
        !type.IsValueType && DerivesFrom(type, "System.MulticastDelegate");

    public static bool IsStringBuilder(TypeReference type) => type.FullName == "System.Text.StringBuilder";

    /// <summary>
    /// True when the marshaller passes the type's memory as it is: primitives other than bool and char, pointers,
    /// enums, and sequential/explicit structures made only of such fields (char only in Unicode structures).
    /// </summary>
    public static bool IsBlittable(TypeReference type) => IsBlittable(type, depth: 0);

    private static bool IsBlittable(TypeReference type, int depth)
    {
        if (depth > 16)
            return false;
        if (type.IsPointer || type.IsFunctionPointer)
            return true;
        switch (type.MetadataType)
        {
            case MetadataType.Boolean:
            case MetadataType.Char:
            case MetadataType.String:
            case MetadataType.Object:
                return false;
            case MetadataType.SByte:
            case MetadataType.Byte:
            case MetadataType.Int16:
            case MetadataType.UInt16:
            case MetadataType.Int32:
            case MetadataType.UInt32:
            case MetadataType.Int64:
            case MetadataType.UInt64:
            case MetadataType.Single:
            case MetadataType.Double:
            case MetadataType.IntPtr:
            case MetadataType.UIntPtr:
                return true;
        }
        if (type.IsGenericInstance || type.IsArray || type.IsByReference)
            return false;
        var definition = TryResolve(type);
        if (definition is null || !definition.IsValueType)
            return false;
        if (definition.IsEnum)
            return true;
        if (definition.IsAutoLayout)
            return false;
        foreach (var field in definition.Fields)
        {
            if (field.IsStatic)
                continue;
            if (field.HasMarshalInfo)
                return false;
            if (field.FieldType.MetadataType == MetadataType.Char)
            {
                if (!definition.IsUnicodeClass)
                    return false;
                continue;
            }
            if (field.FieldType.IsValueType && field.FieldType.MetadataType == MetadataType.ValueType
                && field.CustomAttributes.Any(a => a.AttributeType.Name == "FixedBufferAttribute"))
                continue; // fixed-size buffers are blittable by construction
            if (!IsBlittable(field.FieldType, depth + 1))
                return false;
        }
        return true;
    }

    /// <summary>Native size of a blittable type (natural alignment, honouring Pack and an explicit size), or null.</summary>
    public static int? BlittableSize(TypeReference type) => BlittableLayout(type, 0)?.Size;

    private static (int Size, int Alignment)? BlittableLayout(TypeReference type, int depth)
    {
        if (depth > 16)
            return null;
        if (PrimitiveSize(type) is int primitive && type.MetadataType != MetadataType.Boolean)
            return (primitive, primitive);
        if (type.IsPointer || type.IsFunctionPointer)
            return (PointerSize, PointerSize);
        var definition = TryResolve(type);
        if (definition is null || !definition.IsValueType)
            return null;
        if (definition.IsEnum)
            return BlittableLayout(definition.Fields.First(f => !f.IsStatic).FieldType, depth + 1);
        var pack = definition.PackingSize > 0 ? definition.PackingSize : PointerSize;
        var offset = 0;
        var alignment = 1;
        var end = 0;
        foreach (var field in definition.Fields)
        {
            if (field.IsStatic)
                continue;
            var layout = FieldLayout(field, depth);
            if (layout is null)
                return null;
            var (size, fieldAlignment) = layout.Value;
            fieldAlignment = Math.Min(fieldAlignment, pack);
            alignment = Math.Max(alignment, fieldAlignment);
            if (definition.IsExplicitLayout)
            {
                end = Math.Max(end, field.Offset + size);
                continue;
            }
            offset = Align(offset, fieldAlignment) + size;
            end = offset;
        }
        var total = Align(Math.Max(end, 1), alignment);
        if (definition.ClassSize > 0)
            total = Math.Max(total, definition.ClassSize);
        return (total, alignment);
    }

    private static (int Size, int Alignment)? FieldLayout(FieldDefinition field, int depth)
    {
        // A C# fixed buffer is a nested struct with an explicit size whose single field gives the element type.
        var nested = TryResolve(field.FieldType);
        if (nested is not null && nested.IsValueType && nested.ClassSize > 0 && nested.Fields.Count(f => !f.IsStatic) == 1
            && field.CustomAttributes.Any(a => a.AttributeType.Name == "FixedBufferAttribute"))
        {
            var element = BlittableLayout(nested.Fields.First(f => !f.IsStatic).FieldType, depth + 1);
            return element is null ? null : (nested.ClassSize, element.Value.Alignment);
        }
        if (field.FieldType.MetadataType == MetadataType.Char)
            return (2, 2);
        return BlittableLayout(field.FieldType, depth + 1);
    }

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
