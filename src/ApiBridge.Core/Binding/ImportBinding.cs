using ApiBridge.Core.Analysis;

namespace ApiBridge.Core.Binding;

/// <summary>The binder's verdict on one platform import.</summary>
public sealed class ImportBinding
{
    public required PlatformImport Import { get; init; }

    public required ImportStatus Status { get; init; }

    /// <summary>The entry point the declaration resolves to (after W/A probing), when a shim was found.</summary>
    public required string ResolvedEntryPoint { get; init; }

    public ShimExport? Shim { get; init; }

    /// <summary>Why the import is not bound (null when bound).</summary>
    public string? Reason { get; init; }

    internal AdapterPlan? Plan { get; init; }

    /// <summary>One word per argument conversion (for analysis output): <c>direct</c>, <c>pinned byref</c> ….</summary>
    public IReadOnlyList<string> Conversions => Plan?.Arguments.Select(a => a.Kind).ToList() ?? (IReadOnlyList<string>)Array.Empty<string>();
}
