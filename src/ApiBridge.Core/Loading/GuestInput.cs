using ApiBridge.Core.Output;
using ApiBridge.Run.Cache;

namespace ApiBridge.Core.Loading;

/// <summary>
/// What the user pointed at, made concrete: a single library, or an app folder (a build or publish output,
/// or an app's entry assembly, whose whole folder is then the app). Lists the files to consider and those to
/// leave exactly as they are (the runtime pack of a self-contained app, the bridge's own payload).
/// </summary>
public sealed class GuestInput
{
    private GuestInput(GuestLayout layout, HashSet<string> leftAlone)
    {
        Layout = layout;
        LeftAlone = leftAlone;
    }

    /// <summary>Where the guest's files are (shared with the run cache, which keys entries on it).</summary>
    public GuestLayout Layout { get; }

    /// <summary>The folder the output mirrors.</summary>
    public string Root => Layout.Root;

    /// <summary>The assembly the user named (null for a folder).</summary>
    public string? EntryAssembly => Layout.EntryAssembly;

    /// <summary>True when the whole folder is processed; false for a lone library.</summary>
    public bool IsAppFolder => Layout.IsAppFolder;

    /// <summary>Every file to place in the output, full paths.</summary>
    public IReadOnlyList<string> Files => Layout.Files;

    /// <summary>File names never rewritten (runtime pack files of a self-contained app).</summary>
    public HashSet<string> LeftAlone { get; }

    public string RelativePath(string file) => Path.GetRelativePath(Root, file);

    public static GuestInput Resolve(string path)
    {
        GuestLayout? layout;
        try
        {
            layout = GuestLayout.Locate(path);
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            throw new GuestInputException($"{path}: cannot be read ({error.Message})");
        }
        if (layout is null)
            throw new GuestInputException($"{path}: no such file or folder");

        var leftAlone = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (layout.IsAppFolder)
        {
            foreach (var deps in layout.Files.Where(f => f.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) && Path.GetDirectoryName(f) == layout.Root))
                leftAlone.UnionWith(DepsJsonEditor.RuntimePackFiles(File.ReadAllText(deps)));
            if (!layout.Files.Any(IsAssemblyFile))
                throw new GuestInputException($"{layout.Root}: no .NET assemblies in this folder");
        }
        if (layout.EntryAssembly is { } entry)
            RefuseUnusableEntry(entry);
        return new GuestInput(layout, leftAlone);
    }

    /// <summary>The assembly the user named must be one that can be rewritten: checked before any output or cache entry exists.</summary>
    private static void RefuseUnusableEntry(string entry)
    {
        AssemblyKind kind;
        try
        {
            kind = AssemblyClassifier.Classify(entry);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new GuestInputException($"{entry}: cannot be read ({error.Message})");
        }
        GuestAssembly.RefuseUnrewritable(entry, kind);
    }

    public static bool IsAssemblyFile(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);
}
