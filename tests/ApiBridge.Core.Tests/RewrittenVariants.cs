using System.Reflection;
using System.Runtime.Loader;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Core.Tests;

/// <summary>
/// DeclarationVariants analyzed and rewritten once against the test shims, and the rewritten copy loaded in a
/// collectable context (ApiBridge.Runtime and the shims come from the default context, as in a real guest).
/// </summary>
public sealed class RewrittenVariants : IDisposable
{
    private readonly GuestContext context;

    public RewrittenVariants()
    {
        Payload = new TestPayload();
        InputPath = BuildPaths.IsolatedVariants();
        Report = new Analyzer(Payload.Payload).Analyze(InputPath);
        OutputFolder = TempFolder.NewPath("variants");
        Summary = new AppRewriter(Payload.Payload).Rewrite(InputPath, OutputFolder);
        RewrittenPath = Path.Combine(OutputFolder, "DeclarationVariants.dll");
        context = new GuestContext(OutputFolder);
        Assembly = context.LoadFromAssemblyPath(RewrittenPath);
    }

    public TestPayload Payload { get; }

    /// <summary>The unmodified guest library, alone in its folder.</summary>
    public string InputPath { get; }

    public AnalysisReport Report { get; }

    public string OutputFolder { get; }

    public RewriteSummary Summary { get; }

    public string RewrittenPath { get; }

    public Assembly Assembly { get; }

    public Type Native => Assembly.GetType("DeclarationVariants.Native", throwOnError: true)!;

    public Type Callers => Assembly.GetType("DeclarationVariants.Callers", throwOnError: true)!;

    public Type GuestType(string name) => Assembly.GetType("DeclarationVariants." + name, throwOnError: true)!;

    /// <summary>Calls a static method of Native (or <paramref name="type"/>); out/ref values come back in <paramref name="arguments"/>.</summary>
    public object? Call(string method, params object?[] arguments) => Call(Native, method, arguments);

    public static object? Call(Type type, string method, params object?[] arguments)
    {
        var target = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(type.FullName, method);
        try
        {
            return target.Invoke(null, arguments);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerException).Throw();
            throw;
        }
    }

    public void Dispose()
    {
        context.Unload();
        Payload.Dispose();
        TempFolder.Delete(OutputFolder);
        TempFolder.Delete(Path.GetDirectoryName(InputPath)!);
    }

    /// <summary>Loads the rewritten guest; everything it references (ApiBridge.Runtime, the shims, the BCL) comes from the default context, shared with the test.</summary>
    private sealed class GuestContext(string folder) : AssemblyLoadContext("guest " + folder, isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) => null;
    }
}

[CollectionDefinition(Name)]
public sealed class RewrittenVariantsCollection : ICollectionFixture<RewrittenVariants>
{
    public const string Name = "rewritten variants";
}
