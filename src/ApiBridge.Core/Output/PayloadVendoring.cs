using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Output;

/// <summary>
/// Makes the shipped payload from the bridge's build output: ApiBridge.Runtime, the shim assemblies and the
/// third-party assemblies they load (Serilog, Microsoft.Extensions.DependencyInjection …) get identities of their own,
/// <c>Serilog</c> becoming <c>ApiBridge.Vendor.Serilog</c> (assembly name, file name, every AssemblyRef and
/// InternalsVisibleTo naming it, strong name dropped). Root namespaces stay: a type's identity includes its assembly,
/// so the guest's <c>Serilog.Log</c> and the bridge's are two types in two assemblies that never meet, whatever
/// versions either side uses, and no payload file can ever have the name of a file an app ships.
/// Run at build time (ApiBridge.PayloadBuilder, from src/ApiBridge.PayloadBuilder/BridgePayload.targets) into the
/// <c>payload/</c> folder beside the rewriter; <see cref="BridgePayload.Load"/> refuses a payload that is not made so.
/// </summary>
public static class PayloadVendoring
{
    /// <summary>Every payload assembly's name starts with this: a namespace of names no app ships.</summary>
    public const string OwnPrefix = "ApiBridge.";

    /// <summary>The prefix a third-party assembly's name gets in the payload.</summary>
    public const string VendorPrefix = "ApiBridge.Vendor.";

    /// <summary>The payload name of a dependency's assembly name (ApiBridge's own assemblies keep theirs).</summary>
    public static string PayloadName(string assemblyName) =>
        assemblyName.StartsWith(OwnPrefix, StringComparison.Ordinal) ? assemblyName : VendorPrefix + assemblyName;

