namespace ApiBridge.Run.Cache;

/// <summary>
/// What a guest path stands for on disk: a lone library, or an app (a folder, or an app's entry assembly, whose
/// whole folder is then the app) with every file in it. An apphost (<c>App.exe</c> or <c>App</c>, native code)
/// stands for the <c>App.dll</c> beside it.
/// </summary>
public sealed record GuestLayout(string Root, string? EntryAssembly, bool IsAppFolder, IReadOnlyList<string> Files)
{
    /// <summary>Marks ApiBridge's own staging and build folders, which are never part of a guest.</summary>
    public const string WorkFolderMarker = ".apibridge-";

    /// <summary>The layout of <paramref name="path"/>, or null when there is no such file or folder.</summary>
    /// <exception cref="IOException">A folder of the app cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">A folder of the app cannot be listed.</exception>
    public static GuestLayout? Locate(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            return new GuestLayout(full, null, IsAppFolder: true, ListAppFolder(full));
        if (!File.Exists(full))
            return null;

        full = ApphostToAssembly(full);
        var directory = Path.GetDirectoryName(full)!;
        if (File.Exists(Path.ChangeExtension(full, ".runtimeconfig.json")))
            return new GuestLayout(directory, full, IsAppFolder: true, ListAppFolder(directory));
        var pdb = Path.ChangeExtension(full, ".pdb");
        return new GuestLayout(directory, full, IsAppFolder: false, File.Exists(pdb) ? new[] { full, pdb } : new[] { full });
    }

    public string RelativePath(string file) => Path.GetRelativePath(Root, file);

    /// <summary>Every file under <paramref name="folder"/>, recursively, in ordinal order (the cache key depends on it).</summary>
    public static List<string> ListAppFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 })
            .Where(f => !f.Contains(WorkFolderMarker, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    private static string ApphostToAssembly(string path)
    {
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || ManagedImage.HasMetadata(path))
            return path;
        var beside = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + ".dll");
        return File.Exists(beside) ? beside : path;
    }
}
