using ApiBridge.Core.Output;

namespace ApiBridge.Core.Tests;

/// <summary>
/// A bridge payload for tests: ApiBridge.Runtime and its dependencies plus the Abt* test shims, made in a temporary
/// folder from the test's own output (where project references put them) by the build's own step
/// (<see cref="PayloadVendoring"/>: third-party assemblies renamed ApiBridge.Vendor.*).
/// </summary>
public sealed class TestPayload : IDisposable
{
    public TestPayload()
        : this("ApiBridge.Shims.Testing")
    {
    }

    /// <param name="shimAssemblies">The shim assemblies to include (the test shims, the real Win32 shims …).</param>
    public TestPayload(params string[] shimAssemblies)
    {
        Directory = TempFolder.Create("payload");
        PayloadVendoring.Build(AppContext.BaseDirectory, Directory, shimAssemblies);
        Payload = BridgePayload.Load(Directory);
    }

    public string Directory { get; }

    public BridgePayload Payload { get; }

    public void Dispose()
    {
        Payload.Dispose();
        TempFolder.Delete(Directory);
    }
}

/// <summary>Temporary folders under one root per test run.</summary>
public static class TempFolder
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "apibridge-tests", Environment.ProcessId.ToString());

    public static string Create(string purpose)
    {
        var path = Path.Combine(Root, $"{purpose}-{Guid.NewGuid():N}"[..(purpose.Length + 9)]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A path that does not exist yet (for outputs that must be created).</summary>
    public static string NewPath(string purpose)
    {
        var path = Create(purpose);
        System.IO.Directory.Delete(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
                System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Paths the build recorded for the tests.</summary>
public static class BuildPaths
{
    public static string Metadata(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string Variants => Path.Combine(AppContext.BaseDirectory, "DeclarationVariants.dll");

    /// <summary>A copy of DeclarationVariants (with its PDB) alone in a new folder: a lone library, not an app.</summary>
    public static string IsolatedVariants()
    {
        var folder = TempFolder.Create("variants-in");
        File.Copy(Variants, Path.Combine(folder, "DeclarationVariants.dll"));
        File.Copy(Path.ChangeExtension(Variants, ".pdb"), Path.Combine(folder, "DeclarationVariants.pdb"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "WindowsOnlyApi.dll"), Path.Combine(folder, "WindowsOnlyApi.dll"));
        return Path.Combine(folder, "DeclarationVariants.dll");
    }

    public static string VariantsReferenceAssembly => Path.GetFullPath(Metadata("VariantsReferenceAssembly"));

    public static string WinX64RuntimePack => Path.GetFullPath(Metadata("WinX64RuntimePack"));
}
