using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>
/// A class with sequential or explicit layout passed by value (a pointer to its fields natively). Blittable
/// classes are pinned by the marshaller, so the callee's writes are always visible; non-blittable ones are
/// copied back only when the parameter is <c>[Out]</c>. Both behaviours are reproduced.
/// </summary>
internal sealed class FormattedClassArgument(ParameterDefinition guest, bool copyBack) : ArgumentAdapter(guest)
{
    private VariableDefinition? native;

    public override string Kind => copyBack ? "formatted class in/out" : "formatted class in";

    public override bool NeedsCleanup => true;

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        native = emitter.AddLocal(emitter.Types.IntPtr);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.ClassToNative);
        emitter.IL.Emit(OpCodes.Stloc, native);
    }

    public override void EmitLoad(AdapterEmitter emitter) => emitter.IL.Emit(OpCodes.Ldloc, native!);

    public override void EmitCopyBack(AdapterEmitter emitter)
    {
        if (!copyBack)
            return;
        emitter.IL.Emit(OpCodes.Ldloc, native!);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.ClassFromNative);
    }

    public override void EmitCleanup(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloc, native!);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.ClassFree);
    }
}
