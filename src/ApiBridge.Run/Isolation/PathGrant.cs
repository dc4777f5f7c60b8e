namespace ApiBridge.Run.Isolation;

/// <summary>How far a contained guest may use a granted path.</summary>
public enum GrantKind
{
    /// <summary>Read files and list folders.</summary>
    ReadOnly,

    /// <summary>Read, and run or load as code (the runtime, the app, shared libraries).</summary>
    ReadExecute,

    /// <summary>Read, write, make and remove (the prefix, folders given with <c>--allow</c>).</summary>
    ReadWrite,
}

/// <summary>One path the contained guest may use, and how; a folder grants everything beneath it.</summary>
public sealed record PathGrant(string Path, GrantKind Kind);
