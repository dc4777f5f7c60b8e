using Mono.Cecil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>
/// Converts one guest argument to the shim's native shape, the way the runtime marshaller would, in phases
/// the adapter body lays out: prepare (inside the try), load (push the native value), copy back (after the
/// call, on success) and clean up (in the finally).
/// </summary>
internal abstract class ArgumentAdapter
{
    protected ArgumentAdapter(ParameterDefinition guest) => Guest = guest;

    public ParameterDefinition Guest { get; }

    /// <summary>Short description of the conversion, for analysis output and tests.</summary>
    public abstract string Kind { get; }

    /// <summary>True when <see cref="EmitCleanup"/> has work, so the body needs a try/finally.</summary>
    public virtual bool NeedsCleanup => false;

    public virtual void EmitPrepare(AdapterEmitter emitter)
    {
    }

    public abstract void EmitLoad(AdapterEmitter emitter);

    public virtual void EmitCopyBack(AdapterEmitter emitter)
    {
    }

    public virtual void EmitCleanup(AdapterEmitter emitter)
    {
    }

    /// <summary>Pushes the argument as an object for relay tracing (after the call, so out-values show).</summary>
    public virtual void EmitTraceValue(AdapterEmitter emitter)
    {
        emitter.LoadArgument(Guest);
        emitter.BoxIfValueType(Guest.ParameterType);
    }

    /// <summary>Byref arguments trace the value they point to.</summary>
    protected static void EmitTraceByRefTarget(AdapterEmitter emitter, ParameterDefinition guest)
    {
        var element = ((ByReferenceType)guest.ParameterType).ElementType;
        emitter.LoadArgument(guest);
        if (element.IsPointer || element.IsFunctionPointer)
        {
            emitter.IL.Emit(Mono.Cecil.Cil.OpCodes.Ldind_I);
            emitter.BoxIfValueType(element);
            return;
        }
        emitter.IL.Emit(Mono.Cecil.Cil.OpCodes.Ldobj, element);
        emitter.BoxIfValueType(element);
    }
}
