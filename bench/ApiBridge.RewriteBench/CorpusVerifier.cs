using System.Text.RegularExpressions;
using ApiBridge.Core.Loading;
using ApiBridge.Core.Rewriting;
using ApiBridge.Core.Verification;
using Mono.Cecil;

namespace ApiBridge.RewriteBench;

/// <summary>
/// Checks what ApiBridge wrote for the corpus: every method whose body the rewrite added or changed goes through
/// <see cref="BodyChecker"/> (only errors its input did not already have count), and every rewritten assembly is
/// force-compiled with <see cref="MethodCompiler"/> (again against the input's own failures).
/// </summary>
public static partial class CorpusVerifier
{
    public sealed record Result(int Assemblies, int EditedMethods, int NewBodyErrors, int Compiled, int NewCompileErrors, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes);

    public static Result Verify(string inputFolder, RewriteSummary summary, bool compile)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        var rewritten = summary.Outcomes.Where(o => o.Action == RewriteAction.Rewritten).ToList();
        int edited = 0, bodyErrors = 0, compiled = 0, compileErrors = 0;
        using (var inputs = CachingAssemblyResolver.ForApp(inputFolder))
        using (var outputs = CachingAssemblyResolver.ForApp(summary.OutputFolder))
        {
            foreach (var outcome in rewritten)
            {
                using var before = ModuleDefinition.ReadModule(outcome.SourcePath, new ReaderParameters { AssemblyResolver = inputs, InMemory = true });
                using var after = ModuleDefinition.ReadModule(outcome.OutputPath, new ReaderParameters { AssemblyResolver = outputs, InMemory = true });
                var originals = before.GetTypes().SelectMany(t => t.Methods).GroupBy(m => m.FullName).ToDictionary(g => g.Key, g => g.First());
                foreach (var method in after.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
                {
                    originals.TryGetValue(method.FullName, out var original);
                    if (original is not null && original.HasBody && SameBody(original, method))
                        continue;
                    edited++;
                    var known = original is { HasBody: true } ? BodyChecker.Check(original).Select(WithoutOffsets).ToHashSet() : new HashSet<string>();
                    foreach (var error in BodyChecker.Check(method).Where(e => !known.Contains(WithoutOffsets(e))))
                    {
                        bodyErrors++;
                        problems.Add($"{Path.GetFileName(outcome.OutputPath)} {method.FullName}: {error}");
                    }
                }
            }
        }

        if (compile)
        {
            foreach (var outcome in rewritten)
            {
                var name = Path.GetFileNameWithoutExtension(outcome.OutputPath);
                if (name == "System.Private.CoreLib")
                {
                    notes.Add("System.Private.CoreLib: body-checked only (a process cannot load a second CoreLib to compile it)");
                    continue;
                }
                compiled++;
                var found = MethodCompiler.CompileAll(outcome.OutputPath, new[] { summary.OutputFolder });
                if (found.Count == 0)
                    continue;
                // Compared by method and exception type: messages name the folder the assembly was loaded from.
                var known = MethodCompiler.CompileAll(outcome.SourcePath, new[] { inputFolder }).Select(CompileKey).ToHashSet();
                foreach (var error in found.Where(e => !known.Contains(CompileKey(e))))
                {
                    compileErrors++;
                    problems.Add($"{name}: {error}");
                }
            }
        }
        return new Result(rewritten.Count, edited, bodyErrors, compiled, compileErrors, problems, notes);
    }

    private static bool SameBody(MethodDefinition a, MethodDefinition b)
    {
        var x = a.Body.Instructions;
        var y = b.Body.Instructions;
        if (x.Count != y.Count || a.Body.ExceptionHandlers.Count != b.Body.ExceptionHandlers.Count)
            return false;
        for (var i = 0; i < x.Count; i++)
        {
            if (x[i].OpCode != y[i].OpCode)
                return false;
            if (x[i].Operand is MemberReference first && y[i].Operand is MemberReference second && first.FullName != second.FullName)
                return false;
        }
        return true;
    }

    // "Type::Method: ExceptionType: message" -> "Type::Method: ExceptionType"
    private static string CompileKey(string error)
    {
        var parts = error.Split(": ", 3);
        return parts.Length >= 2 ? parts[0] + ": " + parts[1] : error;
    }

    private static string WithoutOffsets(string error) => Offsets().Replace(error, "IL_x");

    [GeneratedRegex("IL_[0-9a-f]{4}")]
    private static partial Regex Offsets();
}
