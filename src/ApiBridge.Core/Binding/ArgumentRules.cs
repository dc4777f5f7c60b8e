using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding.Parameters;
using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// Chooses the conversion for one guest parameter against the shim's native parameter type, following the
/// runtime marshaller's rules for the declared type and its <c>[MarshalAs]</c>.
/// </summary>
internal static class ArgumentRules
{
    public static ArgumentAdapter? Plan(ParameterDefinition parameter, TypeReference shimType, StringCharSet charSet, out string reason)
    {
        reason = string.Empty;
        var type = parameter.ParameterType;
        var nativeType = parameter.HasMarshalInfo ? parameter.MarshalInfo.NativeType : NativeType.None;
        if (MarshalKinds.Unsupported(nativeType) is { } unsupported)
        {
            reason = unsupported;
            return null;
        }

        if (type is ByReferenceType byReference)
            return PlanByReference(parameter, byReference.ElementType, shimType, charSet, nativeType, out reason);
        if (type.MetadataType == MetadataType.String)
            return PlanString(parameter, shimType, MarshalKinds.StringEncoding(nativeType, charSet), out reason);
        if (TypeShapes.IsStringBuilder(type))
            return RequireAddress(shimType, out reason) ? new StringBuilderArgument(parameter, MarshalKinds.StringEncoding(nativeType, charSet)) : null;
        if (type is ArrayType array)
            return PlanArray(parameter, array, shimType, charSet, out reason);
        if (TypeShapes.IsAddress(type))
            return TypeShapes.TakesAddress(shimType) || TypeShapes.PrimitiveSize(shimType) == TypeShapes.PointerSize
                ? new DirectArgument(parameter)
                : Fail($"a pointer-sized value cannot go to {shimType.Name}", out reason);
        if (type.MetadataType == MetadataType.Boolean)
            return PlanBool(parameter, shimType, nativeType, out reason);
        if (type.MetadataType == MetadataType.Char)
        {
            if (charSet == StringCharSet.Ansi && nativeType is not (NativeType.U2 or NativeType.I2))
                return Fail("an ANSI char parameter is not supported", out reason);
            return SameSizeIntegral(shimType, 2) ? new DirectArgument(parameter) : Fail($"char cannot go to {shimType.Name}", out reason);
        }
        if (TypeShapes.IsEnum(type, out var underlying) || TypeShapes.IsIntegral(type) || TypeShapes.IsFloating(type))
            return PlanPrimitive(parameter, underlying, shimType, out reason);
        if (TypeShapes.IsSafeHandle(type))
            return RequireAddress(shimType, out reason) ? new SafeHandleArgument(parameter) : null;
        if (TypeShapes.IsDelegate(type))
            return TypeShapes.TakesAddress(shimType) ? new DelegateArgument(parameter) : Fail($"a callback cannot go to {shimType.Name}", out reason);
        if (type.IsValueType)
            return PlanStructByValue(parameter, type, shimType, out reason);
        return PlanClass(parameter, type, shimType, out reason);
    }

    private static ArgumentAdapter? PlanByReference(ParameterDefinition parameter, TypeReference element, TypeReference shimType, StringCharSet charSet, NativeType nativeType, out string reason)
    {
        reason = string.Empty;
        if (!RequireAddress(shimType, out reason))
            return null;
        if (element.MetadataType == MetadataType.Boolean)
        {
            var size = nativeType is NativeType.U1 or NativeType.I1 ? 1 : 4;
            if (nativeType == NativeType.VariantBool)
                return Fail("VARIANT_BOOL is not supported", out reason);
            return PointeeFits(shimType, size, out reason) ? new BoolByRefArgument(parameter, size) : null;
        }
        if (TypeShapes.IsSafeHandle(element))
        {
            if (parameter.IsIn || !parameter.IsOut)
                return Fail("ref SafeHandle is not supported (out SafeHandle is)", out reason);
            return new OutSafeHandleArgument(parameter);
        }
        if (element.MetadataType == MetadataType.Char && charSet == StringCharSet.Unicode)
            return PointeeFits(shimType, 2, out reason) ? BlittableByReference(parameter, shimType) : null;
        if (TypeShapes.IsBlittable(element))
        {
            var size = TypeShapes.BlittableSize(element);
            if (size is null)
                return Fail($"cannot compute the native size of {element.Name}", out reason);
            return PointeeFits(shimType, size.Value, out reason) ? BlittableByReference(parameter, shimType) : null;
        }
        if (element.IsValueType && !element.IsPrimitive && TypeShapes.TryResolve(element) is { IsValueType: true, IsEnum: false } structure && !structure.IsAutoLayout)
            return new MarshalledStructArgument(parameter);
        return Fail($"by-reference {element.Name} is not supported", out reason);
    }

    // A shim that takes a managed pointer gets the guest's own, which the GC keeps track of: nothing to pin, so the
    // adapter has no pinned local and the JIT may inline it into the guest's caller.
    private static ArgumentAdapter BlittableByReference(ParameterDefinition parameter, TypeReference shimType) =>
        shimType.IsByReference ? new ByRefArgument(parameter) : new PinnedByRefArgument(parameter);

