using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Loading;

/// <summary>
/// One guest assembly opened for analysis and rewriting. It is read fully into memory (with its symbols, when
/// they match), so the input file is never held open or touched again.
/// </summary>
public sealed class GuestAssembly : IDisposable
{
    public const string MarkerAttribute = "ApiBridge.Runtime.BridgedAssemblyAttribute";

    private IReadOnlyList<PlatformImport>? imports;

    private GuestAssembly(string path, AssemblyKind kind, ModuleDefinition module, string? symbolNote)
    {
        Path = path;
        Kind = kind;
        Module = module;
        SymbolNote = symbolNote;
    }

    public string Path { get; }

    public AssemblyKind Kind { get; }

    public ModuleDefinition Module { get; }

    /// <summary>Why symbols were not carried over, when a PDB was present but unusable.</summary>
    public string? SymbolNote { get; }

    /// <summary>True when ApiBridge already rewrote this assembly (the marker attribute is present).</summary>
    public bool IsAlreadyRewritten => Module.Assembly.CustomAttributes.Any(a => a.AttributeType.FullName == MarkerAttribute);

    public IReadOnlyList<PlatformImport> Imports => imports ??= PlatformImportScanner.Scan(Module);

    /// <summary>Opens a file as a guest, or explains in one line why it cannot be one.</summary>
    /// <param name="knownKind">The file's kind when the caller classified it already (a folder survey), so its headers are not read twice.</param>
    public static GuestAssembly Open(string path, IAssemblyResolver resolver, AssemblyKind? knownKind = null)
    {
        if (!File.Exists(path))
            throw new GuestInputException(Directory.Exists(path) ? $"{path} is a folder, expected an assembly" : $"{path}: no such file");
        AssemblyKind kind;
        try
        {
            kind = knownKind ?? AssemblyClassifier.Classify(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new GuestInputException($"{path}: cannot be read ({error.Message})");
        }
        RefuseUnrewritable(path, kind);
        try
        {
            SignatureGuard.Check(path); // before Cecil: some corrupt signatures make it allocate without bound
            return Read(path, kind, resolver);
        }
        catch (Exception error) when (error is BadImageFormatException or InvalidOperationException or ArgumentException or NotSupportedException or IndexOutOfRangeException or EndOfStreamException or NullReferenceException or OverflowException or InvalidCastException)
        {
            throw new GuestInputException($"{path}: corrupt .NET metadata ({error.GetType().Name}: {error.Message})", error);
        }
    }

    public static void RefuseUnrewritable(string path, AssemblyKind kind)
    {
        switch (kind)
        {
            case AssemblyKind.NotManaged:
                throw new GuestInputException($"{path}: {FileNature.Describe(path)}");
            case AssemblyKind.Reference:
                throw new GuestInputException($"{path}: a reference assembly (metadata only, never run); give the implementation assembly");
            case AssemblyKind.MixedMode:
                throw new GuestInputException($"{path}: a mixed-mode (C++/CLI) assembly; its native code cannot be rewritten");
            case AssemblyKind.ModuleOnly:
                throw new GuestInputException($"{path}: a module without an assembly manifest");
        }
    }

    private static GuestAssembly Read(string path, AssemblyKind kind, IAssemblyResolver resolver)
    {
        var parameters = new ReaderParameters
        {
            AssemblyResolver = resolver,
            InMemory = true,
            ReadingMode = ReadingMode.Deferred,
            ReadSymbols = true,
            SymbolReaderProvider = new DefaultSymbolReaderProvider(throwIfNoSymbol: false),
        };
        try
        {
            return new GuestAssembly(path, kind, ModuleDefinition.ReadModule(path, parameters), null);
        }
        catch (Exception error) when (error is SymbolsNotMatchingException or SymbolsNotFoundException or BadImageFormatException && HasSidecarPdb(path))
        {
            parameters.ReadSymbols = false;
            parameters.SymbolReaderProvider = null;
            var module = ModuleDefinition.ReadModule(path, parameters);
            return new GuestAssembly(path, kind, module, $"symbols not carried over ({error.Message})");
        }
    }

    private static bool HasSidecarPdb(string path) => File.Exists(System.IO.Path.ChangeExtension(path, ".pdb"));

    /// <summary>Binds every import against the shim catalog.</summary>
    public IReadOnlyList<ImportBinding> Bind(ShimCatalog catalog) => Imports.Select(i => DeclarationBinder.Bind(i, catalog)).ToList();

    public void Dispose() => Module.Dispose();
}
