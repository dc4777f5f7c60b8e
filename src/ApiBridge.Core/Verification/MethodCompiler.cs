using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace ApiBridge.Core.Verification;

/// <summary>
/// Force-compiles every method of an assembly in a collectable load context, so invalid IL
/// (InvalidProgramException), missing members and type-load failures surface now instead of in a guest.
/// Open generic methods and methods of open generic types cannot be compiled without instantiation and are skipped.
/// </summary>
public static class MethodCompiler
{
    public static IReadOnlyList<string> CompileAll(string assemblyPath, IEnumerable<string> probeDirectories)
    {
        var problems = new List<string>();
        var context = new ProbingContext(probeDirectories.Prepend(Path.GetDirectoryName(assemblyPath)!).ToList());
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException error)
            {
                problems.AddRange(error.LoaderExceptions.Select(e => $"type load: {e?.Message}"));
                types = error.Types.Where(t => t is not null).ToArray()!;
            }
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var type in types.Where(t => !t.ContainsGenericParameters))
            {
                foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
                {
                    if (method.IsAbstract || method.ContainsGenericParameters || (method.MethodImplementationFlags & MethodImplAttributes.InternalCall) != 0)
                        continue;
                    if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
                        continue; // a native import: nothing to compile
                    if ((method.MethodImplementationFlags & MethodImplAttributes.CodeTypeMask) == MethodImplAttributes.Runtime)
                        continue; // delegate Invoke and friends: the runtime supplies them
                    try
                    {
                        RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    }
                    catch (Exception error) when (error is InvalidProgramException or TypeLoadException or MissingMemberException or BadImageFormatException or FileNotFoundException or FileLoadException)
                    {
                        problems.Add($"{type.FullName}::{method.Name}: {error.GetType().Name}: {error.Message}");
                    }
                }
            }
        }
        finally
        {
            context.Unload();
        }
        return problems;
    }

    private sealed class ProbingContext(IReadOnlyList<string> directories) : AssemblyLoadContext("apibridge-verify", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            foreach (var directory in directories)
            {
                var candidate = Path.Combine(directory, name.Name + ".dll");
                if (File.Exists(candidate))
                    return LoadFromAssemblyPath(candidate);
            }
            return null; // the shared framework, from the default context
        }
    }
}
