using System.Collections.Concurrent;
using ApiBridge.Core.Loading;
using Mono.Cecil;

namespace ApiBridge.RewriteBench;

/// <summary>
/// Issue 17's floor for a folder rewrite: a bare Cecil read + write to disk of just the assemblies ApiBridge
/// rewrites, plus a plain <see cref="File.Copy(string, string)"/> of every other file of the folder, into an output
/// folder, on as many threads as the rewrite it is compared with. Whatever ApiBridge spends beyond this (probing,
/// analysis, shims, staging, deps.json) is its overhead.
/// </summary>
public static class Floor
{
    public static void Run(string folder, IReadOnlyCollection<string> rewritten, string output, int threads)
    {
        Directory.CreateDirectory(output);
        var rewrite = new HashSet<string>(rewritten, StringComparer.Ordinal);
        // The same schedule as the rewrite's: the Cecil work largest first (one big assembly started last would
        // leave the other threads idle), then the copies.
        var work = rewritten.OrderByDescending(p => new FileInfo(p).Length)
            .Concat(Directory.GetFiles(folder).Where(p => !rewrite.Contains(p)))
            .ToArray();
        Parallel.ForEach(
            Partitioner.Create(0, work.Length, 1),
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => CachingAssemblyResolver.ForApp(folder),
            (range, _, resolver) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var destination = Path.Combine(output, Path.GetFileName(work[i]));
                    if (rewrite.Contains(work[i]))
                        ReadWrite(work[i], destination, resolver);
                    else
                        File.Copy(work[i], destination, overwrite: true);
                }
                return resolver;
            },
            resolver => resolver.Dispose());
    }

    private static void ReadWrite(string path, string destination, IAssemblyResolver resolver)
    {
        using var module = ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = resolver, InMemory = true });
        if ((module.Attributes & ModuleAttributes.ILLibrary) != 0)
        {
            // As ApiBridge (and RoundTrip) do, or Cecil refuses to write a ReadyToRun image.
            module.Attributes &= ~ModuleAttributes.ILLibrary;
            module.Attributes |= ModuleAttributes.ILOnly;
            module.Architecture = TargetArchitecture.I386;
        }
        module.Write(destination);
    }
}
