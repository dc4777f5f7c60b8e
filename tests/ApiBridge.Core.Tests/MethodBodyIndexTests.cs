using ApiBridge.Core.Analysis;
using Mono.Cecil;

namespace ApiBridge.Core.Tests;

/// <summary>
/// The index the body passes use to skip methods: it must name every method whose IL uses a member (a miss would
/// leave a call unrewritten), and it must leave out methods that do not (or it saves nothing). The subjects are the
/// methods of <see cref="IndexSubjects"/>, read from this test assembly's own file.
/// </summary>
public sealed class MethodBodyIndexTests : IDisposable
{
    private readonly ModuleDefinition module = ModuleDefinition.ReadModule(typeof(IndexSubjects).Assembly.Location);
    private readonly MethodBodyIndex index;

    public MethodBodyIndexTests() =>
        index = MethodBodyIndex.For(module) ?? throw new InvalidOperationException("the test assembly's own image was not indexed");

    public void Dispose() => module.Dispose();

    [Fact]
    public void Names_the_methods_that_call_a_member_and_only_those()
    {
        var callers = index.MethodsUsing(m => m.Name == nameof(File.Exists) && m.DeclaringType == "System.IO.File");

        Assert.True(MethodBodyIndex.Includes(callers, Subject(nameof(IndexSubjects.CallsFileExists))));
        Assert.True(MethodBodyIndex.Includes(callers, Subject(nameof(IndexSubjects.CallsFileExistsInALoop))));
        Assert.False(MethodBodyIndex.Includes(callers, Subject(nameof(IndexSubjects.CallsNothing))));
        Assert.False(MethodBodyIndex.Includes(callers, Subject(nameof(IndexSubjects.CallsDirectoryExists))));
    }

    [Fact]
    public void Finds_static_field_loads_and_calls_of_the_modules_own_methods()
    {
        var readers = index.MethodsUsing(m => m.Name == nameof(Path.DirectorySeparatorChar) && m.DeclaringType == "System.IO.Path");
        Assert.True(MethodBodyIndex.Includes(readers, Subject(nameof(IndexSubjects.ReadsSeparator))));
        Assert.False(MethodBodyIndex.Includes(readers, Subject(nameof(IndexSubjects.CallsNothing))));

        var target = Subject(nameof(IndexSubjects.CallsNothing));
        var local = index.MethodsUsing(m => m.MethodDefRid == (int)target.MetadataToken.RID);
        Assert.True(MethodBodyIndex.Includes(local, Subject(nameof(IndexSubjects.CallsALocalMethod))));
        Assert.False(MethodBodyIndex.Includes(local, Subject(nameof(IndexSubjects.CallsFileExists))));
    }

    [Fact]
    public void Generic_method_instances_are_described_by_their_method()
    {
        var callers = index.MethodsUsing(m => m.Name == nameof(Array.Empty) && m.IsGenericInstance);
        Assert.True(MethodBodyIndex.Includes(callers, Subject(nameof(IndexSubjects.CallsAGenericMethod))));
        Assert.False(MethodBodyIndex.Includes(callers, Subject(nameof(IndexSubjects.CallsFileExists))));
    }

    [Fact]
    public void Looks_up_by_name_across_declaring_types()
    {
        var named = index.MethodsUsingName(nameof(File.Exists));
        Assert.True(MethodBodyIndex.Includes(named, Subject(nameof(IndexSubjects.CallsFileExists))));
        Assert.True(MethodBodyIndex.Includes(named, Subject(nameof(IndexSubjects.CallsDirectoryExists))));
        Assert.False(MethodBodyIndex.Includes(named, Subject(nameof(IndexSubjects.ReadsSeparator))));
    }

    [Fact]
    public void A_method_the_rewrite_made_is_always_a_candidate()
    {
        var made = new MethodDefinition("Made", MethodAttributes.Static, module.TypeSystem.Void);
        Assert.True(MethodBodyIndex.Includes([], made));
    }

    [Fact]
    public void A_module_read_from_memory_has_no_index()
    {
        using var stream = new MemoryStream(File.ReadAllBytes(typeof(IndexSubjects).Assembly.Location));
        using var inMemory = ModuleDefinition.ReadModule(stream);
        Assert.Null(MethodBodyIndex.For(inMemory));
    }

    private MethodDefinition Subject(string name) =>
        module.GetType(typeof(IndexSubjects).FullName).Methods.Single(m => m.Name == name);
}

/// <summary>Methods whose IL the index is checked against (never called).</summary>
public static class IndexSubjects
{
    public static bool CallsFileExists(string path) => File.Exists(path);

    public static int CallsFileExistsInALoop(string[] paths)
    {
        var found = 0;
        foreach (var path in paths)
        {
            switch (path.Length)
            {
                case 0: continue;
                case 1: found += 2; break;
                default: if (File.Exists(path)) found++; break;
            }
        }
        return found;
    }

    public static bool CallsDirectoryExists(string path) => Directory.Exists(path);

    public static int CallsNothing(int x) => x * 3 + 1;

    public static char ReadsSeparator() => Path.DirectorySeparatorChar;

    public static int CallsALocalMethod() => CallsNothing(2);

    public static int CallsAGenericMethod() => Array.Empty<int>().Length;
}
