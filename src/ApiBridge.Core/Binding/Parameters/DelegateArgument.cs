using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>A delegate (callback) input: its native entry point is passed, and the delegate is kept alive until the call returns.</summary>
internal sealed class DelegateArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    public override string Kind => "callback";

    public override bool NeedsCleanup => true;

    public override void EmitLoad(AdapterEmitter emitter)
    {
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.DelegateToPointer);
    }

    public override void EmitCleanup(AdapterEmitter emitter)
    {
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.DelegateKeepAlive);
    }
}
