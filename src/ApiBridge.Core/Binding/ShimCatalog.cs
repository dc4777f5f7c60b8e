using ApiBridge.Core.Analysis;
using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// What the shim assemblies implement, discovered from their <c>[ShimLibrary]</c>/<c>[ShimExport]</c>
/// attributes with Cecil (metadata only: the rewriter never runs shim code). There is no hand-kept list.
/// </summary>
public sealed class ShimCatalog
{
    public const string LibraryAttribute = "ApiBridge.Runtime.Exports.ShimLibraryAttribute";
    public const string ExportAttribute = "ApiBridge.Runtime.Exports.ShimExportAttribute";
    public const string TypeAttribute = "ApiBridge.Runtime.Exports.ShimTypeAttribute";
    public const string ForkExecSpawnerAttribute = "ApiBridge.Runtime.Exports.ForkExecSpawnerAttribute";

    private readonly Dictionary<(PlatformFamily, string), ShimExport> exports = new();
    private readonly Dictionary<string, TypeRedirect> typeRedirects = new(StringComparer.Ordinal);

    private ShimCatalog(IReadOnlyList<ModuleDefinition> modules)
    {
        Modules = modules;
    }

    /// <summary>The shim modules the catalog was read from.</summary>
    public IReadOnlyList<ModuleDefinition> Modules { get; }

    public IEnumerable<ShimExport> Exports => exports.Values;

    /// <summary>Windows-only managed types the shims replace, by the replaced type's full name.</summary>
    public IReadOnlyDictionary<string, TypeRedirect> TypeRedirects => typeRedirects;

    /// <summary>The class a fork followed at once by exec is turned into a spawn with (<c>[ForkExecSpawner]</c>); null when no shim has one.</summary>
    public TypeDefinition? ForkExecSpawner { get; private set; }

    /// <summary>Member shims and path translators of the guest's managed view.</summary>
    public ManagedViewCatalog ManagedView { get; } = new();

    public static ShimCatalog Read(IEnumerable<ModuleDefinition> shimModules)
    {
        var catalog = new ShimCatalog(shimModules.ToList());
        foreach (var module in catalog.Modules)
            catalog.Add(module);
        return catalog;
    }

    /// <summary>The shim for an entry point of a library family (kernel32 and advapi32 share the Windows namespace).</summary>
    public bool TryFind(PlatformFamily family, string entryPoint, out ShimExport export) =>
        exports.TryGetValue((family, entryPoint), out export!);

    private void Add(ModuleDefinition module)
    {
        foreach (var type in module.GetTypes())
        {
            AddTypeRedirect(type);
            ManagedView.Add(type);
            if (type.CustomAttributes.Any(a => a.AttributeType.FullName == ForkExecSpawnerAttribute))
                ForkExecSpawner = type;
            var library = type.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == LibraryAttribute);
            if (library is null)
                continue;
            var libraryName = (string)library.ConstructorArguments[0].Value;
            var channel = (string)library.ConstructorArguments[1].Value;
            var family = LibraryName.Normalize(libraryName).Family;
            foreach (var method in type.Methods)
            {
                foreach (var attribute in method.CustomAttributes.Where(a => a.AttributeType.FullName == ExportAttribute))
                {
                    var entryPoint = (string)attribute.ConstructorArguments[0].Value;
                    if (!method.IsStatic || !method.IsPublic)
                        throw new InvalidOperationException($"shim {type.FullName}::{method.Name} must be public static to export {entryPoint}");
                    var cannotFail = attribute.Properties.Any(p => p.Name == "CannotFail" && p.Argument.Value is true);
                    var refuses = attribute.Properties.FirstOrDefault(p => p.Name == "Refuses").Argument.Value as string;
                    var variadicFrom = attribute.Properties.FirstOrDefault(p => p.Name == "VariadicFrom").Argument.Value is int from ? from : -1;
                    if (!exports.TryAdd((family, entryPoint), new ShimExport(libraryName, family, channel, entryPoint, method, cannotFail, variadicFrom) { Refuses = refuses }))
                        throw new InvalidOperationException($"{libraryName}!{entryPoint} is exported twice (second: {type.FullName}::{method.Name})");
                }
            }
        }
    }

    private void AddTypeRedirect(TypeDefinition type)
    {
        var attribute = type.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == TypeAttribute);
        if (attribute is null)
            return;
        var replaced = (string)attribute.ConstructorArguments[0].Value;
        var channel = (string)attribute.ConstructorArguments[1].Value;
        if (!type.IsPublic && !type.IsNestedPublic)
            throw new InvalidOperationException($"shim type {type.FullName} must be public to replace {replaced}");
        if (!typeRedirects.TryAdd(replaced, new TypeRedirect(replaced, type, channel)))
            throw new InvalidOperationException($"{replaced} is replaced twice (second: {type.FullName})");
    }
}
