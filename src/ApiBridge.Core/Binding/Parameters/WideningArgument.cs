using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>
/// An integer argument for a C variadic slot the shim takes at register width (<c>[ShimExport(VariadicFrom = n)]</c>):
/// fcntl(fd, F_SETFD, 1) declared with an <c>int arg</c>, where the shim takes <c>nint arg</c> because another
/// command passes a pointer there. The x86-64 ABI puts either in a 64-bit register; the value is widened as C's
/// default argument promotions leave it: sign-extended from a signed type, zero-extended from an unsigned one.
/// </summary>
internal sealed class WideningArgument(ParameterDefinition guest, TypeReference shimType) : ArgumentAdapter(guest)
{
    public override string Kind => "widened";

    /// <summary>Whether <paramref name="guest"/> is an integer (or enum of one) narrower than the integer or native int <paramref name="shim"/>.</summary>
    public static bool Applies(TypeReference guest, TypeReference shim)
    {
        var type = TypeShapes.IsEnum(guest, out var underlying) ? underlying : guest;
        if (!TypeShapes.IsIntegral(type) || type.MetadataType == MetadataType.Char)
            return false;
        var wide = shim.MetadataType is MetadataType.IntPtr or MetadataType.UIntPtr or MetadataType.Int64 or MetadataType.UInt64;
        return wide && TypeShapes.PrimitiveSize(type) < TypeShapes.PrimitiveSize(shim);
    }

    public override void EmitLoad(AdapterEmitter emitter)
    {
        emitter.LoadArgument(Guest);
        var type = TypeShapes.IsEnum(Guest.ParameterType, out var underlying) ? underlying : Guest.ParameterType;
        var signed = type.MetadataType is MetadataType.SByte or MetadataType.Int16 or MetadataType.Int32;
        var native = shimType.MetadataType is MetadataType.IntPtr or MetadataType.UIntPtr;
        emitter.IL.Emit(native ? (signed ? OpCodes.Conv_I : OpCodes.Conv_U) : (signed ? OpCodes.Conv_I8 : OpCodes.Conv_U8));
    }
}
