using ApiBridge.Core.Output;

namespace ApiBridge.Core.Loading;

/// <summary>
/// What the user pointed at, made concrete: a single library, or an app folder (a build or publish output,
/// or an app's entry assembly, whose whole folder is then the app). Lists the files to consider and those to
/// leave exactly as they are (the runtime pack of a self-contained app, the bridge's own payload).
/// </summary>
public sealed class GuestInput
{
    private GuestInput(string root, string? entryAssembly, bool isFolder, IReadOnlyList<string> files, HashSet<string> leftAlone)
    {
        Root = root;
        EntryAssembly = entryAssembly;
        IsAppFolder = isFolder;
        Files = files;
        LeftAlone = leftAlone;
    }

    /// <summary>The folder the output mirrors.</summary>
    public string Root { get; }

    /// <summary>The assembly the user named (null for a folder).</summary>
    public string? EntryAssembly { get; }

    /// <summary>True when the whole folder is processed; false for a lone library.</summary>
    public bool IsAppFolder { get; }

    /// <summary>Every file to place in the output, full paths.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>File names never rewritten (runtime pack files of a self-contained app).</summary>
    public HashSet<string> LeftAlone { get; }

    public string RelativePath(string file) => Path.GetRelativePath(Root, file);

    public static GuestInput Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            return ForFolder(full, entry: null);
        if (!File.Exists(full))
            throw new GuestInputException($"{path}: no such file or folder");

        full = ApphostToAssembly(full);
        var directory = Path.GetDirectoryName(full)!;
        var isApp = File.Exists(Path.ChangeExtension(full, ".runtimeconfig.json"));
        if (isApp)
            return ForFolder(directory, full);
        var pdb = Path.ChangeExtension(full, ".pdb");
        var files = File.Exists(pdb) ? new[] { full, pdb } : new[] { full };
        return new GuestInput(directory, full, isFolder: false, files, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>An apphost (<c>App.exe</c> or <c>App</c>, native code) stands for the <c>App.dll</c> beside it.</summary>
    private static string ApphostToAssembly(string path)
    {
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            return path;
        var kind = AssemblyClassifier.Classify(path);
        if (kind != AssemblyKind.NotManaged)
            return path;
        var beside = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + ".dll");
        return File.Exists(beside) ? beside : path;
    }

    private static GuestInput ForFolder(string folder, string? entry)
    {
        List<string> files;
        try
        {
            files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 })
                .Where(f => !f.Contains(".apibridge-", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            throw new GuestInputException($"{folder}: cannot be read ({error.Message})");
        }
        var leftAlone = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var deps in files.Where(f => f.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) && Path.GetDirectoryName(f) == folder))
            leftAlone.UnionWith(DepsJsonEditor.RuntimePackFiles(File.ReadAllText(deps)));
        if (!files.Any(IsAssemblyFile))
            throw new GuestInputException($"{folder}: no .NET assemblies in this folder");
        return new GuestInput(folder, entry, isFolder: true, files, leftAlone);
    }

    public static bool IsAssemblyFile(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);
}
