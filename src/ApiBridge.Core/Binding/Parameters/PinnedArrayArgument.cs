using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>An array of a blittable element type: pinned and passed as a pointer to its first element (null stays NULL).</summary>
internal sealed class PinnedArrayArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    private VariableDefinition? pinned;

    public override string Kind => "pinned array";

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        var element = ((ArrayType)Guest.ParameterType).ElementType;
        pinned = emitter.AddPinnedByRef(element);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.ArrayData(element));
        emitter.IL.Emit(OpCodes.Stloc, pinned);
    }

    public override void EmitLoad(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloc, pinned!);
        emitter.IL.Emit(OpCodes.Conv_U);
    }
}
