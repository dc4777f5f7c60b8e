using ApiBridge.Core.Analysis;
using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>One exported entry point implemented by a shim method.</summary>
public sealed record ShimExport(string Library, PlatformFamily Family, string Channel, string EntryPoint, MethodDefinition Method)
{
    /// <summary><c>Namespace.Type::Method</c> of the implementing shim.</summary>
    public string DisplayName => $"{Method.DeclaringType.FullName}::{Method.Name}";
}
