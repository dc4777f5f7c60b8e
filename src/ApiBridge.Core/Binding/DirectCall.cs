using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// When a guest's call of a P/Invoke may go straight to its shim, with no adapter in between: the shim cannot fail
/// (it sets no last error and traces itself), and the declaration has the shim's exact shape and asks the marshaller
/// for nothing — no conversion, no last error, no marshalling attribute. Then the adapter would only forward, and
/// calling the shim directly lets the JIT inline a one-line shim (a tick count, a process id, a pseudo-handle) into
/// the guest's own code, which costs what the hand-ported .NET call costs.
/// </summary>
internal static class DirectCall
{
    public static bool Applies(AdapterPlan plan)
    {
        var guest = plan.Import.Method;
        var shim = plan.Shim.Method;
        if (!plan.Shim.CannotFail || plan.Import.SetLastError || plan.PublishSystemError || plan.TrailingDefaults.Count > 0)
            return false;
        if (guest.Parameters.Count != shim.Parameters.Count || !SameType(guest.ReturnType, shim.ReturnType) || guest.MethodReturnType.HasMarshalInfo)
            return false;
        for (var i = 0; i < guest.Parameters.Count; i++)
        {
            var parameter = guest.Parameters[i];
            if (parameter.HasMarshalInfo || parameter.IsOut || parameter.IsIn || !SameType(parameter.ParameterType, shim.Parameters[i].ParameterType))
                return false;
        }
        return true;
    }

    // Only types the marshaller passes as they are (primitives, pointers, IntPtr): a guest struct or bool never matches.
    private static bool SameType(TypeReference guest, TypeReference shim) =>
        (guest.IsPrimitive || guest.IsPointer || guest.MetadataType is MetadataType.Void or MetadataType.IntPtr or MetadataType.UIntPtr)
        && guest.FullName == shim.FullName;
}
