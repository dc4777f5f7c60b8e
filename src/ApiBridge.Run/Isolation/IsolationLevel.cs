namespace ApiBridge.Run.Isolation;

/// <summary>What <c>run</c> was asked to contain the guest with.</summary>
public enum IsolationLevel
{
    /// <summary>No isolation: the guest sees host folders through Z: and may use anything the user may.</summary>
    Off,

    /// <summary><c>--isolate</c>: path checks in the shims, and Landlock where the kernel has it (else a warning).</summary>
    Isolate,

    /// <summary><c>--isolate=strict</c>: as <see cref="Isolate"/>, but no start at all without Landlock.</summary>
    Strict,
}
