using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding;

/// <summary>What argument and return adapters need while they write IL into the adapter body.</summary>
internal sealed class AdapterEmitter
{
    public AdapterEmitter(MethodDefinition method, RuntimeApi runtime)
    {
        Method = method;
        Runtime = runtime;
        Body = method.Body;
        IL = Body.GetILProcessor();
    }

    public MethodDefinition Method { get; }

    public ModuleDefinition Module => Method.Module;

    public TypeSystem Types => Method.Module.TypeSystem;

    public RuntimeApi Runtime { get; }

    public MethodBody Body { get; }

    public ILProcessor IL { get; }

    public VariableDefinition AddLocal(TypeReference type)
    {
        var local = new VariableDefinition(type);
        Body.Variables.Add(local);
        return local;
    }

    /// <summary>A pinned managed pointer local: while it holds a reference, the GC does not move the object it points into.</summary>
    public VariableDefinition AddPinnedByRef(TypeReference elementType) =>
        AddLocal(new PinnedType(new ByReferenceType(elementType)));

    public void LoadArgument(ParameterDefinition parameter) => IL.Emit(OpCodes.Ldarg, parameter);

    public void LoadArgumentAddress(ParameterDefinition parameter) => IL.Emit(OpCodes.Ldarga, parameter);

    /// <summary>Boxes the value on the stack when its type is a value type (for relay tracing).</summary>
    public void BoxIfValueType(TypeReference type)
    {
        if (type.IsPointer || type.IsFunctionPointer)
        {
            IL.Emit(OpCodes.Conv_U);
            IL.Emit(OpCodes.Box, Types.UIntPtr);
        }
        else if (type.IsValueType || type.IsGenericParameter)
            IL.Emit(OpCodes.Box, type);
    }
}