    /// <summary>
    /// Writes the payload made from <paramref name="sourceDirectory"/> (a build output holding ApiBridge.Runtime, the
    /// shims and their dependencies) into <paramref name="payloadDirectory"/>. Files whose bytes are unchanged are
    /// left as they are (their times key the run cache); payload files no longer produced are removed.
    /// </summary>
    /// <param name="rootAssemblies">Names of the assemblies to start the closure from; default ApiBridge.Runtime and every ApiBridge.Shims.*.dll.</param>
    /// <returns>The file names written or kept.</returns>
    public static IReadOnlyList<string> Build(string sourceDirectory, string payloadDirectory, IEnumerable<string>? rootAssemblies = null)
    {
        var roots = (rootAssemblies ?? Directory.GetFiles(sourceDirectory, BridgePayload.ShimAssemblyPrefix + "*.dll")
                .Select(Path.GetFileNameWithoutExtension).Select(n => n!))
            .Append(BridgePayload.RuntimeAssemblyName)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var resolver = new PayloadResolver();
        resolver.AddSearchDirectory(sourceDirectory);
        var modules = new Dictionary<string, ModuleDefinition>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var pending = new Stack<string>(roots);
            while (pending.Count > 0)
            {
                var name = pending.Pop();
                if (modules.ContainsKey(name))
                    continue;
                var path = Path.Combine(sourceDirectory, name + ".dll");
                if (!File.Exists(path))
                    throw new FileNotFoundException($"{path}: a payload assembly is missing from the build output", path);
                var module = Read(path, resolver);
                if (!string.Equals(module.Assembly.Name.Name, name, StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException($"{path}: holds assembly {module.Assembly.Name.Name}, expected {name}");
                modules[name] = module;
                resolver.Known[name] = module.Assembly;
                resolver.Known[PayloadName(name)] = module.Assembly;
                // A reference with no file in the build output is the shared framework's.
                foreach (var reference in module.AssemblyReferences)
                {
                    if (!modules.ContainsKey(reference.Name) && File.Exists(Path.Combine(sourceDirectory, reference.Name + ".dll")))
                        pending.Push(reference.Name);
                }
            }

            var renamed = modules.Keys.Where(n => PayloadName(n) != n).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Directory.CreateDirectory(payloadDirectory);
            var written = new List<string>();
            foreach (var module in modules.Values)
                Rename(module, renamed);
            foreach (var (name, module) in modules.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                var fileName = PayloadName(name) + ".dll";
                Write(module, Path.Combine(payloadDirectory, fileName));
                written.Add(fileName);
                if (File.Exists(Path.Combine(payloadDirectory, Path.ChangeExtension(fileName, ".pdb"))) && module.HasSymbols)
                    written.Add(Path.ChangeExtension(fileName, ".pdb"));
            }
            foreach (var stale in Directory.EnumerateFiles(payloadDirectory)
                         .Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase))
                         .Where(f => !written.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase))
                         .ToList())
                File.Delete(stale);
            return written;
        }
        finally
        {
            foreach (var module in modules.Values)
                module.Dispose();
            resolver.Dispose();
        }
    }

    /// <summary>Resolves the payload's assemblies (by old or new name) to the modules being renamed, the rest from the folder.</summary>
    private sealed class PayloadResolver : DefaultAssemblyResolver
    {
        public Dictionary<string, AssemblyDefinition> Known { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override AssemblyDefinition Resolve(AssemblyNameReference name) =>
            Known.TryGetValue(name.Name, out var known) ? known : base.Resolve(name);

        public override AssemblyDefinition Resolve(AssemblyNameReference name, ReaderParameters parameters) =>
            Known.TryGetValue(name.Name, out var known) ? known : base.Resolve(name, parameters);
    }

    private static ModuleDefinition Read(string path, IAssemblyResolver resolver)
    {
        var withSymbols = File.Exists(Path.ChangeExtension(path, ".pdb"));
        return ModuleDefinition.ReadModule(path, new ReaderParameters
        {
            InMemory = true,
            AssemblyResolver = resolver,
            ReadingMode = ReadingMode.Immediate,
            ReadSymbols = withSymbols,
            SymbolReaderProvider = withSymbols ? new DefaultSymbolReaderProvider(throwIfNoSymbol: false) : null,
        });
    }

    /// <summary>Gives <paramref name="module"/> and its references to <paramref name="renamed"/> assemblies their payload names.</summary>
    private static void Rename(ModuleDefinition module, HashSet<string> renamed)
    {
        var assembly = module.Assembly.Name;
        if (renamed.Contains(assembly.Name))
        {
            var newName = PayloadName(assembly.Name);
            assembly.Name = newName;
            module.Name = newName + ".dll";
            // A strong name covers the assembly's name: the renamed assembly is a new, unsigned one.
            assembly.PublicKey = Array.Empty<byte>();
            assembly.HasPublicKey = false;
            module.Attributes &= ~ModuleAttributes.StrongNameSigned;
        }
        foreach (var reference in module.AssemblyReferences.Where(r => renamed.Contains(r.Name)))
        {
            reference.Name = PayloadName(reference.Name);
            reference.PublicKeyToken = Array.Empty<byte>();
            reference.PublicKey = Array.Empty<byte>();
            reference.HasPublicKey = false;
        }
        // Microsoft.Extensions.DependencyInjection uses internals of its .Abstractions: the friend is named again.
        foreach (var attribute in module.Assembly.CustomAttributes.Where(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.InternalsVisibleToAttribute"))
        {
            if (attribute.ConstructorArguments.Count != 1 || attribute.ConstructorArguments[0].Value is not string friend)
                continue;
            var friendName = friend.Split(',')[0].Trim();
            if (renamed.Contains(friendName))
                attribute.ConstructorArguments[0] = new CustomAttributeArgument(attribute.ConstructorArguments[0].Type, PayloadName(friendName));
        }
    }

    // Deterministic (same input, same bytes) and written only when the bytes differ, so an unchanged rebuild keeps
    // the files' times, and with them the run cache's entries.
    private static void Write(ModuleDefinition module, string path)
    {
        var image = new MemoryStream();
        MemoryStream? symbols = null;
        var parameters = new WriterParameters { DeterministicMvid = true };
        if (module.HasSymbols && module.SymbolReader is not null)
        {
            parameters.WriteSymbols = true;
            parameters.SymbolWriterProvider = module.SymbolReader.GetWriterProvider();
            if (parameters.SymbolWriterProvider is not EmbeddedPortablePdbWriterProvider)
                parameters.SymbolStream = symbols = new MemoryStream();
        }
        module.Write(image, parameters);
        if (symbols is not null)
            WriteIfChanged(Path.ChangeExtension(path, ".pdb"), symbols.ToArray());
        WriteIfChanged(path, image.ToArray());
    }

    private static void WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            return;
        FileCopy.WriteAllBytes(path, bytes);
    }
}
