using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>
/// <c>ref</c>/<c>out bool</c> for a native BOOL*: the managed byte and the native 4-byte BOOL differ, so the
/// value goes through a 32-bit temporary, copied in (unless <c>out</c>) and normalized back to 0/1 after.
/// </summary>
internal sealed class BoolByRefArgument(ParameterDefinition guest, int nativeSize) : ArgumentAdapter(guest)
{
    private VariableDefinition? temporary;

    public override string Kind => "bool byref via BOOL temporary";

    private bool IsOutOnly => Guest.IsOut && !Guest.IsIn;

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        temporary = emitter.AddLocal(nativeSize == 1 ? emitter.Types.Byte : emitter.Types.Int32);
        if (IsOutOnly)
            return;
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Ldind_U1);
        emitter.IL.Emit(OpCodes.Stloc, temporary);
    }

    public override void EmitLoad(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloca, temporary!);
        emitter.IL.Emit(OpCodes.Conv_U);
    }

    public override void EmitCopyBack(AdapterEmitter emitter)
    {
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Ldloc, temporary!);
        emitter.IL.Emit(OpCodes.Ldc_I4_0);
        emitter.IL.Emit(OpCodes.Cgt_Un);
        emitter.IL.Emit(OpCodes.Stind_I1);
    }

    public override void EmitTraceValue(AdapterEmitter emitter) => EmitTraceByRefTarget(emitter, Guest);
}
