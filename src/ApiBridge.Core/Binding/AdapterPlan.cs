using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding.Parameters;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace ApiBridge.Core.Binding;

/// <summary>
/// How one guest P/Invoke becomes a managed method that calls its shim: the declaration keeps its name,
/// signature and every call site (including delegates and reflection), and gets a body that converts its
/// arguments as the runtime marshaller would, calls the shim, handles the last error where the marshaller
/// would, and relays the call to tracing when that is on. Guest calls of a cannot-fail shim with the same shape skip
/// the adapter altogether (<see cref="DirectCall"/>); the adapter stays for delegates and reflection.
/// </summary>
internal sealed class AdapterPlan
{
    public required PlatformImport Import { get; init; }

    public required ShimExport Shim { get; init; }

    public required IReadOnlyList<ArgumentAdapter> Arguments { get; init; }

    /// <summary>Shim parameters the guest does not declare (optional trailing C arguments): passed their defaults.</summary>
    public IReadOnlyList<ParameterDefinition> TrailingDefaults { get; init; } = Array.Empty<ParameterDefinition>();

    public required ReturnAdapter Return { get; init; }

    /// <summary>The error reaches a <c>[LibraryImport(SetLastError = true)]</c> stub, which reads the system error.</summary>
    public required bool PublishSystemError { get; init; }

    public void Apply(RuntimeApi runtime)
    {
        var method = Import.Method;
        TurnIntoManagedMethod(method);
        var emitter = new AdapterEmitter(method, runtime);
        var il = emitter.IL;
        var returnsValue = method.ReturnType.MetadataType != MetadataType.Void;
        var result = returnsValue ? emitter.AddLocal(method.ReturnType) : null;
        var needsFinally = Arguments.Any(a => a.NeedsCleanup);

        if (Import.SetLastError)
            il.Emit(OpCodes.Call, runtime.ClearLastError);

        var tryStart = il.Create(OpCodes.Nop);
        il.Append(tryStart);
        foreach (var argument in Arguments)
            argument.EmitPrepare(emitter);
        foreach (var argument in Arguments)
            argument.EmitLoad(emitter);
        foreach (var parameter in TrailingDefaults)
            EmitDefault(il, parameter);
        il.Emit(OpCodes.Call, method.Module.ImportReference(Shim.Method));
        Return.EmitConvert(emitter);
        if (result is not null)
            il.Emit(OpCodes.Stloc, result);
        foreach (var argument in Arguments)
            argument.EmitCopyBack(emitter);

        var afterCall = il.Create(OpCodes.Nop);
        if (needsFinally)
        {
            il.Emit(OpCodes.Leave, afterCall);
            var finallyStart = il.Create(OpCodes.Nop);
            il.Append(finallyStart);
            foreach (var argument in Arguments.Reverse())
                argument.EmitCleanup(emitter);
            il.Emit(OpCodes.Endfinally);
            method.Body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
            {
                TryStart = tryStart,
                TryEnd = finallyStart,
                HandlerStart = finallyStart,
                HandlerEnd = afterCall,
            });
        }
        il.Append(afterCall);

        // A shim that cannot fail logs its own calls, since direct calls of it bypass this adapter.
        if (!Shim.CannotFail)
            EmitRelay(emitter, result);
        // Publishing comes last: tracing does I/O, and the runtime's own interop would overwrite the P/Invoke error.
        if (Import.SetLastError)
            il.Emit(OpCodes.Call, runtime.PublishPInvokeError);
        if (PublishSystemError)
            il.Emit(OpCodes.Call, runtime.PublishSystemError);
        if (result is not null)
            il.Emit(OpCodes.Ldloc, result);
        il.Emit(OpCodes.Ret);
        method.Body.OptimizeMacros();
        AdapterInlining.Apply(method);
    }

    private static void EmitDefault(ILProcessor il, ParameterDefinition parameter)
    {
        var value = parameter.HasConstant ? parameter.Constant : null;
        switch (parameter.ParameterType.MetadataType)
        {
            case MetadataType.Int64:
            case MetadataType.UInt64:
                il.Emit(OpCodes.Ldc_I8, Convert.ToInt64(value ?? 0L));
                break;
            case MetadataType.Single:
                il.Emit(OpCodes.Ldc_R4, Convert.ToSingle(value ?? 0f));
                break;
            case MetadataType.Double:
                il.Emit(OpCodes.Ldc_R8, Convert.ToDouble(value ?? 0d));
                break;
            case MetadataType.IntPtr:
            case MetadataType.UIntPtr:
            case MetadataType.Pointer:
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Conv_U);
                break;
            default:
                il.Emit(OpCodes.Ldc_I4, value is null ? 0 : unchecked((int)Convert.ToInt64(value)));
                break;
        }
    }

    private static void TurnIntoManagedMethod(MethodDefinition method)
    {
        method.PInvokeInfo = null;
        method.IsPInvokeImpl = false;
        method.IsPreserveSig = false;
        method.IsInternalCall = false;
        method.IsUnmanaged = false;
        method.IsManaged = true;
        method.IsIL = true;
        method.Body = new MethodBody(method) { InitLocals = true };
    }

    private void EmitRelay(AdapterEmitter emitter, VariableDefinition? result)
    {
        var il = emitter.IL;
        var runtime = emitter.Runtime;
        var skip = il.Create(OpCodes.Nop);
        il.Emit(OpCodes.Ldsfld, runtime.RelayFlags.For(Shim.Channel, Shim.EntryPoint));
        il.Emit(OpCodes.Brfalse, skip);
        il.Emit(OpCodes.Ldstr, Shim.Channel);
        il.Emit(OpCodes.Ldstr, Import.Library);
        il.Emit(OpCodes.Ldstr, Shim.EntryPoint);
        il.Emit(OpCodes.Ldc_I4, Arguments.Count);
        il.Emit(OpCodes.Newarr, emitter.Types.Object);
        for (var i = 0; i < Arguments.Count; i++)
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldc_I4, i);
            Arguments[i].EmitTraceValue(emitter);
            il.Emit(OpCodes.Stelem_Ref);
        }
        if (result is null)
            il.Emit(OpCodes.Ldnull);
        else
        {
            il.Emit(OpCodes.Ldloc, result);
            emitter.BoxIfValueType(result.VariableType);
        }
        il.Emit(OpCodes.Call, runtime.RelayCall);
        il.Append(skip);
    }
}
