using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// One <c>static readonly bool</c> per traced function in a rewritten module, set once from
/// <c>Relay.IsOn(channel, function)</c> by the class constructor of a generated <c>&lt;ApiBridge&gt;RelayFlags</c> type.
/// Adapters test their flag only: once the class is initialized the JIT folds it to a constant, so a call pays
/// nothing for tracing whether tracing is off or on for other channels and functions.
/// </summary>
internal sealed class RelayFlags
{
    private const string TypeName = "<ApiBridge>RelayFlags";

    private readonly ModuleDefinition module;
    private readonly MethodReference isOn;
    private readonly Dictionary<string, FieldDefinition> fields = new(StringComparer.Ordinal);
    private TypeDefinition? type;
    private MethodDefinition? initializer;

    public RelayFlags(ModuleDefinition module, MethodReference isOn)
    {
        this.module = module;
        this.isOn = isOn;
    }

    /// <summary>The flag of <paramref name="function"/> on <paramref name="channel"/>, made on first use.</summary>
    public FieldReference For(string channel, string function)
    {
        var name = channel + ":" + function;
        if (fields.TryGetValue(name, out var existing))
            return existing;
        EnsureType();
        var field = new FieldDefinition(name, FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly, module.TypeSystem.Boolean);
        type!.Fields.Add(field);
        fields[name] = field;
        var il = initializer!.Body.GetILProcessor();
        var ret = initializer.Body.Instructions[^1];
        il.InsertBefore(ret, il.Create(OpCodes.Ldstr, channel));
        il.InsertBefore(ret, il.Create(OpCodes.Ldstr, function));
        il.InsertBefore(ret, il.Create(OpCodes.Call, isOn));
        il.InsertBefore(ret, il.Create(OpCodes.Stsfld, field));
        return field;
    }

    private void EnsureType()
    {
        if (type is not null)
            return;
        type = new TypeDefinition(string.Empty, TypeName,
            TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit,
            module.TypeSystem.Object);
        initializer = new MethodDefinition(".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            module.TypeSystem.Void);
        initializer.Body.GetILProcessor().Emit(OpCodes.Ret);
        type.Methods.Add(initializer);
        module.Types.Add(type);
    }
}
