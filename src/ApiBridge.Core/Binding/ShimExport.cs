using ApiBridge.Core.Analysis;
using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>One exported entry point implemented by a shim method.</summary>
/// <param name="CannotFail">
/// <c>[ShimExport(CannotFail = true)]</c>: the shim never sets the last error and traces itself, so adapters relay
/// nothing and guest calls of the shim's exact shape may call it directly (<see cref="DirectCall"/>).
/// </param>
/// <param name="VariadicFrom">
/// <c>[ShimExport(VariadicFrom = n)]</c>: parameters from index n on are C variadic slots, which take a narrower
/// integer argument widened (<see cref="Parameters.WideningArgument"/>); -1 for none.
/// </param>
public sealed record ShimExport(string Library, PlatformFamily Family, string Channel, string EntryPoint, MethodDefinition Method, bool CannotFail = false,
    int VariadicFrom = -1)
{
    /// <summary><c>Namespace.Type::Method</c> of the implementing shim.</summary>
    public string DisplayName => $"{Method.DeclaringType.FullName}::{Method.Name}";

    /// <summary>Why the export always refuses on this host (<c>[ShimExport(Refuses = …)]</c>); null when it does the work.</summary>
    public string? Refuses { get; init; }
}
