namespace ApiBridge.Cli.Diff;

/// <summary>
/// The throwaway folders of one comparison, under one temporary folder that is deleted whatever the outcome (also
/// after Ctrl+C): the shared working folder, each side's prefix, the Linux guest's HOME.
/// </summary>
internal sealed class DiffScratch : IDisposable
{
    public DiffScratch()
    {
        Root = Path.Combine(Path.GetTempPath(), "apibridge-diff-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Work);
        Directory.CreateDirectory(Home);
    }

    public string Root { get; }

    public string Work => Path.Combine(Root, "work");

    public string Home => Path.Combine(Root, "home");

    public string ReferencePrefix => Path.Combine(Root, "reference-prefix");

    public string BridgedPrefix => Path.Combine(Root, "bridged-prefix");

    /// <summary>A framework-dependent Windows guest laid over a Windows runtime, for Wine.</summary>
    public string ReferenceApp => Path.Combine(Root, "reference-app");

    /// <summary>A Linux guest rewritten for Windows, then laid over a Windows runtime, and its POSIX view's prefix.</summary>
    public string BridgedBuild => Path.Combine(Root, "bridged-build");

    public string BridgedApp => Path.Combine(Root, "bridged-app");

    public string PosixViewPrefix => Path.Combine(Root, "posix-view-prefix");

    /// <summary>Before each run: an empty working folder and HOME (so every run starts from the same state, at the
    /// same paths) and no prefix or laid-out app left by the run before.</summary>
    public void Reset()
    {
        foreach (var folder in new[] { Work, Home, ReferencePrefix, BridgedPrefix, ReferenceApp, BridgedBuild, BridgedApp, PosixViewPrefix })
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(Work);
        Directory.CreateDirectory(Home);
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root))
                Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process of the guest still holds something: the system's temp cleaning takes the rest.
        }
    }
}
