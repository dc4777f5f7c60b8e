using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// Native entry points for shim exports, for GetProcAddress: a guest that binds a function pointer or a delegate to
/// what GetProcAddress returned calls the shim through it. Each export gets, once, an emitted
/// <c>[UnmanagedCallersOnly]</c> thunk of its native shape (pointers as native ints) that calls the shim and then
/// publishes the shim's last error
/// as the host's own (errno / GetLastError), which is what the runtime reads after a <c>SetLastError=true</c> delegate
/// or <c>Marshal.GetLastSystemError</c>. Thunks live as long as the process, as a loaded DLL's code does.
/// </summary>
public static class ExportThunks
{
    private static readonly ConcurrentDictionary<MethodInfo, nint> Made = new();
    private static readonly Lazy<ModuleBuilder> Types = new(() => AssemblyBuilder
        .DefineDynamicAssembly(new AssemblyName("ApiBridge.ExportThunks"), AssemblyBuilderAccess.Run).DefineDynamicModule("thunks"));
    private static readonly MethodInfo Publish = typeof(LastError).GetMethod(nameof(LastError.PublishToSystemError))!;
    private static int typeCount;

    /// <summary>The exports of one shimmed library (<c>kernel32</c>, <c>advapi32</c>) by exact entry-point name.</summary>
    public static IReadOnlyDictionary<string, MethodInfo> ExportsOf(string library) => Libraries.GetOrAdd(library, Read);

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, MethodInfo>> Libraries = new(StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, MethodInfo> Read(string library)
    {
        var exports = new Dictionary<string, MethodInfo>(StringComparer.Ordinal);
        foreach (var type in typeof(ExportThunks).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<ShimLibraryAttribute>()?.Library != library)
                continue;
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                foreach (var export in method.GetCustomAttributes<ShimExportAttribute>())
                    exports[export.EntryPoint] = method;
            }
        }
        return exports;
    }

    /// <summary>A native pointer that calls <paramref name="export"/>; the same one on every call.</summary>
    public static nint PointerTo(MethodInfo export) => Made.GetOrAdd(export, Make);

    private static nint Make(MethodInfo export)
    {
        var parameters = export.GetParameters().Select(p => Native(p.ParameterType)).ToArray();
        var result = Native(export.ReturnType);
        lock (Types)
        {
            // An [UnmanagedCallersOnly] method, not a delegate's reverse thunk: the runtime hands a delegate's own
            // thunk back as that delegate to Marshal.GetDelegateForFunctionPointer, and the guest's cast would fail.
            var type = Types.Value.DefineType("Thunk" + typeCount++ + "_" + export.Name, TypeAttributes.Public | TypeAttributes.Sealed
                | TypeAttributes.Abstract);
            var thunk = type.DefineMethod("Call", MethodAttributes.Public | MethodAttributes.Static, result, parameters);
            thunk.SetCustomAttribute(new CustomAttributeBuilder(typeof(UnmanagedCallersOnlyAttribute).GetConstructor(Type.EmptyTypes)!, []));
            var il = thunk.GetILGenerator();
            for (short i = 0; i < parameters.Length; i++)
                il.Emit(OpCodes.Ldarg, i);
            il.Emit(OpCodes.Call, export);
            il.Emit(OpCodes.Call, Publish);
            il.Emit(OpCodes.Ret);
            var made = type.CreateType().GetMethod("Call")!;
            return made.MethodHandle.GetFunctionPointer();
        }
    }

    /// <summary>A pointer is a native int at the ABI; everything else a shim takes is already blittable.</summary>
    private static Type Native(Type type) => type.IsPointer || type.IsByRef ? typeof(nint) : type;
}
