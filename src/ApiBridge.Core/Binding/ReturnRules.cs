using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding.Parameters;
using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>Chooses the conversion of the shim's native return value to the guest's declared return type.</summary>
internal static class ReturnRules
{
    public static ReturnAdapter? Plan(MethodReturnType guestReturn, TypeReference shimType, StringCharSet charSet, out string reason)
    {
        reason = string.Empty;
        var type = guestReturn.ReturnType;
        var nativeType = guestReturn.HasMarshalInfo ? guestReturn.MarshalInfo.NativeType : NativeType.None;
        if (type.MetadataType == MetadataType.Void)
            return shimType.MetadataType == MetadataType.Void ? DirectReturn.Instance : Fail("the guest declares void, the native function returns a value", out reason);
        if (shimType.MetadataType == MetadataType.Void)
            return Fail("the native function returns nothing", out reason);
        if (type.MetadataType == MetadataType.Boolean)
        {
            if (nativeType == NativeType.VariantBool)
                return Fail("VARIANT_BOOL is not supported", out reason);
            var size = nativeType is NativeType.U1 or NativeType.I1 ? 1 : 4;
            return TypeShapes.IsIntegral(shimType) && TypeShapes.PrimitiveSize(shimType) == size
                ? BoolReturn.Instance
                : Fail($"a {size}-byte BOOL cannot come from {shimType.Name}", out reason);
        }
        if (type.MetadataType == MetadataType.String)
        {
            if (!TypeShapes.IsAddress(shimType))
                return Fail($"a string cannot come from {shimType.Name}", out reason);
            var encoding = MarshalKinds.StringEncoding(nativeType, charSet);
            return new StringReturn(encoding);
        }
        if (TypeShapes.IsSafeHandle(type))
            return TypeShapes.IsAddress(shimType) ? new SafeHandleReturn(type) : Fail($"a handle cannot come from {shimType.Name}", out reason);
        if (TypeShapes.IsAddress(type))
            return TypeShapes.IsAddress(shimType) ? DirectReturn.Instance : Fail($"a pointer cannot come from {shimType.Name}", out reason);
        TypeShapes.IsEnum(type, out var underlying);
        if (TypeShapes.IsIntegral(underlying) || TypeShapes.IsFloating(underlying))
        {
            var matches = TypeShapes.IsFloating(underlying) == TypeShapes.IsFloating(shimType)
                && TypeShapes.PrimitiveSize(underlying) == TypeShapes.PrimitiveSize(shimType);
            return matches ? DirectReturn.Instance : Fail($"{type.Name} does not match the native {shimType.Name}", out reason);
        }
        return Fail($"{type.Name} return values are not supported", out reason);
    }

    private static ReturnAdapter? Fail(string message, out string reason)
    {
        reason = message;
        return null;
    }
}
