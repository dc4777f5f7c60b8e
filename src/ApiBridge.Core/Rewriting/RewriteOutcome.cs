namespace ApiBridge.Core.Rewriting;

/// <summary>What happened to one assembly.</summary>
public sealed record RewriteOutcome(string SourcePath, string OutputPath, RewriteAction Action, int BoundImports, IReadOnlyList<string> Notes)
{
    /// <summary>Windows-only managed types retargeted to their shims.</summary>
    public IReadOnlyList<string> RedirectedTypes { get; init; } = Array.Empty<string>();

    /// <summary>Platform-dependent BCL members the guest uses and what the managed view did with each.</summary>
    public IReadOnlyList<Members.ManagedMemberUse> ManagedMembers { get; init; } = Array.Empty<Members.ManagedMemberUse>();

    /// <summary>P/Invokes into unshimmed native libraries whose path arguments now reach them as host paths.</summary>
    public IReadOnlyList<Native.NativePathCall> NativePathCalls { get; init; } = Array.Empty<Native.NativePathCall>();

    /// <summary>libc fork calls: those now a spawn of the exec after them, and those left to fail (ENOSYS) with why.</summary>
    public IReadOnlyList<Processes.ForkSite> ForkSites { get; init; } = Array.Empty<Processes.ForkSite>();
}

public enum RewriteAction
{
    /// <summary>Rewritten: its bound imports now call shims.</summary>
    Rewritten,

    /// <summary>Copied unchanged: nothing to bind, not a guest assembly, or part of the runtime.</summary>
    Copied,

    /// <summary>Already rewritten by ApiBridge: copied unchanged (a second rewrite is a no-op).</summary>
    AlreadyRewritten,
}
