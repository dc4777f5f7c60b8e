namespace ApiBridge.Core.Binding;

/// <summary>What the binder made of one platform import.</summary>
public enum ImportStatus
{
    /// <summary>Bound to a shim: the rewrite routes it there.</summary>
    Bound,

    /// <summary>No shim implements the entry point (yet); the declaration is left as it was.</summary>
    NoShim,

    /// <summary>A shim exists but the declaration's shape cannot be adapted to it; left as it was, with the reason.</summary>
    Unsupported,
}
