using Mono.Cecil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>
/// <c>ref</c>/<c>out</c>/<c>in</c> of a blittable type to a shim that takes a managed pointer (<c>ref SYSTEMTIME</c>):
/// the guest's byref goes as it is. The GC updates it if the object it points into moves, so unlike
/// <see cref="PinnedByRefArgument"/> nothing is pinned, and an adapter without pinned locals can be inlined.
/// The marshaller passes a blittable byref without a copy too, so the shim sees the guest's own memory either way.
/// </summary>
internal sealed class ByRefArgument(ParameterDefinition guest) : ArgumentAdapter(guest)
{
    public override string Kind => "byref";

    public override void EmitLoad(AdapterEmitter emitter) => emitter.LoadArgument(Guest);

    public override void EmitTraceValue(AdapterEmitter emitter) => EmitTraceByRefTarget(emitter, Guest);
}
