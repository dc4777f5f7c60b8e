using ApiBridge.Core.Analysis;

namespace ApiBridge.Core.Rewriting.Processes;

/// <summary>
/// One call of libc <c>fork</c>/<c>vfork</c> in a guest and what the fork+exec rule makes of it: a spawn through
/// <see cref="Exec"/> (the exec its child branch calls), or, with <see cref="Reason"/>, a fork left to fail with ENOSYS.
/// </summary>
public sealed record ForkSite(CallLocation Location, string EntryPoint, string? Exec, string? Reason)
{
    /// <summary>True when the rewrite turns this fork and the exec after it into a spawn.</summary>
    public bool Spawns => Exec is not null;
}
