using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary><c>out</c> of a SafeHandle type: the shim writes a raw handle; a new SafeHandle owning it is stored after the call.</summary>
internal sealed class OutSafeHandleArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    private VariableDefinition? raw;

    public override string Kind => "out SafeHandle";

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        raw = emitter.AddLocal(emitter.Types.IntPtr);
    }

    public override void EmitLoad(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloca, raw!);
        emitter.IL.Emit(OpCodes.Conv_U);
    }

    public override void EmitCopyBack(AdapterEmitter emitter)
    {
        var handleType = ((ByReferenceType)Guest.ParameterType).ElementType;
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Ldloc, raw!);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.SafeHandleCreate(handleType));
        emitter.IL.Emit(OpCodes.Stind_Ref);
    }

    public override void EmitTraceValue(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloc, raw!);
        emitter.IL.Emit(OpCodes.Box, emitter.Types.IntPtr);
    }
}
