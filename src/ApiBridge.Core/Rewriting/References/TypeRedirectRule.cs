using ApiBridge.Core.Binding;
using Mono.Cecil;

namespace ApiBridge.Core.Rewriting.References;

/// <summary>
/// Retargets a Windows-only type to its shim: the reference keeps its identity in the module (so member
/// references, signatures, locals, fields and generic instantiations that share it follow) and now names the
/// shim type in the shim assembly. Members then bind at run time by name and signature on the shim type.
/// </summary>
public sealed class TypeRedirectRule(TypeRedirect redirect) : IReferenceRule
{
    public string TargetType => redirect.ReplacedType;

    public TypeRedirect Redirect => redirect;

    public void Apply(TypeReference reference, ModuleDefinition module)
    {
        var shim = module.ImportReference(redirect.Shim);
        reference.Namespace = shim.Namespace;
        reference.Name = shim.Name;
        reference.Scope = shim.Scope;
        reference.IsValueType = redirect.Shim.IsValueType;
    }
}
