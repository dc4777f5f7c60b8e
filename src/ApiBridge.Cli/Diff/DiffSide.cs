namespace ApiBridge.Cli.Diff;

/// <summary>A folder a side watches for the guest's changes, and the name the report gives it.</summary>
internal sealed record WatchedFolder(string HostFolder, string GuestName, char Separator);

/// <summary>
/// One side of a comparison, ready to start: the program that runs the guest there, its environment, the folders its
/// changes are looked for in, the prefix whose registry it watches (a Windows guest's), and what to clear up
/// afterwards (a Wine server, a prefix).
/// </summary>
internal sealed record DiffSide(string Name, string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyList<WatchedFolder> Watched, string? RegistryPrefix, Action CleanUp);

/// <summary>What one side did: the process's outcome, its file changes and (a Windows guest) its registry changes as .reg text.</summary>
internal sealed record SideResult(DiffSide Side, ProcessOutcome Outcome, IReadOnlyList<FileChange> Changes, string? RegistryChanges);
