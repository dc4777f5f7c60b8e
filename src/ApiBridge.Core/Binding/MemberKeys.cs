using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// The one spelling of a member's identity used to match a guest's member reference with its shim:
/// <c>Name(ParamType,ParamType)</c>, with <c>this:</c> in front for instance members and <c>.ctor</c> for constructors.
/// Parameter types are compared by their full metadata names, so <c>ReadOnlySpan`1&lt;System.Char&gt;</c> overloads
/// stay apart from <c>String</c> ones.
/// </summary>
public static class MemberKeys
{
    /// <summary>The key of a method the guest calls (or a constructor it news).</summary>
    public static string Of(MethodReference method) =>
        Compose(method.HasThis && method.Name != ".ctor", method.Name, method.Parameters.Select(p => p.ParameterType));

    /// <summary>A static field load (<c>ldsfld Path::DirectorySeparatorChar</c>) is matched with the shim's property getter.</summary>
    public static string OfFieldLoad(FieldReference field) => Compose(false, "get_" + field.Name, []);

    /// <summary>
    /// The key of the BCL member a shim method replaces, by the convention of <c>ShimMembersAttribute</c>: <c>New</c>
    /// returning the replaced type is a constructor, a first parameter of the replaced type makes an instance member.
    /// </summary>
    public static string OfShim(MethodDefinition shim, string replacedType)
    {
        var parameters = shim.Parameters.Select(p => p.ParameterType).ToList();
        if (shim.Name == "New" && shim.ReturnType.FullName == replacedType)
            return Compose(false, ".ctor", parameters);
        if (parameters.Count > 0 && parameters[0].FullName == replacedType)
            return Compose(true, shim.Name, parameters.Skip(1));
        return Compose(false, shim.Name, parameters);
    }

    /// <summary>The member name in a key (<c>this:get_FullName()</c> → <c>get_FullName</c>).</summary>
    public static string NameOf(string key)
    {
        var start = key.StartsWith("this:", StringComparison.Ordinal) ? 5 : 0;
        return key[start..key.IndexOf('(', start)];
    }

    private static string Compose(bool instance, string name, IEnumerable<TypeReference> parameters) =>
        (instance ? "this:" : "") + name + "(" + string.Join(",", parameters.Select(p => p.FullName)) + ")";
}
