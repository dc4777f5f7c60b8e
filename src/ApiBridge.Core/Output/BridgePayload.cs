using System.Diagnostics;
using ApiBridge.Core.Binding;
using ApiBridge.Run.Cache;
using Mono.Cecil;

namespace ApiBridge.Core.Output;

/// <summary>
/// The assemblies a rewritten guest loads: ApiBridge.Runtime, the shim assemblies, and what they depend on
/// outside the shared framework (dependency injection, Serilog) under names of their own (<see cref="PayloadVendoring"/>:
/// <c>ApiBridge.Vendor.Serilog</c>), so nothing of the payload can replace, or be mistaken for, a file of the app.
/// Found in the <c>payload/</c> folder beside the rewriter (the build makes it); the dependency closure is read from
/// the assemblies' references, not kept by hand.
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

    /// <summary>
    /// True when <paramref name="path"/>, a file of the input, is one of the bridge's own (left by an earlier rewrite,
    /// replaced by this payload); false for any other name. A file of the app that has a payload file's name but is
    /// not that assembly is refused: the bridge never replaces a file of the app. (Payload names all start with
    /// <c>ApiBridge.</c>, so only an input made by hand can get here.)
    /// </summary>
    public bool ClaimsFile(string path)
    {
        var own = Files.FirstOrDefault(f => string.Equals(f.FileName, Path.GetFileName(path), StringComparison.OrdinalIgnoreCase));
        if (own is null)
            return false;
        string? name;
        try
        {
            name = System.Reflection.AssemblyName.GetAssemblyName(path).Name;
        }
        catch (Exception error) when (error is BadImageFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            name = null;
        }
        if (!string.Equals(name, own.AssemblyName, StringComparison.Ordinal))
            throw new GuestInputException($"{path}: the app has a file named like ApiBridge's {own.FileName} that is not ApiBridge's ({(name is null ? "not a .NET assembly" : "assembly " + name)}); the bridge never replaces a file of the app");
        return true;
    }

    /// <summary>The payload the build put beside the running rewriter (<see cref="BridgeLayout.PayloadFolder"/>).</summary>
    public static BridgePayload Locate() => Load(BridgeLayout.PayloadDirectory(AppContext.BaseDirectory));

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
        // A third-party assembly under its own name would be placed beside the guest, where the app's copy of the
        // same package may be: the build renames them (PayloadVendoring), and a payload not made so is refused.
        if (closure.Values.FirstOrDefault(f => !f.AssemblyName.StartsWith(PayloadVendoring.OwnPrefix, StringComparison.Ordinal)) is { } foreign)
        {
            runtime.Dispose();
            foreach (var shim in shims)
                shim.Dispose();
            throw new PayloadMismatchException($"{foreign.SourcePath}: the payload holds {foreign.AssemblyName} under its own name, which could replace the app's copy; build the payload with ApiBridge.PayloadBuilder (it becomes {PayloadVendoring.PayloadName(foreign.AssemblyName)})");
        }
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
