using System.Diagnostics;
using ApiBridge.Core.Binding;
using Mono.Cecil;

namespace ApiBridge.Core.Output;

/// <summary>
/// The assemblies a rewritten guest loads: ApiBridge.Runtime, the shim assemblies, and what they depend on
/// outside the shared framework (dependency injection, Serilog). Found beside the rewriter (the CLI ships them);
/// the dependency closure is read from the assemblies' references, not kept by hand.
/// </summary>
public sealed class BridgePayload : IDisposable
{
    public const string RuntimeAssemblyName = "ApiBridge.Runtime";
    public const string ShimAssemblyPrefix = "ApiBridge.Shims.";

    private BridgePayload(string directory, ModuleDefinition runtime, IReadOnlyList<ModuleDefinition> shims, IReadOnlyList<PayloadFile> files)
    {
        Directory = directory;
        Runtime = runtime;
        Shims = shims;
        Files = files;
        Catalog = ShimCatalog.Read(shims);
    }

    public string Directory { get; }

    /// <summary>ApiBridge.Runtime's metadata, for the members adapters call.</summary>
    public ModuleDefinition Runtime { get; }

    public IReadOnlyList<ModuleDefinition> Shims { get; }

    public ShimCatalog Catalog { get; }

    /// <summary>Every file to place beside a rewritten guest.</summary>
    public IReadOnlyList<PayloadFile> Files { get; }

    /// <summary>Version string recorded in rewritten assemblies and part of cache keys.</summary>
    public string Version => Runtime.Assembly.Name.Version.ToString();

    /// <summary>True for the file names of the payload (never rewritten themselves).</summary>
    public bool Contains(string fileName) => Files.Any(f => string.Equals(f.FileName, fileName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The payload next to the running rewriter.</summary>
    public static BridgePayload Locate() => Load(AppContext.BaseDirectory);

    public static BridgePayload Load(string directory)
    {
        var runtimePath = Path.Combine(directory, RuntimeAssemblyName + ".dll");
        if (!File.Exists(runtimePath))
            throw new GuestInputException($"ApiBridge is incomplete: {runtimePath} is missing");
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(directory);
        // Read whole (not lazily): parallel rewrites import from these modules on several threads at once.
        ModuleDefinition Read(string path) => ModuleDefinition.ReadModule(path, new ReaderParameters { InMemory = true, AssemblyResolver = resolver, ReadingMode = ReadingMode.Immediate });

        var runtime = Read(runtimePath);
        var shims = System.IO.Directory.GetFiles(directory, ShimAssemblyPrefix + "*.dll").OrderBy(p => p, StringComparer.Ordinal).Select(Read).ToList();
        var closure = new Dictionary<string, PayloadFile>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<ModuleDefinition>(shims.Append(runtime));
        var opened = new List<ModuleDefinition>();
        while (pending.Count > 0)
        {
            var module = pending.Pop();
            var name = module.Assembly.Name.Name;
            if (closure.ContainsKey(name))
                continue;
            closure[name] = PayloadFile.Describe(Path.Combine(directory, name + ".dll"), module.Assembly.Name);
            foreach (var reference in module.AssemblyReferences)
            {
                var candidate = Path.Combine(directory, reference.Name + ".dll");
                if (!closure.ContainsKey(reference.Name) && File.Exists(candidate))
                {
                    var dependency = Read(candidate);
                    opened.Add(dependency);
                    pending.Push(dependency);
                }
            }
        }
        foreach (var module in opened)
            module.Dispose();
        return new BridgePayload(directory, runtime, shims, closure.Values.OrderBy(f => f.FileName, StringComparer.Ordinal).ToList());
    }

    public void Dispose()
    {
        Runtime.Dispose();
        foreach (var shim in Shims)
            shim.Dispose();
    }
}

/// <summary>One payload assembly and the versions deps.json records for it.</summary>
public sealed record PayloadFile(string SourcePath, string AssemblyName, string AssemblyVersion, string FileVersion)
{
    public string FileName => Path.GetFileName(SourcePath);

    public static PayloadFile Describe(string path, AssemblyNameReference name)
    {
        var fileVersion = FileVersionInfo.GetVersionInfo(path).FileVersion ?? name.Version.ToString();
        return new PayloadFile(path, name.Name, name.Version.ToString(), fileVersion);
    }
}
