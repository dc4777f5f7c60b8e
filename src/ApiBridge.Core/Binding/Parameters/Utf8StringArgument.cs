using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>An ANSI or UTF-8 <see cref="string"/> input: copied to a NUL-terminated native buffer for the call and freed after.</summary>
internal sealed class Utf8StringArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    private VariableDefinition? native;

    public override string Kind => "UTF-8 string copy";

    public override bool NeedsCleanup => true;

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        native = emitter.AddLocal(emitter.Types.IntPtr);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.ToUtf8);
        emitter.IL.Emit(OpCodes.Stloc, native);
    }

    public override void EmitLoad(AdapterEmitter emitter) => emitter.IL.Emit(OpCodes.Ldloc, native!);

    public override void EmitCleanup(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloc, native!);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.FreeString);
    }
}
