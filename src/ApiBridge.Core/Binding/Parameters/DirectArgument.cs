using Mono.Cecil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>
/// Same bits on both sides: integers of one size, pointers and native ints, enums, and <c>bool</c> for a
/// 32-bit BOOL (a CLR bool on the evaluation stack already is the int32 0 or 1).
/// </summary>
internal sealed class DirectArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    public override string Kind => "direct";

    public override void EmitLoad(AdapterEmitter emitter) => emitter.LoadArgument(Guest);
}
