namespace ApiBridge.Core.Loading;

/// <summary>What a file on disk is, as far as rewriting it goes.</summary>
public enum AssemblyKind
{
    /// <summary>Not a PE file, or a PE file without .NET metadata (a native library, an apphost).</summary>
    NotManaged,

    /// <summary>IL-only assembly: rewritable as it is.</summary>
    IlOnly,

    /// <summary>ReadyToRun image: IL plus precompiled native code, which a rewrite drops (the IL is what runs then).</summary>
    ReadyToRun,

    /// <summary>C++/CLI mixed-mode image: native code Cecil cannot carry over.</summary>
    MixedMode,

    /// <summary>A reference assembly: metadata without method bodies, never loaded at run time.</summary>
    Reference,

    /// <summary>A module without an assembly manifest (a netmodule).</summary>
    ModuleOnly,
}
