using System.Reflection;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>What the rewriter relies on for the libc exports: public static shims, one per name, native shapes only, and variadic slots it can widen into.</summary>
public sealed class ShimConventionTests
{
    private static IEnumerable<(Type Type, MethodInfo Method, ShimExportAttribute Export)> Exports() =>
        from type in typeof(ApiBridge.Shims.Posix.Libc.Time).Assembly.GetTypes()
        where type.GetCustomAttribute<ShimLibraryAttribute>()?.Library == "libc"
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        from export in method.GetCustomAttributes<ShimExportAttribute>()
        select (type, method, export);

    [Fact]
    public void Exports_are_public_static_and_each_name_is_exported_once()
    {
        var exports = Exports().ToList();
        Assert.True(exports.Count > 200);
        foreach (var (type, method, export) in exports)
        {
            Assert.True(type.IsPublic && type.IsAbstract && type.IsSealed, $"{type.Name} is not a public static class");
            Assert.True(method.IsPublic && method.IsStatic, $"{export.EntryPoint} is not public static");
        }
        Assert.Empty(exports.GroupBy(e => e.Export.EntryPoint).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Parameters_and_results_have_native_shapes_only()
    {
        // short: C's short where a prototype has one (posix_spawnattr_setflags), since the binder matches integers by size.
        var allowed = new HashSet<Type> { typeof(short), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(nint), typeof(nuint), typeof(void) };
        foreach (var (_, method, export) in Exports())
        {
            foreach (var type in method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType))
                Assert.True(allowed.Contains(type) || type.IsPointer, $"{export.EntryPoint} uses {type}");
        }
    }

    [Fact]
    public void Variadic_slots_are_register_wide_and_optional()
    {
        var variadic = Exports().Where(e => e.Export.VariadicFrom >= 0).ToList();
        Assert.Equal(["fcntl", "fcntl64", "ioctl"], variadic.Select(e => e.Export.EntryPoint).Order());
        foreach (var (_, method, export) in variadic)
        {
            var slots = method.GetParameters().Skip(export.VariadicFrom).ToList();
            Assert.NotEmpty(slots);
            Assert.All(slots, p => Assert.True(p.ParameterType == typeof(nint) || p.ParameterType == typeof(long) || p.ParameterType == typeof(ulong), export.EntryPoint));
            Assert.True(slots[^1].HasDefaultValue, $"{export.EntryPoint}: a guest may leave the variadic argument out");
        }
    }
}