    private static ArgumentAdapter? PlanString(ParameterDefinition parameter, TypeReference shimType, StringCharSet encoding, out string reason)
    {
        if (!RequireAddress(shimType, out reason))
            return null;
        if (encoding == StringCharSet.Unicode)
            return PointeeFits(shimType, 2, out reason) ? new PinnedStringArgument(parameter) : null;
        return PointeeFits(shimType, 1, out reason) ? new Utf8StringArgument(parameter) : null;
    }

    private static ArgumentAdapter? PlanArray(ParameterDefinition parameter, ArrayType array, TypeReference shimType, StringCharSet charSet, out string reason)
    {
        if (!RequireAddress(shimType, out reason))
            return null;
        if (!array.IsVector)
            return Fail("multi-dimensional arrays are not supported", out reason);
        var element = array.ElementType;
        if (element.MetadataType == MetadataType.Char && charSet == StringCharSet.Unicode)
            return new PinnedArrayArgument(parameter);
        if (!TypeShapes.IsBlittable(element))
            return Fail($"arrays of non-blittable {element.Name} are not supported", out reason);
        return new PinnedArrayArgument(parameter);
    }

    private static ArgumentAdapter? PlanBool(ParameterDefinition parameter, TypeReference shimType, NativeType nativeType, out string reason)
    {
        reason = string.Empty;
        if (nativeType == NativeType.VariantBool)
            return Fail("VARIANT_BOOL is not supported", out reason);
        var size = nativeType is NativeType.U1 or NativeType.I1 ? 1 : 4;
        return SameSizeIntegral(shimType, size)
            ? new DirectArgument(parameter)
            : Fail($"a {size}-byte BOOL cannot go to {shimType.Name}", out reason);
    }

    private static ArgumentAdapter? PlanPrimitive(ParameterDefinition parameter, TypeReference type, TypeReference shimType, out string reason)
    {
        reason = string.Empty;
        var size = TypeShapes.PrimitiveSize(type);
        if (size is null)
            return Fail($"{type.Name} is not supported", out reason);
        if (TypeShapes.IsFloating(type) != TypeShapes.IsFloating(shimType) || TypeShapes.PrimitiveSize(shimType) != size)
            return Fail($"{type.Name} ({size} bytes) does not match the native {shimType.Name}", out reason);
        return new DirectArgument(parameter);
    }

    private static ArgumentAdapter? PlanStructByValue(ParameterDefinition parameter, TypeReference type, TypeReference shimType, out string reason)
    {
        reason = string.Empty;
        if (!TypeShapes.IsBlittable(type))
            return Fail($"non-blittable {type.Name} by value is not supported", out reason);
        var size = TypeShapes.BlittableSize(type);
        var shimSize = shimType.IsPointer ? null : TypeShapes.BlittableSize(shimType);
        if (size is null || shimSize != size)
            return Fail($"{type.Name} by value ({size} bytes) does not match the native {shimType.Name}", out reason);
        return new ReinterpretedStructArgument(parameter, shimType);
    }

    private static ArgumentAdapter? PlanClass(ParameterDefinition parameter, TypeReference type, TypeReference shimType, out string reason)
    {
        reason = string.Empty;
        var definition = TypeShapes.TryResolve(type);
        if (definition is null || definition.IsInterface || definition.IsAbstract || definition.IsAutoLayout || type.MetadataType == MetadataType.Object)
            return Fail($"{type.Name} (object/interface marshalling) is not supported", out reason);
        if (!RequireAddress(shimType, out reason))
            return null;
        var blittable = definition.Fields.Where(f => !f.IsStatic).All(f => !f.HasMarshalInfo && TypeShapes.IsBlittable(f.FieldType));
        return new FormattedClassArgument(parameter, copyBack: blittable || parameter.IsOut);
    }

    private static bool RequireAddress(TypeReference shimType, out string reason)
    {
        reason = TypeShapes.TakesAddress(shimType) ? string.Empty : $"the native parameter is {shimType.Name}, not a pointer";
        return reason.Length == 0;
    }

    /// <summary>A pointer or byref to a type of another size than the guest's would corrupt memory: refuse it.</summary>
    private static bool PointeeFits(TypeReference shimType, int guestSize, out string reason)
    {
        reason = string.Empty;
        var target = shimType is PointerType or ByReferenceType ? ((TypeSpecification)shimType).ElementType : null;
        if (target is null || target.MetadataType == MetadataType.Void)
            return true;
        var pointee = TypeShapes.BlittableSize(target);
        if (pointee is null || pointee == guestSize)
            return true;
        reason = $"the guest passes {guestSize} bytes where the native side takes {target.Name}{(shimType.IsByReference ? "&" : "*")} ({pointee} bytes)";
        return false;
    }

    private static bool SameSizeIntegral(TypeReference shimType, int size) =>
        TypeShapes.IsIntegral(shimType) && TypeShapes.PrimitiveSize(shimType) == size;

    private static ArgumentAdapter? Fail(string message, out string reason)
    {
        reason = message;
        return null;
    }
}
