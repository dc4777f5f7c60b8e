using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Rewriting.Native;

/// <summary>
/// Splits a P/Invoke declaration in two: a private extern twin that makes the very same native call (library,
/// entry point, calling convention, marshalling, SetLastError, interop attributes), and the original method, now an
/// empty managed method with the guest-visible name and signature for the caller to fill in.
/// </summary>
internal static class NativeTwin
{
    public static MethodDefinition Split(MethodDefinition declaration, string prefix)
    {
        var info = declaration.PInvokeInfo;
        var twin = new MethodDefinition(prefix + declaration.Name,
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.PInvokeImpl,
            declaration.ReturnType)
        {
            ImplAttributes = declaration.ImplAttributes,
            // The entry point is spelled out: left empty, the runtime would look for the twin's own name.
            PInvokeInfo = new PInvokeInfo(info.Attributes, string.IsNullOrEmpty(info.EntryPoint) ? declaration.Name : info.EntryPoint, info.Module),
        };
        twin.MethodReturnType.Attributes = declaration.MethodReturnType.Attributes;
        twin.MethodReturnType.MarshalInfo = declaration.MethodReturnType.MarshalInfo;
        foreach (var parameter in declaration.Parameters)
        {
            var copy = new ParameterDefinition(parameter.Name, parameter.Attributes, parameter.ParameterType) { MarshalInfo = parameter.MarshalInfo };
            if (parameter.HasConstant)
                copy.Constant = parameter.Constant;
            twin.Parameters.Add(copy);
        }
        // [DefaultDllImportSearchPaths], [SuppressGCTransition], [UnmanagedCallConv], [SuppressUnmanagedCodeSecurity]
        // shape the native call, so they go with it.
        foreach (var attribute in declaration.CustomAttributes.Where(IsInteropAttribute).ToList())
        {
            declaration.CustomAttributes.Remove(attribute);
            twin.CustomAttributes.Add(attribute);
        }
        declaration.DeclaringType.Methods.Add(twin);

        declaration.PInvokeInfo = null;
        declaration.IsPInvokeImpl = false;
        declaration.IsPreserveSig = false;
        declaration.IsInternalCall = false;
        declaration.IsUnmanaged = false;
        declaration.IsManaged = true;
        declaration.IsIL = true;
        declaration.Body = new MethodBody(declaration) { InitLocals = true };
        return twin;
    }

    private static bool IsInteropAttribute(CustomAttribute attribute) =>
        attribute.AttributeType.Namespace is "System.Runtime.InteropServices" or "System.Security";
}
