using ApiBridge.Core.Binding;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace ApiBridge.Core.Rewriting.Native;

/// <summary>
/// Translates the path arguments of P/Invokes into native libraries the bridge does not shim (a package's SQLite,
/// say): those libraries are the host's builds, so a Windows guest's <c>C:\users\root\Temp\app.db</c> must reach
/// them as the host path the guest file system maps it to, or the library makes a file literally named so in the
/// current folder. As with bound imports, the declaration itself becomes the wrapper, so every call site, delegate
/// and function pointer follows; the native call moves to a new private extern beside it:
/// <code>
/// static int sqlite3_open_v2(byte* filename, out IntPtr db, int flags, byte* vfs)
/// {
///     nint buffer = 0;
///     try { return &lt;ApiBridge&gt;native_sqlite3_open_v2(Translator.ToHostForNative(filename, ref buffer), out db, flags, vfs); }
///     finally { Translator.FreeForNative(buffer); }
/// }
/// </code>
/// Which parameters are paths is <see cref="NativePathParameters"/>'s to say; the translator is the managed view's.
/// </summary>
public static class NativePathRule
{
    public const string NativePrefix = "<ApiBridge>native_";

    /// <summary>True when any import is a candidate (cheap: no call sites are looked for).</summary>
    public static bool Applies(IEnumerable<ImportBinding> bindings) => Candidates(bindings).Any();

    /// <summary>The imports whose path arguments the rule translates, without changing anything (for analysis).</summary>
    public static IReadOnlyList<NativePathCall> Survey(IEnumerable<ImportBinding> bindings) =>
        Candidates(bindings).Select(c => Describe(c.Binding, c.Paths)).ToList();

    /// <summary>Wraps every candidate declaration of the module; returns what it wrapped.</summary>
    public static IReadOnlyList<NativePathCall> Rewrite(ModuleDefinition module, IEnumerable<ImportBinding> bindings, TypeDefinition translator)
    {
        var candidates = Candidates(bindings).ToList();
        // Described (call sites counted) before any body changes.
        var done = candidates.Select(c => Describe(c.Binding, c.Paths)).ToList();
        var methods = new TranslatorMethods(module, translator);
        foreach (var (binding, paths) in candidates)
            Wrap(binding.Import.Method, paths, methods);
        return done;
    }

    private static IEnumerable<(ImportBinding Binding, IReadOnlyList<NativePathParameter> Paths)> Candidates(IEnumerable<ImportBinding> bindings)
    {
        foreach (var binding in bindings)
        {
            // A bound import (a test shim may claim any library) already goes to managed code that sees guest paths.
            // A varargs declaration cannot be given a managed body that forwards its extra arguments.
            var method = binding.Import.Method;
            if (binding.Status == ImportStatus.Bound || !method.IsStatic || method.CallingConvention == MethodCallingConvention.VarArg)
                continue;
            var paths = NativePathParameters.Of(binding.Import);
            if (paths.Count > 0)
                yield return (binding, paths);
        }
    }

    private static NativePathCall Describe(ImportBinding binding, IReadOnlyList<NativePathParameter> paths) => new(
        binding.Import.Library, binding.Import.DeclaredEntryPoint, binding.Import.DisplayName,
        paths.Select(p => $"{p.Name} ({Word(p.Encoding)})").ToList(), binding.Import.CallSites);

    private static string Word(NativePathEncoding encoding) => encoding switch
    {
        NativePathEncoding.Utf8Pointer => "utf8 pointer",
        NativePathEncoding.Utf16Pointer => "utf16 pointer",
        _ => "string",
    };

    private static void Wrap(MethodDefinition declaration, IReadOnlyList<NativePathParameter> paths, TranslatorMethods translator)
    {
        var native = NativeTwin.Split(declaration, NativePrefix);
        var body = declaration.Body;
        var il = body.GetILProcessor();
        var returns = declaration.ReturnType.MetadataType != MetadataType.Void;
        var result = returns ? new VariableDefinition(declaration.ReturnType) : null;
        if (result is not null)
            body.Variables.Add(result);
        var buffers = new List<VariableDefinition>();

        var tryStart = il.Create(OpCodes.Nop);
        il.Append(tryStart);
        for (var i = 0; i < declaration.Parameters.Count; i++)
        {
            il.Emit(OpCodes.Ldarg, declaration.Parameters[i]);
            var path = paths.FirstOrDefault(p => p.Index == i);
            if (path is null)
                continue;
            if (path.Encoding == NativePathEncoding.String)
            {
                il.Emit(OpCodes.Call, translator.ForString);
                continue;
            }
            var buffer = new VariableDefinition(declaration.Module.TypeSystem.IntPtr);
            body.Variables.Add(buffer);
            buffers.Add(buffer);
            il.Emit(OpCodes.Ldloca, buffer);
            il.Emit(OpCodes.Call, path.Encoding == NativePathEncoding.Utf8Pointer ? translator.ForUtf8 : translator.ForUtf16);
        }
        il.Emit(OpCodes.Call, native);
        if (result is not null)
            il.Emit(OpCodes.Stloc, result);
        var end = result is not null ? il.Create(OpCodes.Ldloc, result) : il.Create(OpCodes.Ret);
        if (buffers.Count == 0)
        {
            il.Append(end);
        }
        else
        {
            // The host path's buffer lives exactly as long as the call, freed even when the translation or call throws.
            il.Emit(OpCodes.Leave, end);
            var handlerStart = il.Create(OpCodes.Ldloc, buffers[0]);
            il.Append(handlerStart);
            il.Emit(OpCodes.Call, translator.Free);
            foreach (var buffer in buffers.Skip(1))
            {
                il.Emit(OpCodes.Ldloc, buffer);
                il.Emit(OpCodes.Call, translator.Free);
            }
            il.Emit(OpCodes.Endfinally);
            il.Append(end);
            body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
            {
                TryStart = tryStart,
                TryEnd = handlerStart,
                HandlerStart = handlerStart,
                HandlerEnd = end,
            });
        }
        if (result is not null)
            il.Emit(OpCodes.Ret);
        body.OptimizeMacros();
    }

    /// <summary>The translator's native-argument methods, imported into the guest module once.</summary>
    private sealed class TranslatorMethods(ModuleDefinition module, TypeDefinition translator)
    {
        private MethodReference? forString, forUtf8, forUtf16, free;

        // Imported on first use, so the module references only the overloads its declarations need.
        public MethodReference ForString => forString ??= Import(module, translator, "ToHostForNative", "System.String");
        public MethodReference ForUtf8 => forUtf8 ??= Import(module, translator, "ToHostForNative", "System.Byte*", "System.IntPtr&");
        public MethodReference ForUtf16 => forUtf16 ??= Import(module, translator, "ToHostForNative", "System.Char*", "System.IntPtr&");
        public MethodReference Free => free ??= Import(module, translator, "FreeForNative", "System.IntPtr");

        private static MethodReference Import(ModuleDefinition module, TypeDefinition translator, string name, params string[] parameters)
        {
            var method = translator.Methods.SingleOrDefault(m => m.IsStatic && m.IsPublic && m.Name == name
                && m.Parameters.Select(p => p.ParameterType.FullName).SequenceEqual(parameters))
                ?? throw new Output.PayloadMismatchException($"{translator.FullName} has no {name}({string.Join(", ", parameters)})");
            return module.ImportReference(method);
        }
    }
}
