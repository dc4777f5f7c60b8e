using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Analysis;

/// <summary>
/// Finds every P/Invoke declaration of a module and counts the call sites that reach it. The runtime's
/// <c>QCall</c> pseudo-module is skipped: it is the runtime calling itself, not platform API.
/// </summary>
public static class PlatformImportScanner
{
    private const string LibraryImportAttribute = "System.Runtime.InteropServices.LibraryImportAttribute";

    public static IReadOnlyList<PlatformImport> Scan(ModuleDefinition module, bool windowsGuestHint = true)
    {
        var declarations = new List<MethodDefinition>();
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods)
            {
                if (method.IsPInvokeImpl && method.PInvokeInfo?.Module is not null && !LibraryName.IsQCall(method.PInvokeInfo.Module.Name))
                    declarations.Add(method);
            }
        }
        if (declarations.Count == 0)
            return Array.Empty<PlatformImport>();

        // Built on first use, once for the module: see PlatformImport's constructor.
        var callers = new Lazy<CallGraph>(() => CallGraph.Build(module));
        var imports = new List<PlatformImport>(declarations.Count);
        foreach (var method in declarations)
            imports.Add(Describe(method, callers));
        return imports;
    }

    private static PlatformImport Describe(MethodDefinition method, Lazy<CallGraph> callers)
    {
        var info = method.PInvokeInfo;
        var (library, family) = LibraryName.Normalize(info.Module.Name);
        return new PlatformImport(new Lazy<ImportCallers>(() => CallersOf(method, callers.Value)))
        {
            Method = method,
            DeclaredLibrary = info.Module.Name,
            Library = library,
            Family = family,
            DeclaredEntryPoint = string.IsNullOrEmpty(info.EntryPoint) ? method.Name : info.EntryPoint,
            CharSet = CharSetOf(info, family),
            ExactSpelling = info.IsNoMangle,
            SetLastError = info.SupportsLastError,
        };
    }

    private static ImportCallers CallersOf(MethodDefinition method, CallGraph callers)
    {
        var wrapper = FindLibraryImportWrapper(method, callers);
        var userFacing = wrapper ?? method;
        return new ImportCallers(userFacing, wrapper is not null, callers.SitesOf(userFacing));
    }

    private static StringCharSet CharSetOf(PInvokeInfo info, PlatformFamily family)
    {
        if (info.IsCharSetUnicode)
            return StringCharSet.Unicode;
        // CharSet.Auto is Unicode on Windows and UTF-8 ("ANSI") elsewhere.
        if (info.IsCharSetAuto)
            return family == PlatformFamily.Posix ? StringCharSet.Ansi : StringCharSet.Unicode;
        return StringCharSet.Ansi;
    }

    // The LibraryImport source generator emits the real P/Invoke as a local function of the partial method
    // the user declared ("<Name>g____PInvoke|…"); that partial method, carrying [LibraryImport], is what guests call.
    private static MethodDefinition? FindLibraryImportWrapper(MethodDefinition pinvoke, CallGraph callers)
    {
        foreach (var caller in callers.CallersOf(pinvoke))
        {
            if (caller.CustomAttributes.Any(a => a.AttributeType.FullName == LibraryImportAttribute))
                return caller;
        }
        return null;
    }

    /// <summary>
    /// Who calls a method inside one module, worked out per callee when asked: only the bodies the module's
    /// <see cref="MethodBodyIndex"/> says name a method of the callee's name are decoded (every body when there is no
    /// index), in the module's order, and each call is resolved exactly as before.
    /// </summary>
    private sealed class CallGraph
    {
        private readonly ModuleDefinition module;
        private readonly MethodBodyIndex? index;
        private readonly Dictionary<MethodDefinition, List<(MethodDefinition Caller, Instruction Call)>> sites = new();

        private CallGraph(ModuleDefinition module)
        {
            this.module = module;
            index = MethodBodyIndex.For(module);
        }

        public static CallGraph Build(ModuleDefinition module) => new(module);

        public IEnumerable<MethodDefinition> CallersOf(MethodDefinition callee) => SitesOf(callee).Select(s => s.Caller).Distinct();

        public IReadOnlyList<(MethodDefinition Caller, Instruction Call)> SitesOf(MethodDefinition callee)
        {
            if (sites.TryGetValue(callee, out var known))
                return known;
            var calls = new List<(MethodDefinition, Instruction)>();
            // A call resolves to the callee only through a reference of the callee's own name.
            var candidates = index?.MethodsUsingName(callee.Name);
            foreach (var type in module.GetTypes())
            {
                foreach (var method in type.Methods)
                {
                    if (!method.HasBody || candidates is not null && !MethodBodyIndex.Includes(candidates, method))
                        continue;
                    foreach (var instruction in method.Body.Instructions)
                    {
                        if (instruction.OpCode.OperandType != OperandType.InlineMethod || instruction.Operand is not MethodReference reference)
                            continue;
                        if (reference.Name == callee.Name && ResolveLocal(reference, module) == callee)
                            calls.Add((method, instruction));
                    }
                }
            }
            sites[callee] = calls;
            return calls;
        }

        private static MethodDefinition? ResolveLocal(MethodReference reference, ModuleDefinition module)
        {
            if (reference is MethodDefinition definition)
                return definition;
            var elementMethod = reference.GetElementMethod();
            if (elementMethod is MethodDefinition elementDefinition)
                return elementDefinition;
            // A reference into this module through a generic instance type: resolve without leaving the module.
            if (elementMethod.DeclaringType?.GetElementType() is TypeDefinition)
            {
                try
                {
                    var resolved = elementMethod.Resolve();
                    return resolved?.Module == module ? resolved : null;
                }
                catch (AssemblyResolutionException)
                {
                    return null;
                }
            }
            return null;
        }
    }
}
