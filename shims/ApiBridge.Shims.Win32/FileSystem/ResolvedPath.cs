namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>A guest path resolved to the host: what <see cref="GuestFileSystem.Resolve"/> returns.</summary>
public readonly struct ResolvedPath
{
    internal ResolvedPath(GuestPath guest, string hostPath, bool exists, bool parentExists, HostStat stat)
    {
        Guest = guest;
        HostPath = hostPath;
        Exists = exists;
        ParentExists = parentExists;
        Stat = stat;
    }

    /// <summary>The normalized Windows path as the guest named it.</summary>
    public GuestPath Guest { get; }

    /// <summary>The host path: existing components in their host spelling, the rest as the guest wrote them.</summary>
    public string HostPath { get; }

    /// <summary>The whole path exists on the host.</summary>
    public bool Exists { get; }

    /// <summary>The folder that holds the last component exists (so a missing name is "file not found", not "path not found").</summary>
    public bool ParentExists { get; }

    /// <summary>The host's information about the file (links followed) when <see cref="Exists"/>.</summary>
    public HostStat Stat { get; }

    public bool IsDirectory => Exists && Stat.IsDirectory;

    public bool IsDevice => Guest.Device is not null;

    /// <summary>The host folder holding the last component.</summary>
    public string HostParent => Path.GetDirectoryName(HostPath) ?? HostPath;

    /// <summary>ERROR_FILE_NOT_FOUND when only the last component is missing, else ERROR_PATH_NOT_FOUND.</summary>
    public int MissingError => ParentExists ? Win32Error.ERROR_FILE_NOT_FOUND : Win32Error.ERROR_PATH_NOT_FOUND;
}
