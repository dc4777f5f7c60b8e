using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary><c>ref</c>/<c>out</c>/<c>in</c> of a blittable type: pinned and passed as a pointer, no copy (the marshaller's way).</summary>
internal sealed class PinnedByRefArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    private VariableDefinition? pinned;

    public override string Kind => "pinned byref";

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        pinned = emitter.AddPinnedByRef(((ByReferenceType)Guest.ParameterType).ElementType);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Stloc, pinned);
    }

    public override void EmitLoad(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloc, pinned!);
        emitter.IL.Emit(OpCodes.Conv_U);
    }

    public override void EmitTraceValue(AdapterEmitter emitter) => EmitTraceByRefTarget(emitter, Guest);
}
