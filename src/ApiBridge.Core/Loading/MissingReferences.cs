using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ApiBridge.Core.Loading;

/// <summary>An assembly of the app references one that is in neither the app folder nor the .NET runtime.</summary>
public sealed record MissingReference(string Referrer, string Name, string Version)
{
    public string Describe() =>
        $"{Referrer} references {Name} {Version}, which is neither in the app folder nor in the .NET runtime: the app fails with "
        + "FileNotFoundException when it loads it (a package with no build for the platform this folder was published for? "
        + "publish for the platform that package supports and retarget with rewrite --target)";
}

/// <summary>
/// Finds what an app folder lacks: references of its assemblies that nothing beside them or in the runtime answers.
/// A publish for win-x64 of an app on a Linux-only package (raw libc bindings, say) has no build of that package and
/// dies at its first use; analyze and rewrite say so instead of passing the folder through in silence. Read from the
/// metadata tables alone (no Cecil), so it costs little.
/// </summary>
public static class MissingReferences
{
    public static IReadOnlyList<MissingReference> Find(GuestInput input, IReadOnlyList<GuestFile> files, IEnumerable<string> payloadNames)
    {
        if (!input.IsAppFolder)
            return [];
        var available = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files.Where(f => f.OutsideApp is null && GuestInput.IsAssemblyFile(f.Path)))
            available.Add(Path.GetFileNameWithoutExtension(file.Path));
        available.UnionWith(payloadNames.Select(Path.GetFileNameWithoutExtension)!);
        // A framework-dependent app runs on the shared framework: the one this process runs on has its assembly names.
        foreach (var file in Directory.EnumerateFiles(CachingAssemblyResolver.FrameworkDirectory, "*.dll"))
            available.Add(Path.GetFileNameWithoutExtension(file));

        var missing = new List<MissingReference>();
        foreach (var file in files.Where(f => f.IsCandidate))
        {
            foreach (var (name, version) in ReferencesOf(file.Path))
            {
                if (!available.Contains(name))
                    missing.Add(new MissingReference(file.RelativePath, name, version));
            }
        }
        return missing;
    }

    private static IEnumerable<(string Name, string Version)> ReferencesOf(string path)
    {
        var references = new List<(string, string)>();
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                return references;
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                references.Add((metadata.GetString(reference.Name), reference.Version.ToString()));
            }
        }
        catch (Exception error) when (error is BadImageFormatException or InvalidOperationException or IOException)
        {
            // A damaged file is reported where it is read for rewriting; here it simply answers nothing.
        }
        return references;
    }
}
