using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>A blittable structure passed by value, read as the shim's type of the same size (FILETIME as a 64-bit integer, say).</summary>
internal sealed class ReinterpretedStructArgument(ParameterDefinition guest, TypeReference shimType) : ArgumentAdapter(guest)
{
    public override string Kind => "struct by value";

    public override void EmitLoad(AdapterEmitter emitter)
    {
        emitter.LoadArgumentAddress(Guest);
        emitter.IL.Emit(OpCodes.Ldobj, emitter.Module.ImportReference(shimType));
    }
}
