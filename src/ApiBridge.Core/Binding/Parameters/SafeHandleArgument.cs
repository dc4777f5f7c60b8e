using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>A <see cref="System.Runtime.InteropServices.SafeHandle"/> input: kept alive (AddRef) for the call, its value passed, released after.</summary>
internal sealed class SafeHandleArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    private VariableDefinition? value;
    private VariableDefinition? added;

    public override string Kind => "SafeHandle value";

    public override bool NeedsCleanup => true;

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        value = emitter.AddLocal(emitter.Types.IntPtr);
        added = emitter.AddLocal(emitter.Types.Boolean);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.SafeHandleAddRef);
        emitter.IL.Emit(OpCodes.Stloc, value);
        emitter.IL.Emit(OpCodes.Ldc_I4_1);
        emitter.IL.Emit(OpCodes.Stloc, added);
    }

    public override void EmitLoad(AdapterEmitter emitter) => emitter.IL.Emit(OpCodes.Ldloc, value!);

    public override void EmitCleanup(AdapterEmitter emitter)
    {
        // Release only what this call added: an earlier argument may have thrown before AddRef ran.
        var skip = Instruction.Create(OpCodes.Nop);
        emitter.IL.Emit(OpCodes.Ldloc, added!);
        emitter.IL.Emit(OpCodes.Brfalse, skip);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.SafeHandleRelease);
        emitter.IL.Append(skip);
    }
}
