using ApiBridge.Core.Binding;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace ApiBridge.Core.Rewriting.Members;

/// <summary>
/// Generates, in the guest module, one static wrapper per BCL file-system member the guest uses whose paths must
/// be translated (<see cref="PathSurface"/>): path arguments go through the guest platform's translator to the host,
/// path results come back in the guest's form, and an exception thrown inside is shown with guest paths
/// (the translator throws the translated one; otherwise the original is rethrown untouched).
/// <code>
/// static bool File_Exists(string path)
/// {
///     try { return File.Exists(Translator.ToHost(path)); }
///     catch (Exception e) { Translator.ThrowAsGuest(e); throw; }
/// }
/// </code>
/// </summary>
internal sealed class PathWrappers
{
    public const string HolderName = "<ApiBridge>ManagedView";

    private readonly ModuleDefinition module;
    private readonly TypeDefinition translator;
    private readonly Dictionary<string, MethodReference> imported = new(StringComparer.Ordinal);
    private TypeDefinition? holder;

    public PathWrappers(ModuleDefinition module, TypeDefinition translator)
    {
        this.module = module;
        this.translator = translator;
    }

    /// <summary>The generated class (null until the first wrapper).</summary>
    public TypeDefinition? Holder => holder;

    /// <summary>The wrapper for <paramref name="member"/>, generated on first use; null when none of its paths need translating.</summary>
    public MethodReference? For(MethodReference member) =>
        Resolve(member) is { } definition && PathSurface.Plan(definition) is { } plan ? Generate(member, definition, plan) : null;

    /// <summary>What a wrapper would translate, without generating it (for analysis).</summary>
    public WrapperPlan? Plan(MethodReference member) => Resolve(member) is { } definition ? PathSurface.Plan(definition) : null;

    private static MethodDefinition? Resolve(MethodReference member)
    {
        try
        {
            return member.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    private MethodDefinition Generate(MethodReference member, MethodDefinition definition, WrapperPlan plan)
    {
        var isConstructor = definition.IsConstructor;
        var isInstance = member.HasThis && !isConstructor;
        var returnType = isConstructor ? member.DeclaringType : member.ReturnType;
        var wrapper = new MethodDefinition(
            $"{member.DeclaringType.Name}_{(isConstructor ? "New" : member.Name)}_{Holder_().Methods.Count}",
            MethodAttributes.Assembly | MethodAttributes.Static | MethodAttributes.HideBySig, returnType);
        if (isInstance)
            wrapper.Parameters.Add(new ParameterDefinition("self", ParameterAttributes.None, member.DeclaringType));
        foreach (var parameter in member.Parameters)
            wrapper.Parameters.Add(new ParameterDefinition(parameter.Name, ParameterAttributes.None, parameter.ParameterType));
        holder!.Methods.Add(wrapper);

        var body = wrapper.Body;
        var il = body.GetILProcessor();
        var returns = returnType.FullName != "System.Void";
        var result = returns ? new VariableDefinition(returnType) : null;
        if (result is not null)
            body.Variables.Add(result);
        body.InitLocals = true;

        var tryStart = Instruction.Create(OpCodes.Nop);
        il.Append(tryStart);
        var argument = 0;
        if (isInstance)
            il.Emit(OpCodes.Ldarg, wrapper.Parameters[argument++]);
        for (var i = 0; i < member.Parameters.Count; i++)
        {
            il.Emit(OpCodes.Ldarg, wrapper.Parameters[argument++]);
            if (TranslatorName(plan.Parameters[i]) is { } name)
                // A translator without a share-checking form (POSIX guests have no share modes) resolves as ToHost.
                il.Emit(OpCodes.Call, Translator(HasTranslator(name, "System.String") ? name : "ToHost", "System.String"));
        }
        il.Emit(isConstructor ? OpCodes.Newobj : isInstance ? OpCodes.Callvirt : OpCodes.Call, member);
        if (plan.Result == PathTranslation.ToGuest && HasTranslator("ToGuest", returnType.FullName))
            il.Emit(OpCodes.Call, Translator("ToGuest", returnType.FullName));
        if (plan.Result == PathTranslation.ToGuestAsTyped && TypedPathArgument(plan) is { } typed
            && HasTranslator("AsTyped", returnType.FullName, "System.String"))
        {
            il.Emit(OpCodes.Ldarg, wrapper.Parameters[(isInstance ? 1 : 0) + typed]);
            il.Emit(OpCodes.Call, Translator("AsTyped", returnType.FullName, "System.String"));
        }
        if (plan.GuestNewLine && HasTranslator("UseGuestNewLine", "System.IO.TextWriter"))
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Call, Translator("UseGuestNewLine", "System.IO.TextWriter"));
        }
        if (result is not null)
            il.Emit(OpCodes.Stloc, result);
        var end = result is not null ? Instruction.Create(OpCodes.Ldloc, result) : Instruction.Create(OpCodes.Ret);
        il.Emit(OpCodes.Leave, end);

        var handlerStart = Instruction.Create(OpCodes.Call, Translator("ThrowAsGuest", "System.Exception"));
        il.Append(handlerStart);
        il.Emit(OpCodes.Rethrow);
        il.Append(end);
        if (result is not null)
            il.Emit(OpCodes.Ret);

        body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Catch)
        {
            TryStart = tryStart,
            TryEnd = handlerStart,
            HandlerStart = handlerStart,
            HandlerEnd = end,
            CatchType = module.ImportReference(TranslatorMethod("ThrowAsGuest", "System.Exception").Parameters[0].ParameterType),
        });
        body.OptimizeMacros();
        return wrapper;
    }

    /// <summary>The first argument resolved to the host: the path the guest typed for a result made from it.</summary>
    private static int? TypedPathArgument(WrapperPlan plan)
    {
        for (var i = 0; i < plan.Parameters.Count; i++)
            if (TranslatorName(plan.Parameters[i]) is not null)
                return i;
        return null;
    }

    private static string? TranslatorName(PathTranslation translation) => translation switch
    {
        PathTranslation.None or PathTranslation.ToGuest or PathTranslation.ToGuestAsTyped => null,
        _ => translation.ToString(),
    };

    private TypeDefinition Holder_()
    {
        if (holder is null)
        {
            holder = new TypeDefinition("", HolderName,
                TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit | TypeAttributes.Class,
                module.TypeSystem.Object);
            module.Types.Add(holder);
        }
        return holder;
    }

    private MethodReference Translator(string name, params string[] parameterTypes)
    {
        var key = name + "(" + string.Join(",", parameterTypes) + ")";
        if (!imported.TryGetValue(key, out var reference))
            imported[key] = reference = module.ImportReference(TranslatorMethod(name, parameterTypes));
        return reference;
    }

    private bool HasTranslator(string name, params string[] parameterTypes) => FindTranslator(name, parameterTypes) is not null;

    private MethodDefinition? FindTranslator(string name, string[] parameterTypes) =>
        translator.Methods.SingleOrDefault(m => m.IsStatic && m.IsPublic && m.Name == name && m.Parameters.Count == parameterTypes.Length
            && m.Parameters.Select(p => p.ParameterType.FullName).SequenceEqual(parameterTypes));

    private MethodDefinition TranslatorMethod(string name, params string[] parameterTypes) =>
        FindTranslator(name, parameterTypes)
        ?? throw new Output.PayloadMismatchException($"{translator.FullName} has no {name}({string.Join(", ", parameterTypes)})");
}
