using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>A UTF-16 <see cref="string"/> input: pinned and passed as <c>WCHAR*</c>, as the marshaller does (null stays NULL).</summary>
internal sealed class PinnedStringArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    private VariableDefinition? pinned;

    public override string Kind => "pinned UTF-16 string";

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        pinned = emitter.AddPinnedByRef(emitter.Types.Char);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.StringData);
        emitter.IL.Emit(OpCodes.Stloc, pinned);
    }

    public override void EmitLoad(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloc, pinned!);
        emitter.IL.Emit(OpCodes.Conv_U);
    }
}
