using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding.Parameters;
using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// Binds a guest declaration to a shim by library family and resolved entry point, then plans an adapter from
/// the guest's declared types to the shim's native ones. A declaration whose shape cannot be adapted gets a
/// reason and stays as it was: never half-rewritten.
/// </summary>
public static class DeclarationBinder
{
    private const string LibraryImportAttribute = "System.Runtime.InteropServices.LibraryImportAttribute";

    public static ImportBinding Bind(PlatformImport import, ShimCatalog catalog)
    {
        var candidates = EntryPointResolver.Candidates(import.DeclaredEntryPoint, import.Family, import.CharSet, import.ExactSpelling);
        ShimExport? shim = null;
        foreach (var candidate in candidates)
        {
            if (catalog.TryFind(import.Family, candidate, out var found))
            {
                shim = found;
                break;
            }
        }
        if (shim is null)
        {
            var reason = import.Family == PlatformFamily.Other
                ? $"'{import.DeclaredLibrary}' is not a bridged library"
                : $"no shim for {import.Library}!{string.Join(" or ", candidates)} yet";
            return new ImportBinding { Import = import, Status = ImportStatus.NoShim, ResolvedEntryPoint = candidates[0], Reason = reason };
        }

        var problem = PlanAdapter(import, shim, out var plan);
        return new ImportBinding
        {
            Import = import,
            Status = problem is null ? ImportStatus.Bound : ImportStatus.Unsupported,
            ResolvedEntryPoint = shim.EntryPoint,
            Shim = shim,
            Reason = problem,
            Plan = plan,
        };
    }

    private static string? PlanAdapter(PlatformImport import, ShimExport shim, out AdapterPlan? plan)
    {
        plan = null;
        var guest = import.Method;
        var target = shim.Method;
        if (!guest.IsPreserveSig)
            return "PreserveSig = false (HRESULT to exception) is not supported";
        if (guest.CallingConvention == MethodCallingConvention.VarArg)
            return "varargs declarations are not supported";
        // C functions with optional trailing arguments (open's mode, for one) are declared with fewer parameters;
        // the shim gives those parameters defaults, which the adapter passes.
        var missing = target.Parameters.Skip(guest.Parameters.Count).ToList();
        if (guest.Parameters.Count > target.Parameters.Count || missing.Any(p => !p.IsOptional && !p.HasDefault))
            return $"declares {guest.Parameters.Count} parameters, {shim.Library}!{shim.EntryPoint} takes {target.Parameters.Count}";

        var arguments = new List<ArgumentAdapter>(guest.Parameters.Count);
        for (var i = 0; i < guest.Parameters.Count; i++)
        {
            var parameter = guest.Parameters[i];
            var shimType = target.Parameters[i].ParameterType;
            var reason = string.Empty;
            // A C variadic slot: an integer narrower than the register the shim takes is widened as the ABI passes it.
            var adapter = shim.VariadicFrom >= 0 && i >= shim.VariadicFrom && WideningArgument.Applies(parameter.ParameterType, shimType)
                ? new WideningArgument(parameter, shimType)
                : ArgumentRules.Plan(parameter, shimType, import.CharSet, out reason);
            if (adapter is null)
                return $"parameter {i + 1} ('{parameter.Name}' {parameter.ParameterType.Name}): {reason}";
            arguments.Add(adapter);
        }

        var returns = ReturnRules.Plan(guest.MethodReturnType, target.ReturnType, import.CharSet, out var returnReason);
        if (returns is null)
            return $"return type {guest.ReturnType.Name}: {returnReason}";

        plan = new AdapterPlan
        {
            Import = import,
            Shim = shim,
            Arguments = arguments,
            TrailingDefaults = missing,
            Return = returns,
            PublishSystemError = import.IsLibraryImportStub && WrapperSetsLastError(import.UserFacingMethod),
        };
        return null;
    }

    private static bool WrapperSetsLastError(MethodDefinition wrapper)
    {
        var attribute = wrapper.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == LibraryImportAttribute);
        return attribute?.Properties.Any(p => p.Name == "SetLastError" && p.Argument.Value is true) == true;
    }
}
