using ApiBridge.Core.Loading;
using Mono.Cecil;

namespace ApiBridge.RewriteBench;

/// <summary>
/// The floor any Cecil-based rewriter pays: read every assembly with one caching resolver and write it back to
/// memory unchanged. ReadyToRun images lose their ILLibrary flag first (as ApiBridge does), or Cecil refuses to write them.
/// </summary>
public static class RoundTrip
{
    public static long Run(string folder, IReadOnlyList<string> assemblies)
    {
        long written = 0;
        using var resolver = CachingAssemblyResolver.ForApp(folder);
        foreach (var path in assemblies)
        {
            using var module = ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = resolver, InMemory = true });
            if ((module.Attributes & ModuleAttributes.ILLibrary) != 0)
            {
                module.Attributes &= ~ModuleAttributes.ILLibrary;
                module.Attributes |= ModuleAttributes.ILOnly;
                module.Architecture = TargetArchitecture.I386;
            }
            var image = new MemoryStream();
            module.Write(image);
            written += image.Length;
        }
        return written;
    }
}
