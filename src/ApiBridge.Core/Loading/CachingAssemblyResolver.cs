using System.Collections.Concurrent;
using Mono.Cecil;

namespace ApiBridge.Core.Loading;

/// <summary>
/// One resolver for a whole rewrite: each referenced assembly is read once (from the app folder first, then the
/// shared framework), whatever module asks for it. Separate resolvers per module are the classic Cecil weaver
/// mistake: the same type then exists twice and comparisons by reference fail.
/// </summary>
public sealed class CachingAssemblyResolver : IAssemblyResolver
{
    private readonly IReadOnlyList<string> directories;
    private readonly ConcurrentDictionary<string, AssemblyDefinition?> cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly object readGate = new();

    public CachingAssemblyResolver(IEnumerable<string> searchDirectories)
    {
        directories = searchDirectories.Where(Directory.Exists).Distinct().ToList();
    }

    /// <summary>A resolver over <paramref name="appDirectory"/> and the running shared framework.</summary>
    public static CachingAssemblyResolver ForApp(string appDirectory) =>
        new(new[] { appDirectory, FrameworkDirectory });

    /// <summary>The folder of the shared framework this process runs on (System.Private.CoreLib's folder).</summary>
    public static string FrameworkDirectory => Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    /// <summary>Registers an assembly read elsewhere (a guest being rewritten) so references to it resolve to the same object.</summary>
    public void Register(AssemblyDefinition assembly) => cache[assembly.Name.Name] = assembly;

    public AssemblyDefinition Resolve(AssemblyNameReference name) => Resolve(name, new ReaderParameters());

    public AssemblyDefinition Resolve(AssemblyNameReference name, ReaderParameters parameters)
    {
        var found = cache.GetOrAdd(name.Name, ReadFromDisk);
        return found ?? throw new AssemblyResolutionException(name);
    }

    private AssemblyDefinition? ReadFromDisk(string simpleName)
    {
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, simpleName + ".dll");
            if (!File.Exists(candidate))
                continue;
            lock (readGate)
            {
                try
                {
                    var bytes = File.ReadAllBytes(candidate);
                    if (!string.Equals(directory, FrameworkDirectory, StringComparison.Ordinal))
                    {
                        // An app-folder assembly may be as corrupt as a guest: check it the way guests are checked.
                        using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(bytes));
                        SignatureGuard.Check(System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe));
                    }
                    return AssemblyDefinition.ReadAssembly(new MemoryStream(bytes), new ReaderParameters
                    {
                        AssemblyResolver = this,
                        ReadingMode = ReadingMode.Deferred,
                    });
                }
                catch (Exception error) when (error is BadImageFormatException or InvalidOperationException)
                {
                    // Unreadable: as if absent (the reference is then reported as unresolvable).
                }
            }
        }
        return null;
    }

    public void Dispose()
    {
        foreach (var assembly in cache.Values)
            assembly?.Dispose();
        cache.Clear();
    }
}
