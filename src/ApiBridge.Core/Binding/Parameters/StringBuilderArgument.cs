using ApiBridge.Core.Analysis;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>
/// A <see cref="System.Text.StringBuilder"/> buffer: a native buffer of its capacity plus the terminator,
/// holding its contents going in; what the shim wrote is copied back after the call (in/out, the marshaller's default).
/// </summary>
internal sealed class StringBuilderArgument(ParameterDefinition guest, StringCharSet charSet) : ArgumentAdapter(guest)
{
    private VariableDefinition? native;

    public override string Kind => charSet == StringCharSet.Unicode ? "StringBuilder UTF-16 buffer" : "StringBuilder UTF-8 buffer";

    public override bool NeedsCleanup => true;

    public override void EmitPrepare(AdapterEmitter emitter)
    {
        native = emitter.AddLocal(emitter.Types.IntPtr);
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Call, charSet == StringCharSet.Unicode ? emitter.Runtime.ToUtf16Buffer : emitter.Runtime.ToUtf8Buffer);
        emitter.IL.Emit(OpCodes.Stloc, native);
    }

    public override void EmitLoad(AdapterEmitter emitter) => emitter.IL.Emit(OpCodes.Ldloc, native!);

    public override void EmitCopyBack(AdapterEmitter emitter)
    {
        emitter.LoadArgument(Guest);
        emitter.IL.Emit(OpCodes.Ldloc, native!);
        emitter.IL.Emit(OpCodes.Call, charSet == StringCharSet.Unicode ? emitter.Runtime.FromUtf16Buffer : emitter.Runtime.FromUtf8Buffer);
    }

    public override void EmitCleanup(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldloc, native!);
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.FreeString);
    }
}
