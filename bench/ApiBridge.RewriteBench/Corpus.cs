using System.Reflection;
using ApiBridge.Core.Loading;

namespace ApiBridge.RewriteBench;

/// <summary>
/// The benchmark corpus: every assembly of the win-x64 runtime pack (ReadyToRun, strong-named, hundreds of
/// kernel32/advapi32 imports), Tmds.LibC and Mono.Posix.NETStandard (libc), and Microsoft.Build.Framework (kernel32
/// from its own code), restored by this project's PackageDownload items and copied into one folder.
/// </summary>
public sealed class Corpus
{
    private Corpus(string folder, IReadOnlyList<string> assemblies, IReadOnlyList<string> candidates)
    {
        Folder = folder;
        Assemblies = assemblies;
        Candidates = candidates;
    }

    public string Folder { get; }

    /// <summary>Every .dll copied.</summary>
    public IReadOnlyList<string> Assemblies { get; }

    /// <summary>The managed, rewritable ones (IL-only or ReadyToRun): what both the round trip and ApiBridge read.</summary>
    public IReadOnlyList<string> Candidates { get; }

    public long Bytes => Assemblies.Sum(a => new FileInfo(a).Length);

    public static string Metadata(string key) =>
        typeof(Corpus).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string PackageRoot => Metadata("NuGetPackageRoot");

    public static string RuntimePackLib =>
        Path.Combine(PackageRoot, "microsoft.netcore.app.runtime.win-x64", Metadata("RuntimePackVersion"), "runtimes", "win-x64", "lib", "net10.0");

    /// <summary>The package's implementation folder for the newest .NET (Core) framework, the Linux one where it has several.</summary>
    public static string PackageLib(string id, string version)
    {
        var package = Path.Combine(PackageRoot, id.ToLowerInvariant(), version);
        foreach (var lib in new[] { Path.Combine(package, "runtimes", "linux-x64", "lib"), Path.Combine(package, "lib") })
        {
            foreach (var tfm in new[] { "net11.0", "net10.0", "net9.0", "net8.0", "net6.0", "netstandard2.1", "netstandard2.0" })
            {
                if (Directory.Exists(Path.Combine(lib, tfm)))
                    return Path.Combine(lib, tfm);
            }
        }
        throw new DirectoryNotFoundException($"{package}: no usable lib folder (was the bench project restored?)");
    }

    public static IEnumerable<string> Sources() =>
        Directory.GetFiles(RuntimePackLib, "*.dll")
            .Concat(Directory.GetFiles(PackageLib("Tmds.LibC", "0.5.0"), "*.dll"))
            .Concat(Directory.GetFiles(PackageLib("Mono.Posix.NETStandard", "1.0.0"), "*.dll"))
            .Concat(Directory.GetFiles(PackageLib("Microsoft.Build.Framework", "18.12.2"), "*.dll"))
            .Concat(Directory.GetFiles(PackageLib("Microsoft.Build.Framework", "18.12.2"), "*.pdb")); // portable PDB: symbols in step

    public static Corpus Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var copied = new List<string>();
        foreach (var source in Sources())
        {
            var destination = Path.Combine(folder, Path.GetFileName(source));
            if (File.Exists(destination))
                continue; // first one wins (no duplicates today)
            File.Copy(source, destination);
            copied.Add(destination);
        }
        copied.Sort(StringComparer.Ordinal);
        copied.RemoveAll(p => !p.EndsWith(".dll", StringComparison.Ordinal));
        var candidates = copied.Where(p => AssemblyClassifier.Classify(p) is AssemblyKind.IlOnly or AssemblyKind.ReadyToRun).ToList();
        return new Corpus(folder, copied, candidates);
    }
}
