using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>A hand-written shim that replaces one member of a platform-dependent BCL type (<c>Path.Combine</c>, <c>OperatingSystem.IsWindows</c>).</summary>
public sealed record MemberShim(string ReplacedType, string MemberKey, string GuestPlatform, string Channel, MethodDefinition Method)
{
    /// <summary><c>Namespace.Type::Method</c> of the implementing shim.</summary>
    public string DisplayName => $"{Method.DeclaringType.FullName}::{Method.Name}";
}
