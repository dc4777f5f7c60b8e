namespace ApiBridge.Core.Output;

/// <summary>
/// A folder beside the destination (same file system, so the final move is a rename) where an output is
/// assembled. Until <see cref="MoveTo"/> succeeds, the destination is untouched; <see cref="Discard"/> removes
/// whatever is left after a failure.
/// </summary>
public sealed class StagingFolder
{
    private StagingFolder(string path) => Path = path;

    public string Path { get; }

    public static StagingFolder NextTo(string destination)
    {
        var parent = System.IO.Path.GetDirectoryName(destination) ?? destination;
        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new GuestInputException($"{parent}: cannot create the output folder here ({error.Message})");
        }
        var path = System.IO.Path.Combine(parent, $".apibridge-staging-{System.IO.Path.GetFileName(destination)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new StagingFolder(path);
    }

    /// <summary>Moves the complete output into place, replacing an existing folder when allowed.</summary>
    public void MoveTo(string destination, bool replace)
    {
        if (Directory.Exists(destination))
        {
            if (!replace && Directory.EnumerateFileSystemEntries(destination).Any())
                throw new GuestInputException($"{destination}: the output folder is not empty (use --force to replace it)");
            var old = destination + $".apibridge-old-{Guid.NewGuid():N}";
            Directory.Move(destination, old);
            Directory.Move(Path, destination);
            Directory.Delete(old, recursive: true);
            return;
        }
        Directory.Move(Path, destination);
    }

    public void Discard()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
