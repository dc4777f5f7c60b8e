using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>
/// <c>ref</c>/<c>out</c>/<c>in</c> of a non-blittable structure (string or bool fields, ByValTStr): a native copy
/// made with Marshal.StructureToPtr — the marshaller's own layout rules — copied back unless the direction is in only.
/// </summary>
internal sealed class MarshalledStructArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    private VariableDefinition? native;

    public override string Kind => "marshalled struct copy";

    public override bool NeedsCleanup => true;

    private TypeReference Element => ((ByReferenceType)Guest.ParameterType).ElementType;

    private bool IsOutOnly => Guest.IsOut && !Guest.IsIn;

    private bool IsInOnly => Guest.IsIn && !Guest.IsOut;

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        native = emitter.AddLocal(emitter.Types.IntPtr);
        if (IsOutOnly)
        {
            emitter.IL.Emit(OpCodes.Call, emitter.Runtime.StructAllocate(Element));
        }
        else
        {
            emitter.LoadArgument(Guest);
            emitter.IL.Emit(OpCodes.Call, emitter.Runtime.StructToNative(Element));
        }
        emitter.IL.Emit(OpCodes.Stloc, native);
    }

    public override void EmitLoad(AdapterEmitter emitter) => emitter.IL.Emit(OpCodes.Ldloc, native!);

    public override void EmitCopyBack(AdapterEmitter emitter)
    {
        if (IsInOnly)
            return;
        emitter.IL.Emit(OpCodes.Ldloc, native!);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.StructFromNative(Element));
    }

    public override void EmitCleanup(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloc, native!);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.StructFree(Element));
    }

    public override void EmitTraceValue(AdapterEmitter emitter) => EmitTraceByRefTarget(emitter, Guest);
}
